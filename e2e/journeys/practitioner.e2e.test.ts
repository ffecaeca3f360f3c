import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

/**
 * Journey 1 (DESIGN §2): a practitioner finds a speech and language therapist with a typo'd or abbreviated query,
 * opens her profile and sees an introduction path; builds a three-need team and sees an uncovered need.
 */
describe('journey 1: a practitioner looking for help', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in and shows who is signed in with their role', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in to Knotwork' }).waitFor();
    await checkPage(page, '01-sign-in');
    await signIn(page, base, 'practitioner@knotwork.test');
    expect(await page.getByTestId('user-name').textContent()).toBe(demoFacts.demoPractitioner.name);
    expect(await page.getByTestId('user-role').textContent()).toBe('Practitioner');
    await checkPage(page, '02-search-empty');
  });

  it('finds speech and language therapists with a typo and with an abbreviation', async () => {
    const input = page.getByLabel(/Who can help/);
    await input.fill('speach therapy');
    const practitioners = page.locator('.result', { hasText: 'Practitioner' }).first();
    await practitioners.waitFor();
    await expect.poll(() => page.getByText('Speech and language therapist').count()).toBeGreaterThan(0);
    await checkPage(page, '03-search-typo');

    await input.fill('SALT');
    await expect.poll(() => page.url()).toContain('q=SALT');
    await practitioners.waitFor();
    await expect.poll(() => page.getByText('Speech and language therapist').count()).toBeGreaterThan(0);

    // Filters: locality North and a 10-year-old.
    await page.getByLabel('Locality').selectOption({ label: demoFacts.northDistrict.name });
    await page.getByLabel('Age of the child').fill('10');
    await expect.poll(() => page.url()).toContain('age=10');
    await expect.poll(() => page.locator('.results-status').textContent()).toMatch(/\d+ results? for “SALT”/);
    await checkPage(page, '04-search-abbrev-filtered');

    // An empty result suggests what to try.
    await input.fill('qwxzvjq');
    await page.getByRole('heading', { name: 'No matches' }).waitFor();
    await checkPage(page, '05-search-no-matches');
  });

  it('opens the therapist’s profile: limits of expertise and an introduction path', async () => {
    await page.getByLabel(/Who can help/).fill(demoFacts.slt.name);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const link = page.getByRole('link', { name: demoFacts.slt.name, exact: true }).first();
    await link.click();
    await page.getByRole('heading', { level: 1, name: demoFacts.slt.name }).waitFor();
    await page.getByRole('heading', { name: /does not do/ }).waitFor();
    await checkPage(page, '06-profile');

    await page.getByRole('button', { name: /How do I reach/ }).click();
    await page.getByText('Route 1').waitFor();
    const reach = await page.locator('.reach').textContent();
    expect(reach).toContain(demoFacts.colleague.name);
    await checkPage(page, '07-profile-reach');

    await page.getByRole('link', { name: 'Show on the network' }).click();
    await page.getByRole('heading', { name: 'Introduction path' }).waitFor();
    await page.locator('.cy canvas').first().waitFor();
    await page.waitForTimeout(1500);
    await checkPage(page, '08-network-path');

    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('heading', { name: /^Practitioners \(/ }).waitFor();
    expect(page.url()).toContain('view=list');
    await checkPage(page, '09-network-list');

    // Expand a neighbour from the list; the view state (expansions, date) lives in the URL.
    const expand = page.getByRole('button', { name: /^Expand / }).first();
    await expand.click();
    await expect.poll(() => page.url()).toContain('expanded=');
    const before = await page.locator('.list-view li').count();
    await expect.poll(() => page.locator('.list-view li').count()).toBeGreaterThanOrEqual(before);
    const slider = page.getByLabel('Network as of');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.url()).toMatch(/asOf=\d{4}-\d{2}-\d{2}/);
    await page.getByRole('button', { name: 'Graph', exact: true }).click();
    await page.waitForTimeout(1000);
    await checkPage(page, '09b-network-early-date');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Graph', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toMatch(/asOf=.*expanded=|expanded=.*asOf=/);
  });

  it('builds a three-need team and sees the need nobody covers', async () => {
    await page.goto(`${base}/team`);
    const filter = page.getByLabel(/Find a need/);
    for (const need of ['school attendance', 'speech and language delay', 'housing insecurity']) {
      await filter.fill(need);
      await page.getByRole('checkbox', { name: new RegExp(`^${need}`, 'i') }).first().check();
    }
    await filter.fill('');
    await page.getByLabel('Age of the child (years)').fill('10');
    await page.getByLabel('Locality').selectOption({ label: demoFacts.uncoveredNeed.locality.name });
    await page.getByRole('button', { name: 'Suggest a team' }).click();
    await page.getByRole('heading', { name: 'Suggested team' }).waitFor({ timeout: 60_000 });
    const uncovered = page.locator('.uncovered');
    await uncovered.waitFor();
    expect((await uncovered.textContent())?.toLowerCase()).toContain('housing insecurity');
    await page.waitForTimeout(800);
    await checkPage(page, '10-team');
    expect(errors).toEqual([]);
  });
});
