import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

const csrf = { 'x-knotwork-csrf': '1' };

/**
 * Journey 3 (DESIGN §2): a new member of staff gets onboarding suggestions and marks one person as met, after
 * which a path through that person exists. The newcomer is the demo isolate (no ties at all), given an account
 * by the administrator at the start.
 */
describe('journey 3: a new member of staff', () => {
  const base = inject('baseUrl');
  const email = `newcomer-${Date.now()}@knotwork.test`;
  const password = 'e2e-newcomer-password';
  const newcomer = demoFacts.isolate;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    // The administrator gives the newcomer an account linked to their practitioner profile.
    await signIn(page, base, 'admin@knotwork.test');
    const created = await page.request.post(`${base}/api/users`, {
      headers: csrf,
      data: { email, password, role: 'practitioner', practitionerId: newcomer.id },
    });
    if (created.status() === 409) {
      // A previous run linked an account already: reset its password instead.
      const users = (await (await page.request.get(`${base}/api/users?limit=200`)).json()) as {
        items: { id: string; practitionerId: string | null; email: string }[];
      };
      const existing = users.items.find((u) => u.practitionerId === newcomer.id)!;
      const patched = await page.request.patch(`${base}/api/users/${existing.id}`, { headers: csrf, data: { password } });
      expect(patched.status()).toBe(200);
      await page.request.post(`${base}/api/auth/logout`, { headers: csrf });
      await signIn(page, base, existing.email, password);
    } else {
      expect(created.status(), await created.text()).toBe(201);
      await page.request.post(`${base}/api/auth/logout`, { headers: csrf });
      await page.goto(`${base}/sign-in`);
      await signIn(page, base, email, password);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gets suggestions for their role and locality, marks one person as met and then has a path through them', async () => {
    expect(await page.getByTestId('user-name').textContent()).toBe(newcomer.name);
    const me = (await (await page.request.get(`${base}/api/practitioners/${newcomer.id}`)).json()) as {
      profession: string;
      localities: { id: string; name: string }[];
    };
    await page.getByRole('link', { name: 'Onboarding' }).click();
    await page.getByLabel('Your role').selectOption(me.profession);
    await page.getByLabel('Your locality').selectOption(me.localities[0]?.id ?? demoFacts.northDistrict.id);
    await page.getByRole('button', { name: 'Show suggestions' }).click();
    await page.getByRole('heading', { name: 'People to know first' }).waitFor({ timeout: 60_000 });
    const progress = page.getByText(/You have met \d+ of \d+ suggested people/);
    await progress.waitFor();
    // 0 on a fresh database; a re-run against the same data starts from what was recorded before.
    const metBefore = Number((await progress.textContent())!.match(/met (\d+)/)![1]);
    await checkPage(page, '30-onboarding');

    const button = page.getByRole('button', { name: /^I have met / }).first();
    const metName = (await button.getAttribute('aria-label'))!.replace('I have met them: ', '');
    await button.click();
    await page.getByText(new RegExp(`You have met ${metBefore + 1} of \\d+ suggested people`)).waitFor();
    await checkPage(page, '31-onboarding-met');

    // A path now runs through the person met: to one of their collaborators (or to them, if they have none).
    const metId = await page.getByRole('link', { name: metName, exact: true }).first().getAttribute('href');
    const detail = (await (await page.request.get(`${base}/api/${metId!.slice(1)}`)).json()) as {
      recentCollaborators?: { id: string; name: string }[];
    };
    const target = detail.recentCollaborators?.find((c) => c.id !== newcomer.id) ?? { id: metId!.split('/').pop()!, name: metName };
    await page.goto(`${base}/practitioners/${target.id}`);
    await page.getByRole('button', { name: /How do I reach/ }).click();
    await page.getByText('Route 1').waitFor({ timeout: 30_000 });
    expect(await page.locator('.reach .paths').textContent()).toContain(metName);
    await checkPage(page, '32-path-through-met');
    expect(errors).toEqual([]);
  });
});
