import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type SignedIn } from '../../../test/factories.js';
import { buildTestApp } from '../../../test/helper.js';
import { actionPath, mailTo, waitForMail } from '../../../test/mailpit.js';
import type { App } from '../../app.js';
import { createTestWorld, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
const as: Record<string, SignedIn> = {};
const collaborations: string[] = [];
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  for (const key of ['mia', 'sally', 'hal', 'bea', 'ivy'])
    as[key] = await signInAs(app, 'practitioner', { practitionerId: world.ids[key]! });
});
afterAll(async () => {
  if (world) {
    const ids = Object.values(world.ids);
    await app.db.write(async (tx) => {
      await tx.run(`MATCH (r:IntroductionRequest) WHERE r.requesterId IN $ids DETACH DELETE r`, { ids });
      await tx.run(`MATCH (c:Collaboration) WHERE c.id IN $collaborations DETACH DELETE c`, { collaborations });
      await tx.run(`MATCH (n:Notification) WHERE n.recipientId IN $ids DETACH DELETE n`, { ids });
      await tx.run(`MATCH (n:DigestItem) WHERE n.recipientId IN $ids DETACH DELETE n`, { ids });
    });
    await world.cleanup();
  }
  await app?.close();
});

const bell = async (who: SignedIn) => (await who.inject({ method: 'GET', url: '/api/notifications' })).json();
const post = (url: string) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });

