import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

/** Issue 15 item 1: the engine's best hits first, every result reachable, facet counts that add up. */
describe('search results: relevance order, show more, true facets', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch({ width: 1440, height: 900 });
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await signIn(page, base, 'practitioner@knotwork.test');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const shown = () => page.locator('.result').count();
  const total = async () => Number((await page.getByTestId('results-total').textContent())!.replace(/\D/g, ''));

  it('puts the best hit first whatever its type, with a type badge on every result', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('speech delay')}`);
    await page.locator('.result').first().waitFor();
    const names = await page.locator('.result .result-name').allTextContents();
    const need = demoFacts.needs.speechAndLanguageDelay.name;
    expect(names.slice(0, 5), 'the need is among the best hits').toContain(need);
    const needResult = page.locator('.result', { hasText: need }).first();
    expect((await needResult.boundingBox())!.y, 'on the first screen').toBeLessThan(900);
    expect(await needResult.locator('.type-badge').textContent()).toMatch(/Need/);
    expect(await page.locator('.result .type-badge').count()).toBe(await shown());
    // One list, not grouped by type.
    expect(await page.locator('.group-title').count()).toBe(0);
    await checkPage(page, '70-search-relevance');
  });

  it('shows more until every result is on the page, without repeats', async () => {
    const all = await total();
    expect(all).toBeGreaterThan(30);
    expect(await shown()).toBe(30);
    const more = page.getByRole('button', { name: /^Show \d+ more/ });
    while (await more.isVisible()) {
      const before = await shown();
      await more.click();
      await expect.poll(shown).toBeGreaterThan(before);
    }
    expect(await shown()).toBe(all);
    const hrefs = await page
      .locator('.result a.result-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(all);
    expect(await page.locator('.results-status').textContent()).toContain(`all ${all}`);
    await checkPage(page, '71-search-all-shown');
  });

  it('has type facet counts that add up to the total and match what a filter then shows', async () => {
    const all = await total();
    const typeCounts = await page
      .locator('fieldset.facet', { has: page.locator('legend', { hasText: 'Type' }) })
      .locator('.count')
      .allTextContents();
    const counts = typeCounts.map((t) => Number(t.replace(/\D/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all);

    const countOf = async (label: RegExp) =>
      Number((await page.getByLabel(label).locator('xpath=..').textContent())!.replace(/\D/g, ''));
    const practitioners = await countOf(/^Practitioners \(\d+\)/);
    const needsBox = page.getByLabel(/^Needs \(\d+\)/);
    const needs = Number((await needsBox.locator('xpath=..').textContent())!.replace(/\D/g, ''));
    // The box follows the URL, so it is ticked once the URL has changed (check() would look too early).
    await needsBox.click();
    await expect.poll(() => page.url()).toContain('types=Need');
    await expect.poll(() => needsBox.isChecked()).toBe(true);
    await expect.poll(total).toBe(needs);
    await expect.poll(shown).toBe(Math.min(needs, 30));
    // The other types keep their counts: what ticking them as well would add.
    await expect.poll(() => countOf(/^Practitioners \(\d+\)/)).toBe(practitioners);
    const badges = await page.locator('.result .type-badge').allTextContents();
    expect(badges.every((b) => /Need/.test(b))).toBe(true);
    await checkPage(page, '72-search-type-filter');
    expect(errors).toEqual([]);
  });
});
