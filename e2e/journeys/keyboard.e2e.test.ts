import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Browser } from '../support/browser.js';
import { checkPage } from '../support/journey.js';

/** The main flow with the keyboard alone: sign in, search, open a result, ask how to reach them, network list. */
describe('keyboard only', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName,
        id: el.id,
        text: (el.textContent ?? '').trim().slice(0, 80),
        label: el.getAttribute('aria-label'),
        outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      };
    });

  async function tabTo(match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f && match(f)) return f;
    }
    throw new Error(`not reached with ${max} Tab presses; focus is on ${JSON.stringify(await focused())}`);
  }

  it('works through the main flow without a mouse, with visible focus', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Knotwork' }).waitFor();
    await tabTo((f) => f.id === 'email');
    await page.keyboard.type('practitioner@knotwork.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('knotwork-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('user-role').waitFor();

    // The search box has focus after sign-in.
    await expect.poll(async () => (await focused())?.id).toBe('search-input');
    await page.keyboard.type('SALT');
    await page.locator('.result', { hasText: 'Practitioner' }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    const first = await focused();
    expect(first?.tag).toBe('A');
    expect(first?.outline).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const chosen = await focused();
    expect(chosen?.text).toBe(first?.text);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: chosen!.text }).waitFor();

    const reach = await tabTo((f) => f.tag === 'BUTTON' && /How do I reach/.test(f.text));
    expect(reach.outline).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.reach').waitFor();
    await expect.poll(async () => (await focused())?.tag).toBe('SECTION');

    const network = await tabTo((f) => f.tag === 'A' && f.text === 'Show in network', 60).catch(() => null);
    if (!network) {
      // Shift+Tab back to it (it sits before the reach panel in the page order).
      for (let i = 0; i < 60 && (await focused())?.text !== 'Show in network'; i++) await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Network around/ }).waitFor();
    await tabTo((f) => f.tag === 'BUTTON' && f.text === 'List');
    await page.keyboard.press('Enter');
    await page.locator('.list-view').waitFor();
    const details = await tabTo((f) => f.tag === 'BUTTON' && (f.label ?? '').startsWith('Details of'));
    await page.keyboard.press('Enter');
    await page.locator('.side-panel h2', { hasText: details.label!.replace('Details of ', '') }).waitFor();
    await checkPage(page, '40-keyboard-network-list');
  });
});