describe('in-app notifications, written with the event', () => {
  it('a worked-together record notifies and mails the partner; the mail link confirms once; the recorder hears back', async () => {
    const res = await as.mia!.inject({
      method: 'POST',
      url: '/api/collaborations/worked-together',
      payload: { partners: [world.ids.ivy], on: today, needs: [world.ids.need_housing], kind: 'tac-meeting' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    collaborations.push(id);

    const ivy = await bell(as.ivy!);
    expect(ivy.unread).toBe(1);
    expect(ivy.items[0]).toMatchObject({
      kind: 'collaboration.recorded',
      text: `${world.name('mia')} recorded that you worked together: please confirm`,
      link: '/introductions#worked-together',
      readAt: null,
    });

    await app.mail.worker!.drain();
    const [mail, ...more] = await waitForMail(as.ivy!.user.email);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual([as.ivy!.user.email]);
    expect(mail!.subject).toBe(`${world.name('mia')} recorded that you worked together: please confirm`);
    expect(mail!.text).toContain('a TAC meeting');
    const link = actionPath(mail!.text);
    expect((await app.inject({ method: 'GET', url: link })).body).toContain('Confirm we worked together');
    expect((await post(link)).statusCode).toBe(200);
    expect((await post(link)).statusCode).toBe(410);
    const after = (await as.mia!.inject({ method: 'GET', url: '/api/collaborations/unconfirmed' })).json();
    expect(after.items.map((c: { id: string }) => c.id)).not.toContain(id);

    const mia = await bell(as.mia!);
    expect(mia.items[0]).toMatchObject({ kind: 'collaboration.confirmed' });
    expect(mia.items[0].text).toContain(`${world.name('ivy')} confirmed a TAC meeting`);
  });

  it('marks one or all read; only the recipient can', async () => {
    const mine = await bell(as.mia!);
    const first = mine.items[0].id as string;
    expect((await as.ivy!.inject({ method: 'POST', url: `/api/notifications/${first}/read` })).statusCode).toBe(404);
    const read = await as.mia!.inject({ method: 'POST', url: `/api/notifications/${first}/read` });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().items.find((n: { id: string }) => n.id === first).readAt).not.toBeNull();
    const all = (await as.ivy!.inject({ method: 'POST', url: '/api/notifications/read-all' })).json();
    expect(all.unread).toBe(0);
  });

  it('a dispute notifies the recorder; nothing is written for a refused step', async () => {
    const res = await as.mia!.inject({
      method: 'POST',
      url: '/api/collaborations/worked-together',
      payload: { partners: [world.ids.bea], on: today, kind: 'joint-visit' },
    });
    const id = res.json().id as string;
    collaborations.push(id);
    const before = (await bell(as.mia!)).items.length;
    const d = await as.bea!.inject({ method: 'POST', url: `/api/collaborations/${id}/dispute`, payload: {} });
    expect(d.statusCode, d.body).toBe(200);
    const again = await as.bea!.inject({ method: 'POST', url: `/api/collaborations/${id}/dispute`, payload: {} });
    expect(again.statusCode).toBe(409);
    const mia = await bell(as.mia!);
    expect(mia.items.length).toBe(before + 1);
    expect(mia.items[0]).toMatchObject({ kind: 'collaboration.disputed' });
  });

  it('the decline link in the broker mail declines that request, once', async () => {
    const created = await as.hal!.inject({
      method: 'POST',
      url: '/api/introductions',
      payload: {
        broker: world.ids.sally,
        target: world.ids.bea,
        note: { needs: [world.ids.need_housing], ageBand: '5-10', locality: world.ids.north },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await bell(as.sally!)).items[0]).toMatchObject({ kind: 'introduction.broker', link: '/introductions' });
    await app.mail.worker!.drain();
    const [mail] = await waitForMail(as.sally!.user.email);
    const links = [...mail!.text.matchAll(/https?:\/\/[^\s/]+(\/mail-actions\/[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    expect(mail!.text).toContain(`Decline: http`);
    const decline = links[1]!;
    expect((await app.inject({ method: 'GET', url: decline })).body).toContain('Decline the request');
    expect((await post(decline)).statusCode).toBe(200);
    expect((await post(decline)).statusCode).toBe(410);
    const status = (await as.hal!.inject({ method: 'GET', url: `/api/introductions/${created.json().id}` })).json();
    expect(status.status).toBe('declined');
    // The accept link of the same mail no longer changes anything.
    expect((await post(links[0]!)).statusCode).toBe(409);
    expect((await bell(as.hal!)).items[0]).toMatchObject({ kind: 'introduction.declined' });
  });
});

describe('mail preferences and the daily digest', () => {
  it('off: notified in the app, no mail; digest: one daily mail listing the events', async () => {
    const prefs = await as.hal!.inject({ method: 'GET', url: '/api/me/mail-preferences' });
    expect(prefs.json()).toEqual({
      introductions: 'immediate',
      collaborations: 'immediate',
      teams: 'immediate',
      reminders: 'immediate',
    });
    const bad = await as.hal!.inject({ method: 'PUT', url: '/api/me/mail-preferences', payload: { teams: 'hourly' } });
    expect(bad.statusCode).toBe(400);
    const set = await as.hal!.inject({
      method: 'PUT',
      url: '/api/me/mail-preferences',
      payload: { collaborations: 'off' },
    });
    expect(set.json()).toMatchObject({ collaborations: 'off', introductions: 'immediate' });
    await as.sally!.inject({ method: 'PUT', url: '/api/me/mail-preferences', payload: { collaborations: 'digest' } });

    const before = {
      hal: (await mailTo(as.hal!.user.email)).length,
      sally: (await mailTo(as.sally!.user.email)).length,
    };
    for (const kind of ['referral', 'consultation']) {
      const r = await as.mia!.inject({
        method: 'POST',
        url: '/api/collaborations/worked-together',
        payload: { partners: [world.ids.hal, world.ids.sally], on: today, kind },
      });
      expect(r.statusCode, r.body).toBe(201);
      collaborations.push(r.json().id);
    }
    await app.mail.worker!.drain();
    // Both heard of it in the app.
    expect(
      (await bell(as.hal!)).items.filter((n: { kind: string }) => n.kind === 'collaboration.recorded'),
    ).toHaveLength(2);
    expect(
      (await bell(as.sally!)).items.filter((n: { kind: string }) => n.kind === 'collaboration.recorded'),
    ).toHaveLength(2);
    const recorded = async (who: SignedIn) =>
      (await mailTo(who.user.email)).filter((m) => m.subject.includes('recorded that you worked together'));
    expect(await recorded(as.hal!)).toHaveLength(0);
    expect(await recorded(as.sally!)).toHaveLength(0);

    expect(await app.notifications.flushDigests()).toBeGreaterThanOrEqual(1);
    await app.mail.worker!.drain();
    await waitForMail(as.sally!.user.email, before.sally + 1);
    const digests = async () =>
      (await mailTo(as.sally!.user.email)).filter((m) => m.subject.startsWith('Your Knotwork digest'));
    const [digest, ...others] = await digests();
    expect(others).toHaveLength(0);
    expect(digest!.subject).toBe('Your Knotwork digest: 2 updates');
    expect(digest!.text.match(/recorded that you worked together/g)).toHaveLength(2);
    // Flushed once: the next run sends nothing more to her, and nothing to hal (off).
    await app.notifications.flushDigests();
    await app.mail.worker!.drain();
    expect(await digests()).toHaveLength(1);
    expect(await recorded(as.hal!)).toHaveLength(0);
  });
});

describe('stale-profile verification reminders', () => {
  it('mails "still right" / "edit" once per 30 days; the link marks the profile checked, once', async () => {
    await app.db.write((tx) =>
      tx.run(
        `MATCH (p:Practitioner {id: $id}) SET p.lastVerifiedAt = '2020-01-01T00:00:00.000Z', p.lastRemindedAt = null`,
        {
          id: world.ids.bea,
        },
      ),
    );
    const before = (await mailTo(as.bea!.user.email)).length;
    expect(await app.notifications.remindStale(10, [world.ids.bea!])).toEqual([world.ids.bea]);
    // Not nagged: a second run within 30 days reminds nobody.
    expect(await app.notifications.remindStale(10, [world.ids.bea!])).toEqual([]);
    await app.mail.worker!.drain();
    const mails = await waitForMail(as.bea!.user.email, before + 1);
    expect(mails).toHaveLength(before + 1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Is your Knotwork profile still right?');
    expect(mail.text).toContain('last checked on 2020-01-01');
    expect(mail.text).toContain(`/edit/practitioners/${world.ids.bea}`);
    const link = actionPath(mail.text);
    expect((await app.inject({ method: 'GET', url: link })).body).toContain('Still right');
    expect((await post(link)).statusCode).toBe(200);
    expect((await post(link)).statusCode).toBe(410);
    const verified = await app.db.read((tx) =>
      tx.run(`MATCH (p:Practitioner {id: $id}) RETURN p.lastVerifiedAt AS at`, { id: world.ids.bea }),
    );
    expect((verified.records[0]!.get('at') as string) > '2026-01-01').toBe(true);
    expect((await bell(as.bea!)).items[0]).toMatchObject({ kind: 'reminder.verify' });
  });

  it('reminders set to off are not mailed', async () => {
    await as.ivy!.inject({ method: 'PUT', url: '/api/me/mail-preferences', payload: { reminders: 'off' } });
    await app.db.write((tx) =>
      tx.run(`MATCH (p:Practitioner {id: $id}) SET p.lastVerifiedAt = null, p.lastRemindedAt = null`, {
        id: world.ids.ivy,
      }),
    );
    const before = (await mailTo(as.ivy!.user.email)).length;
    expect(await app.notifications.remindStale(10, [world.ids.ivy!])).toEqual([world.ids.ivy]);
    await app.mail.worker!.drain();
    expect(await mailTo(as.ivy!.user.email)).toHaveLength(before);
  });
});
