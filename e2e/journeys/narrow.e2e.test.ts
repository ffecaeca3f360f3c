import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage } from '../support/journey.js';

/** A phone-sized screen: the main pages reflow into one column and stay accessible. */
describe('narrow screen (390×844)', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch({ width: 390, height: 844 });
    page = await browser.context.newPage();
    await signIn(page, base, 'practitioner@knotwork.test');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('search, profile and network fit the screen', async () => {
    await page.goto(`${base}/?q=speech`);
    await page.locator('.result', { hasText: 'Practitioner' }).first().waitFor();
    await checkPage(page, '50-narrow-search');
    await page.goto(`${base}/practitioners/${demoFacts.slt.id}`);
    await page.getByRole('heading', { level: 1, name: demoFacts.slt.name }).waitFor();
    await checkPage(page, '51-narrow-profile');
    await page.goto(`${base}/network?focus=${demoFacts.slt.id}`);
    await page.locator('.cy canvas').first().waitFor();
    await page.waitForTimeout(1500);
    await checkPage(page, '52-narrow-network');
  });
});
