import neo4j from 'neo4j-driver';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

/** Issue 16: "we worked together" in two clicks from a path; unconfirmed shown as such; the bell lists and marks read. */
describe('worked together in two clicks, and the bell', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const target = demoFacts.slt;

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records joint work from a path in two clicks; it shows as unconfirmed', async () => {
    await signIn(page, base, 'practitioner@knotwork.test');
    await page.goto(`${base}/practitioners/${target.id}`);
    await page.getByRole('button', { name: /How do I reach/ }).click();
    await page.getByRole('button', { name: 'We worked together' }).first().click(); // click 1
    await page.getByRole('button', { name: 'Record' }).click(); // click 2
    await page.getByRole('status').filter({ hasText: 'Recorded.' }).waitFor();
    await checkPage(page, 'wt-01-recorded');
    await page.goto(`${base}/introductions`);
    await page
      .getByTestId('worked-together')
      .first()
      .getByText(/Unconfirmed: not counted as evidence yet/)
      .waitFor();
    await checkPage(page, 'wt-02-unconfirmed');
  });

  it('the bell shows the unread count, lists notifications and marks them read', async () => {
    const driver = neo4j.driver(
      process.env.NEO4J_URI!,
      neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!),
    );
    try {
      await driver.executeQuery(
        `CREATE (:Notification {id: randomUUID(), recipientId: $me, kind: 'collaboration.confirmed',
                 text: 'A colleague confirmed a TAC meeting', link: '/introductions#worked-together',
                 createdAt: $now, readAt: null})`,
        { me: demoFacts.demoPractitioner.id, now: new Date().toISOString() },
      );
    } finally {
      await driver.close();
    }
    await page.reload();
    const bell = page.getByTestId('bell');
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toMatch(/Notifications: [1-9]\d* unread/);
    await bell.click();
    await page
      .getByRole('region', { name: 'Notifications' })
      .getByText('A colleague confirmed a TAC meeting')
      .waitFor();
    await checkPage(page, 'wt-03-bell-open');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications: 0 unread');
    expect(errors).toEqual([]);
  });

  it('the mail settings page the digest links to: a choice per kind of event, kept after a reload', async () => {
    await page.goto(`${base}/introductions`);
    await page.getByTestId('bell').click();
    await page.getByRole('link', { name: 'Mail settings' }).click();
    await page.getByRole('heading', { name: 'Mail from Knotwork' }).waitFor();
    const reminders = page.getByLabel('Reminders to check your profile');
    await reminders.selectOption('digest');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Reminders to check your profile').inputValue()).toBe('digest');
    await checkPage(page, 'wt-04-mail-settings');
    await page.getByLabel('Reminders to check your profile').selectOption('immediate');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(errors).toEqual([]);
  });
});
