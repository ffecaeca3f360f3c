import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, signIn, type Browser } from '../support/browser.js';
import { watchErrors } from '../support/journey.js';

/** Issue 19: a situation in everyday words shows what search understood, and the user can correct it. */
describe('search understands a situation', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch({ width: 1280, height: 800 });
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await signIn(page, base, 'practitioner@knotwork.test');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('"toddler not talking" shows "Searching for: …" and the understood need can be removed', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('toddler not talking')}`);
    const understood = page.getByTestId('understood');
    await understood.waitFor();
    await expect.poll(() => understood.textContent()).toMatch(/Searching for:.*speech and language delay.*toddler/);
    await page.locator('.result').first().waitFor();
    await page.getByRole('button', { name: 'Remove speech and language delay' }).click();
    await expect.poll(() => page.url()).toContain('ignore=speech-and-language-delay');
    await expect.poll(() => understood.textContent()).not.toMatch(/speech and language delay/);
    await page.getByRole('button', { name: 'Remove age toddler' }).click();
    await expect.poll(() => understood.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});
