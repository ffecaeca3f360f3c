import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type SignedIn } from '../../../test/factories.js';
import { buildTestApp } from '../../../test/helper.js';
import { actionPath, mailTo, waitForMail } from '../../../test/mailpit.js';
import type { App } from '../../app.js';
import { createTestWorld, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  for (const key of ['mia', 'sally', 'hal', 'bea', 'ivy']) as[key] = await signInAs(app, 'practitioner', { practitionerId: world.ids[key]! });
});
afterAll(async () => {
  if (world) {
    await app.db.write((tx) =>
      tx.run(`MATCH (r:IntroductionRequest) WHERE r.requesterId IN $ids DETACH DELETE r`, { ids: Object.values(world.ids) }),
    );
    await world.cleanup();
  }
  await app?.close();
});

const note = () => ({ needs: [world.ids.need_housing!], ageBand: '11-15', locality: world.ids.north! });
const statusOf = async (who: SignedIn, id: string) =>
  (await who.inject({ method: 'GET', url: `/api/introductions/${id}` })).json().status as string;

/** A port nobody listens on: an SMTP server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('mail through the outbox to a real SMTP server (Mailpit)', () => {
  it('the broker gets the request by mail; its one-click link accepts that request only, once', async () => {
    const created = await as.mia!.inject({
      method: 'POST',
      url: '/api/introductions',
      payload: { broker: world.ids.sally, target: world.ids.hal, note: note() },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await app.mail.worker!.drain();

    const [mail, ...more] = await waitForMail(as.sally!.user.email);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual([as.sally!.user.email]);
    expect(mail!.subject).toBe(`${world.name('mia')} asks you to introduce them to ${world.name('hal')}`);
    expect(mail!.text).toContain('age 11-15');
    const link = actionPath(mail!.text);

    // Opening the link shows what it does and changes nothing (mail scanners open links).
    const shown = await app.inject({ method: 'GET', url: link });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Introduce them');
    expect(await statusOf(as.mia!, id)).toBe('awaiting-broker');

    const done = await app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.headers['set-cookie']).toBeUndefined(); // signs nobody in
    expect(await statusOf(as.mia!, id)).toBe('awaiting-target');
    const audit = await app.db.read((tx) =>
      tx.run(`MATCH (e:AuditEvent {entityId: $id, action: 'accept'}) RETURN e.actorId AS actor`, { id }),
    );
    expect(audit.records.map((r) => r.get('actor'))).toEqual([as.sally!.user.id]);

    // Once only.
    expect((await app.inject({ method: 'POST', url: link })).statusCode).toBe(410);
    expect((await app.inject({ method: 'GET', url: link })).statusCode).toBe(410);
    expect((await app.inject({ method: 'GET', url: '/mail-actions/not-a-token-at-all-xxxxxxxx' })).statusCode).toBe(410);

    // The target's link, sent when the broker accepted, expires.
    await app.mail.worker!.drain();
    const [toHal] = await waitForMail(as.hal!.user.email);
    expect(toHal!.subject).toBe(`${world.name('sally')} introduces ${world.name('mia')} to you`);
    const [toMia] = await waitForMail(as.mia!.user.email);
    expect(toMia!.subject).toBe(`${world.name('sally')} is introducing you to ${world.name('hal')}`);
    const halLink = actionPath(toHal!.text);
    await app.db.write((tx) => tx.run(`MATCH (t:ActionToken {subjectId: $id, action: 'introduction.target-accept'}) SET t.expiresAt = '2020-01-01T00:00:00.000Z'`, { id }));
    expect((await app.inject({ method: 'GET', url: halLink })).statusCode).toBe(410);
    expect((await app.inject({ method: 'POST', url: halLink })).statusCode).toBe(410);
    expect(await statusOf(as.mia!, id)).toBe('awaiting-target');
  });

  it('a refused request queues no mail', async () => {
    const before = await app.db.read((tx) => tx.run(`MATCH (m:MailMessage {to: $to}) RETURN count(m) AS n`, { to: as.bea!.user.email }));
    const refused = await as.mia!.inject({
      method: 'POST',
      url: '/api/introductions',
      payload: { target: world.ids.bea, note: { ...note(), line: 'NHS number 943 476 5919' } },
    });
    expect(refused.statusCode).toBe(400);
    const after = await app.db.read((tx) => tx.run(`MATCH (m:MailMessage {to: $to}) RETURN count(m) AS n`, { to: as.bea!.user.email }));
    expect(after.records[0]!.get('n')).toEqual(before.records[0]!.get('n'));
  });

  it('SMTP down: the mail waits in the outbox and is delivered once when a server is back', async () => {
    const down = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    try {
      const created = await as.bea!.inject({ method: 'POST', url: '/api/introductions', payload: { target: world.ids.ivy, note: note() } });
      expect(created.statusCode, created.body).toBe(201);
      await down.mail.worker!.drain();
      const queued = await app.db.read((tx) =>
        tx.run(`MATCH (m:MailMessage {to: $to}) RETURN m.sentAt AS sentAt, m.attempts AS attempts, m.lastError AS error`, {
          to: as.ivy!.user.email,
        }),
      );
      expect(queued.records).toHaveLength(1);
      expect(queued.records[0]!.get('sentAt')).toBeNull();
      expect(Number(queued.records[0]!.get('attempts'))).toBe(1);
      expect(queued.records[0]!.get('error')).toBeTruthy();
      expect(await mailTo(as.ivy!.user.email)).toHaveLength(0);
    } finally {
      await down.close();
    }
    // Back: the retry is due after its backoff (shortened here), and sending again later changes nothing.
    await app.db.write((tx) => tx.run(`MATCH (m:MailMessage {to: $to}) SET m.nextAttemptAt = $now`, { to: as.ivy!.user.email, now: new Date().toISOString() }));
    await app.mail.worker!.drain();
    await app.mail.worker!.drain();
    const delivered = await waitForMail(as.ivy!.user.email);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toBe(`${world.name('bea')} would like to get in touch`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailTo(as.ivy!.user.email)).toHaveLength(1);
  });
});
