import neo4j from 'neo4j-driver';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../seed/src/index.js';
import { launch, screenshot, signIn, type Browser } from '../support/browser.js';
import { checkPage, watchErrors } from '../support/journey.js';

/**
 * Issue 16: a practitioner asks for an introduction from a path; the broker accepts from the link in the mail
 * captured by Mailpit (no sign-in), so does the person introduced; the practitioner then sees the new tie.
 */
const mailpit = () => process.env.MAILPIT_URL!;

async function waitForMailWithSubject(subject: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${mailpit()}/api/v1/search?query=${encodeURIComponent(`subject:"${subject}"`)}`);
    const body = (await res.json()) as { messages: Array<{ ID: string; Subject: string }> };
    const hit = body.messages.find((m) => m.Subject === subject);
    if (hit) {
      const message = (await (await fetch(`${mailpit()}/api/v1/message/${hit.ID}`)).json()) as { Text: string };
      return message.Text;
    }
    if (Date.now() > deadline) throw new Error(`no mail with subject "${subject}" arrived in Mailpit`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const linkPath = (text: string) => /https?:\/\/[^\s/]+(\/mail-actions\/[A-Za-z0-9_-]+)/.exec(text)![1]!;

describe('introductions: ask from a path, accept from the mail', () => {
  const base = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let target: { id: string; name: string };

  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    // Someone two steps away through joint work, not the SLT other journeys reach (this one changes the graph).
    const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!));
    try {
      const res = await driver.executeQuery(
        `MATCH (me:Practitioner {id: $me})-[:WORKS_FOR]->(:Agency)<-[:WORKS_FOR]-(b:Practitioner)
         MATCH (b)-[:PARTICIPATED_IN]->(:Collaboration)<-[:PARTICIPATED_IN]-(t:Practitioner)
         WHERE t <> me AND t.id <> $slt AND b.email IS NOT NULL
           AND NOT EXISTS { (me)-[:PARTICIPATED_IN]->(:Collaboration)<-[:PARTICIPATED_IN]-(t) }
           AND NOT EXISTS { (me)-[:KNOWS]-(t) }
           AND NOT EXISTS { (me)-[:WORKS_FOR]->(:Agency)<-[:WORKS_FOR]-(t) }
           AND NOT EXISTS { (me)-[:ATTENDS]->(:Forum)<-[:ATTENDS]-(t) }
         RETURN DISTINCT t.id AS id, t.name AS name ORDER BY t.name LIMIT 1`,
        { me: demoFacts.demoPractitioner.id, slt: demoFacts.slt.id },
      );
      target = { id: res.records[0]!.get('id') as string, name: res.records[0]!.get('name') as string };
    } finally {
      await driver.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks the first person on a path to introduce her', async () => {
    await signIn(page, base, 'practitioner@knotwork.test');
    await page.goto(`${base}/practitioners/${target.id}`);
    await page.getByRole('button', { name: /How do I reach/ }).click();
    const ask = page.getByRole('button', { name: /^Ask .+ to introduce me$/ }).first();
    await ask.waitFor();
    await checkPage(page, 'intro-01-path-with-ask');
    await ask.click();
    const form = page.getByRole('form', { name: /^Ask .+ to introduce me$/ });
    await form.getByRole('checkbox').first().check();
    await form.getByLabel('Age band').selectOption('5-10');
    await form.getByLabel('Locality').selectOption({ label: demoFacts.demoPractitioner.district.name });
    // A line that names the child is refused with the reason.
    await form.getByLabel(/One line about the need/).fill('a boy called Jamie is not attending');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/That line must not identify the child/);
    await checkPage(page, 'intro-02-refused-line');
    await form.getByLabel(/One line about the need/).fill('Family facing eviction; attendance falling');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent.' }).waitFor();
    await checkPage(page, 'intro-03-sent');
  });

  it('the broker accepts from the link in the captured mail, without signing in', async () => {
    const inbox = await (await page.request.get(`${base}/api/introductions?as=requester&open=true`)).json();
    const request = (inbox as { items: Array<{ id: string; broker: { name: string }; target: { id: string } }> }).items.find(
      (i) => i.target.id === target.id,
    )!;
    const text = await waitForMailWithSubject(
      `${demoFacts.demoPractitioner.name} asks you to introduce them to ${target.name}`,
    );
    // Signed out: the link alone does its one action.
    await browser.context.clearCookies();
    await page.goto(`${base}${linkPath(text)}`);
    await page.getByRole('button', { name: 'Introduce them' }).click();
    await page.getByText('Done: the introduction has gone on').waitFor();
    await screenshot(page, 'intro-04-broker-accepted-from-mail');

    const toTarget = await waitForMailWithSubject(`${request.broker.name} introduces ${demoFacts.demoPractitioner.name} to you`);
    await page.goto(`${base}${linkPath(toTarget)}`);
    await page.getByRole('button', { name: 'Accept the introduction' }).click();
    await page.getByText('Done: you are now recorded as knowing each other').waitFor();
    await page.goto(`${base}${linkPath(toTarget)}`);
    await page.getByText('This link no longer works').waitFor();
  });

  it('the practitioner sees the accepted request and the new tie', async () => {
    await signIn(page, base, 'practitioner@knotwork.test');
    await page.goto(`${base}/introductions`);
    await page.getByTestId('introduction').filter({ hasText: target.name }).getByText('Accepted').waitFor();
    await checkPage(page, 'intro-05-inbox-accepted');
    await page.goto(`${base}/practitioners/${target.id}`);
    await page.getByRole('button', { name: /How do I reach/ }).click();
    await page.getByText(/direct tie/).first().waitFor();
    await expect.poll(() => page.getByText(/you have recorded meeting/).count()).toBeGreaterThan(0);
    await checkPage(page, 'intro-06-direct-tie');
    await page.goto(`${base}/network?focus=${target.id}&pathFrom=${demoFacts.demoPractitioner.id}&depth=1`);
    await page.waitForLoadState('networkidle').catch(() => {});
    await screenshot(page, 'intro-07-network');
    expect(errors).toEqual([]);
  });
});
