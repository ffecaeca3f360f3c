import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

/**
 * Journey 2 (DESIGN §2): a coordinator opens insights, finds a single point of failure, edits a profile and
 * verifies it, imports a CSV and sees rejected rows.
 */
describe('journey 2: a coordinator mapping the local system', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await signIn(page, base, 'coordinator@knotwork.test');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows coverage and finds a single point of failure, with CSV download', async () => {
    expect(await page.getByTestId('user-role').textContent()).toBe('Coordinator');
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.locator('table.heatmap').waitFor({ timeout: 60_000 });
    await checkPage(page, '20-insights-coverage');

    await page.getByRole('link', { name: 'Single points of failure' }).click();
    await page.getByRole('heading', { name: /Specialisms held by one person/ }).waitFor({ timeout: 60_000 });
    const row = page.locator('tr', { hasText: demoFacts.singleHolder.specialism.name }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(demoFacts.singleHolder.practitioner.name);
    await checkPage(page, '21-insights-single-points');

    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(demoFacts.singleHolder.specialism.name);

    for (const tab of ['Brokers', 'Isolates', 'Agency × agency', 'Forum reach']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.locator('.loading').waitFor({ state: 'detached', timeout: 60_000 }).catch(() => {});
      await page.locator('section table, section ul').first().waitFor({ timeout: 60_000 });
      await checkPage(page, `22-insights-${tab.replace(/[^a-z]+/gi, '-').toLowerCase()}`);
    }
  });

  it('edits a profile with inline validation, sees its history and verifies it', async () => {
    const id = demoFacts.singleHolder.practitioner.id;
    await page.goto(`${base}/practitioners/${id}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const email = page.getByLabel('Work email');
    await email.waitFor();
    const original = await email.inputValue();
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Save' }).click();
    const fieldError = page.locator('#f-email-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/email/i);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, '23-edit-validation');

    await email.fill(original || 'joanna.whitfield@ashmere.example');
    const limits = page.getByLabel(/Limits of expertise/);
    await limits.fill(`${(await limits.inputValue()).replace(/ \(checked .*\)$/, '')} (checked ${new Date().toISOString().slice(0, 10)})`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.locator('ol.audit li', { hasText: 'update' }).first().waitFor();
    await checkPage(page, '24-edit-saved-history');

    await page.goto(`${base}/admin/stale`);
    await page.getByRole('heading', { name: 'Profiles to check' }).waitFor();
    const firstVerify = page.getByRole('button', { name: /^Verify / }).first();
    await firstVerify.waitFor({ timeout: 30_000 });
    await checkPage(page, '25-stale-queue');
    const label = await firstVerify.getAttribute('aria-label');
    await firstVerify.click();
    await expect.poll(() => page.getByRole('button', { name: label!, exact: true }).count()).toBe(0);
  });

  it('finds a profile in search by the words just saved into it', async () => {
    const id = demoFacts.singleHolder.practitioner.id;
    const word = `Kestrelwick${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const search = async () => {
      await page.getByRole('link', { name: 'Search', exact: true }).click();
      await page.getByLabel(/Who can help/).fill(word);
    };
    // One page load, then moves inside the app as a user would: the search for the word is cached with no match.
    await page.goto(`${base}/practitioners/${id}`);
    await search();
    await page.getByRole('heading', { name: 'No matches' }).waitFor();
    await page.goBack();

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const title = page.getByLabel('Job title');
    await title.waitFor();
    const original = await title.inputValue();
    await title.fill(`${original} ${word}`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();

    // The same search now finds the profile: the client refetched it and the index had caught up with the edit.
    await search();
    await page.getByRole('link', { name: demoFacts.singleHolder.practitioner.name }).first().waitFor({ timeout: 15_000 });

    await page.goto(`${base}/practitioners/${id}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await title.waitFor();
    await title.fill(original);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
  });

  it('imports a CSV and shows the rejected rows', async () => {
    await page.goto(`${base}/admin/import`);
    await page.getByRole('heading', { name: /Import a partner/ }).waitFor();
    await page.getByLabel('Name of the partner source').fill(`e2e-partner-${Date.now()}`);
    await page.getByLabel('Records in the file').selectOption('Agency');
    const csv = [
      'name,sector,description,referralRoute',
      `E2E Partner Family Hub ${Date.now()},vcs,A family hub from the partner directory,Self-referral by phone`,
      ',health,Row without a name,',
      `E2E Partner Clinic ${Date.now()},not-a-sector,Bad sector,`,
    ].join('\n');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'partner-agencies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Rejected rows' }).waitFor();
    expect(await page.locator('section table tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('progress#imp-progress').getAttribute('value')).toBe('1');
    await checkPage(page, '26-import-report');
    expect(errors).toEqual([]);
  });
});
