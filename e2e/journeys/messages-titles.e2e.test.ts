import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage } from '../support/journey.js';

/** Issue 15 items 8 and 9: page titles, focus on the new page's heading, plain error messages, an expired session. */
describe('titles, focus, plain messages and session expiry', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch({ width: 1280, height: 800 });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const focusedHeading = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el?.tagName === 'H1' ? el.textContent : `${el?.tagName}`;
    });

  it('names every page in its title and moves focus to the heading after navigation', async () => {
    await page.goto(`${base}/sign-in`);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Sign in to Knotwork');
    await signIn(page, base, 'practitioner@knotwork.test');
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Search – Knotwork');
    await page.getByLabel(/Who can help/).fill('SALT');
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('“SALT” – Search – Knotwork');

    await page.getByRole('link', { name: 'Team around the child' }).click();
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Team around the child – Knotwork');
    await expect.poll(focusedHeading, { timeout: 15_000 }).toBe('Team around the child');

    await page.getByRole('link', { name: 'Onboarding' }).click();
    await expect.poll(focusedHeading, { timeout: 15_000 }).toBe('Getting to know the local system');
    expect(await page.title()).toBe('Getting to know the local system – Knotwork');

    // A profile loads its record before its heading exists: focus still lands on it.
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel(/Who can help/).fill(demoFacts.slt.name);
    await page.getByRole('link', { name: demoFacts.slt.name, exact: true }).first().click();
    await expect.poll(focusedHeading, { timeout: 15_000 }).toBe(demoFacts.slt.name);
    expect(await page.title()).toBe(`${demoFacts.slt.name} – Knotwork`);
  });

  it('says what is wrong in plain words, with a heading on error pages', async () => {
    await page.goto(`${base}/practitioners/not-a-record`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('This link does not point to a record');
    expect(text).not.toMatch(/UUID|params\.|highlighted/);
    expect(await page.title()).toBe('Not found – Knotwork');
    await checkPage(page, '80-bad-link');

    await page.goto(`${base}/?q=${'a'.repeat(201)}`);
    await page.locator('.error').waitFor();
    expect(await page.locator('.error').innerText()).toContain('The search is too long: at most 200 characters.');
    expect(await page.locator('.error').innerText()).not.toMatch(/querystring|highlighted/);

    await page.goto(`${base}/?q=speech&age=30`);
    await page.locator('.error').waitFor();
    expect(await page.locator('.error').innerText()).toContain('The age of the child must be 25 or less.');
    expect(await page.locator('.error').innerText()).not.toMatch(/Too big|<=/);
    await checkPage(page, '81-plain-validation');
  });

  it('sends an expired session to sign-in and back to the page it was on', async () => {
    await page.goto(`${base}/?q=speech`);
    await page.locator('.result').first().waitFor();
    // The session ends on the server side (as when it expires): the page still shows the user until it next asks.
    await browser.context.clearCookies();
    await page.getByLabel(/Who can help/).fill('housing');
    await page.getByRole('heading', { name: 'Sign in to Knotwork' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?q=housing');
    expect(await page.getByRole('status').filter({ hasText: 'Your session has ended' }).count()).toBe(1);
    expect(await page.getByTestId('user-name').count()).toBe(0);
    await checkPage(page, '82-session-ended');

    await page.getByLabel('Work email').fill('practitioner@knotwork.test');
    await page.getByLabel('Password').fill('knotwork-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('user-role').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=housing');
    await page.locator('.result').first().waitFor();
  });
});
