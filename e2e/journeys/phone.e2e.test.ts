import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, screenshotDir, signIn, type Browser } from '../support/browser.js';
import { checkPage } from '../support/journey.js';

/** What sticks out sideways: the page's scroll width against the window, and the widest culprits when it does not fit. */
async function reflow(page: Page) {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits =
      scrollWidth > innerWidth
        ? [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
            .slice(0, 8)
            .map(
              (e) => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`,
            )
        : [];
    return { innerWidth, scrollWidth, culprits };
  });
}

/** Screenshot, axe and no sideways scroll (WCAG 1.4.10 reflow). */
async function checkPhonePage(page: Page, name: string) {
  await checkPage(page, name);
  // The first screen as the practitioner sees it, beside the full-page one.
  await page.screenshot({ path: join(screenshotDir, `${name}-screen.png`) });
  const r = await reflow(page);
  expect(r.scrollWidth, `${name} scrolls sideways: ${JSON.stringify(r.culprits)}`).toBeLessThanOrEqual(r.innerWidth);
}

const sizes = [
  { width: 390, height: 844 },
  { width: 320, height: 640 },
] as const;

describe.each(sizes)('phone ($width×$height, touch)', (size) => {
  const base = inject('baseUrl');
  const tag = `6${size.width === 390 ? 0 : 5}-phone-${size.width}`;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch(size, { touch: true });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, and the nav opens from a menu button while Sign out stays on screen', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Knotwork' }).waitFor();
    await checkPhonePage(page, `${tag}-sign-in`);
    await signIn(page, base, 'practitioner@knotwork.test');

    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Network', exact: true }).isVisible()).toBe(false);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const box = (await signOut.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await checkPhonePage(page, `${tag}-menu-open`);
    await page.getByRole('link', { name: 'Network', exact: true }).click();
    await expect.poll(() => page.url()).toContain('/network');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
  });

  it('search: filters fold away and the first result is on the first screen', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('speech delay')}`);
    const first = page.locator('.result').first();
    await first.waitFor();
    const top = (await first.boundingBox())!;
    expect(top.y + 40, `first result at y=${top.y}`).toBeLessThanOrEqual(size.height);
    const filters = page.getByRole('button', { name: /^Filters/ });
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Locality').isVisible()).toBe(false);
    await checkPhonePage(page, `${tag}-search`);

    await filters.click();
    await page.getByLabel('Locality').selectOption({ label: demoFacts.northDistrict.name });
    await expect.poll(() => filters.textContent()).toContain('1 on');
    await checkPhonePage(page, `${tag}-search-filters`);
  });

  it('profiles of a practitioner, an agency and a need fit the screen', async () => {
    await page.goto(`${base}/practitioners/${demoFacts.slt.id}`);
    await page.getByRole('heading', { level: 1, name: demoFacts.slt.name }).waitFor();
    await checkPhonePage(page, `${tag}-practitioner`);
    await page.getByRole('button', { name: /How do I reach/ }).click();
    await page.getByText('Route 1').waitFor({ timeout: 60_000 });
    await checkPhonePage(page, `${tag}-practitioner-reach`);

    await page.goto(`${base}/agencies/${demoFacts.slt.agency.id}`);
    await page.getByRole('heading', { level: 1, name: demoFacts.slt.agency.name }).waitFor();
    await checkPhonePage(page, `${tag}-agency`);

    await page.goto(`${base}/needs/${demoFacts.needs.speechAndLanguageDelay.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPhonePage(page, `${tag}-need`);
  });

  it('network: tap help, and the details of the chosen node right under the graph', async () => {
    await page.goto(`${base}/network?focus=${demoFacts.slt.id}&selected=${demoFacts.slt.id}`);
    await page.locator('.cy canvas').first().waitFor();
    await page.getByRole('heading', { level: 2, name: demoFacts.slt.name }).waitFor();
    await page.waitForTimeout(1500);
    expect(await page.locator('.graph-help').innerText()).toMatch(/^Tap a node/);
    expect(await page.locator('.graph-help').innerText()).not.toMatch(/click/i);
    const graph = (await page.locator('.cy').boundingBox())!;
    const details = (await page.locator('.side-panel').boundingBox())!;
    expect(details.y - (graph.y + graph.height), 'gap between graph and details').toBeLessThan(120);
    await checkPhonePage(page, `${tag}-network`);

    await page.getByRole('button', { name: 'List' }).click();
    await page.locator('.list-view li').first().waitFor();
    await checkPhonePage(page, `${tag}-network-list`);
  });

  it('team around the child: the suggestion fits the screen', async () => {
    const needs = [demoFacts.needs.speechAndLanguageDelay.id, demoFacts.needs.schoolAttendance.id].join(',');
    await page.goto(`${base}/team?needs=${needs}&age=8&locality=${demoFacts.northDistrict.id}&go=1`);
    await page.getByRole('heading', { name: 'Suggested team' }).waitFor({ timeout: 60_000 });
    await checkPhonePage(page, `${tag}-team`);
    await page.goto(`${base}/onboarding`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPhonePage(page, `${tag}-onboarding`);
  });

  it('coordinator pages: insights and admin fit the screen', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Knotwork' }).waitFor();
    await signIn(page, base, 'coordinator@knotwork.test');
    const tabs: [string, string][] = [
      ['', 'coverage'],
      ['?tab=single-points', 'single-points'],
      ['?tab=brokers', 'brokers'],
      ['?tab=isolates', 'isolates'],
      ['?tab=agency-matrix', 'agency-matrix'],
      ['?tab=forum-reach', 'forum-reach'],
    ];
    for (const [query, name] of tabs) {
      await page.goto(`${base}/insights${query}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page
        .locator('.loading')
        .waitFor({ state: 'detached', timeout: 60_000 })
        .catch(() => {});
      await page.locator('main table, main ul').first().waitFor({ timeout: 60_000 });
      await checkPhonePage(page, `${tag}-insights-${name}`);
    }
    for (const [path, name] of [
      ['/admin', 'admin'],
      ['/admin/stale', 'stale'],
      ['/admin/import', 'import'],
      [`/edit/practitioners/${demoFacts.slt.id}`, 'edit'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page
        .locator('.loading')
        .waitFor({ state: 'detached', timeout: 60_000 })
        .catch(() => {});
      await checkPhonePage(page, `${tag}-${name}`);
    }
  });
});
