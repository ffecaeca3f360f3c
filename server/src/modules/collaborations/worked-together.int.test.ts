import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
const as: Record<string, string> = {};
const created: string[] = [];
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  for (const key of ['mia', 'sally', 'hal', 'bea', 'ivy'])
    as[key] = (await signIn(app, 'practitioner', world.ids[key]!)).cookie;
  as.viewer = (await signIn(app, 'viewer')).cookie;
});
afterAll(async () => {
  if (created.length)
    await app.db.write((tx) => tx.run(`MATCH (c:Collaboration) WHERE c.id IN $ids DETACH DELETE c`, { ids: created }));
  await world?.cleanup();
  await app?.close();
});

const post = (cookie: string, url: string, payload: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie, 'x-knotwork-csrf': '1' }, payload });
const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

async function record(cookie: string, body: Record<string, unknown>) {
  const res = await post(cookie, '/api/collaborations/worked-together', body);
  expect(res.statusCode, res.body).toBe(201);
  created.push(res.json().id);
  return res.json();
}

const directHop = async (from: string, to: string) => {
  const body = (await get(as.mia!, `/api/paths?from=${world.ids[from]}&to=${world.ids[to]}`)).json();
  return (
    (body.paths as Array<{ hops: Array<{ explanation: string }> }>).find((p) => p.hops.length === 1)?.hops[0] ?? null
  );
};
const evidence = async (who: string, need: string) =>
  (await get(as.mia!, `/api/evidence?practitioner=${world.ids[who]}&need=${world.ids[need]}`)).json()
    .collaborations as number;

describe('"we worked together" and its confirmation', () => {
  it('counts as evidence and tie strength only after the partner confirms', async () => {
    expect(await directHop('mia', 'bea')).toBeNull();
    const before = await evidence('bea', 'need_bereavement');

    const c = await record(as.mia!, {
      partners: [world.ids.bea],
      on: today,
      needs: [world.ids.need_bereavement],
      kind: 'joint-visit',
      locality: world.ids.north,
    });
    expect(c).toMatchObject({
      kind: 'joint-visit',
      startedOn: today,
      endedOn: today,
      confirmation: 'awaiting',
      recordedBy: { id: world.ids.mia },
      locality: { id: world.ids.north },
      needs: [{ id: world.ids.need_bereavement }],
    });
    expect(c.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: world.ids.mia, state: 'confirmed' }),
        expect.objectContaining({ id: world.ids.bea, state: 'awaiting' }),
      ]),
    );
    // Unconfirmed: shown as such, but not evidence.
    expect(await directHop('mia', 'bea')).toBeNull();
    expect(await evidence('bea', 'need_bereavement')).toBe(before);
    const pending = (await get(as.bea!, '/api/collaborations/unconfirmed')).json();
    expect(pending.items.find((i: { id: string }) => i.id === c.id)).toMatchObject({ confirmation: 'awaiting' });

    const confirmed = await post(as.bea!, `/api/collaborations/${c.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().confirmation).toBe('confirmed');
    expect((await post(as.bea!, `/api/collaborations/${c.id}/confirm`)).statusCode).toBe(409);

    const hop = await directHop('mia', 'bea');
    expect(hop?.explanation).toMatch(/worked together on 1 piece of work/);
    expect(await evidence('bea', 'need_bereavement')).toBe(before + 1);
    expect(
      (await get(as.bea!, '/api/collaborations/unconfirmed')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(c.id);

    const audit = await app.db.read((tx) =>
      tx.run(`MATCH (e:AuditEvent {entityId: $id, entityType: 'Collaboration'}) RETURN e.action AS a ORDER BY e.at`, {
        id: c.id,
      }),
    );
    expect(audit.records.map((r) => r.get('a'))).toEqual(['create', 'confirm']);
  });

  it('with several partners, counts only when all have confirmed; a dispute keeps it out', async () => {
    const c = await record(as.hal!, {
      partners: [world.ids.ivy, world.ids.bea],
      on: '2026-01-10',
      endedOn: '2026-02-01',
      kind: 'tac-meeting',
    });
    expect((await post(as.ivy!, `/api/collaborations/${c.id}/confirm`)).json().confirmation).toBe('awaiting');
    expect(await directHop('hal', 'ivy')).toBeNull();
    const disputed = await post(as.bea!, `/api/collaborations/${c.id}/dispute`, {
      reason: 'I was not at that meeting',
    });
    expect(disputed.statusCode, disputed.body).toBe(200);
    expect(disputed.json().confirmation).toBe('disputed');
    expect(disputed.json().participants.find((p: { id: string }) => p.id === world.ids.bea)).toMatchObject({
      state: 'disputed',
      disputeReason: 'I was not at that meeting',
    });
    expect(await directHop('hal', 'ivy')).toBeNull();
    expect((await post(as.bea!, `/api/collaborations/${c.id}/confirm`)).statusCode).toBe(409);
    const mine = (await get(as.hal!, '/api/collaborations/unconfirmed')).json();
    expect(mine.items.find((i: { id: string }) => i.id === c.id)).toMatchObject({ confirmation: 'disputed' });
    const audit = await app.db.read((tx) =>
      tx.run(`MATCH (e:AuditEvent {entityId: $id, entityType: 'Collaboration'}) RETURN e.action AS a ORDER BY e.at`, {
        id: c.id,
      }),
    );
    expect(audit.records.map((r) => r.get('a'))).toEqual(['create', 'confirm', 'dispute']);
  });

  it('only named partners answer; bad input is refused', async () => {
    const c = await record(as.mia!, { partners: [world.ids.sally], on: today, kind: 'consultation' });
    expect((await post(as.hal!, `/api/collaborations/${c.id}/confirm`)).statusCode).toBe(403);
    expect((await post(as.viewer!, `/api/collaborations/${c.id}/confirm`)).statusCode).toBe(403);
    expect((await post(as.sally!, `/api/collaborations/00000000-0000-4000-8000-000000000000/confirm`)).statusCode).toBe(
      404,
    );
    expect((await post(as.mia!, `/api/collaborations/${c.id}/confirm`)).statusCode).toBe(409); // the recorder stands by it already
    expect(
      (await post(as.sally!, `/api/collaborations/${c.id}/dispute`, { reason: 'a boy called Jamie was not there' }))
        .statusCode,
    ).toBe(400);
    const bad = [
      { partners: [], on: today, kind: 'referral' },
      { partners: [world.ids.mia], on: today, kind: 'referral' },
      { partners: [world.ids.sally], on: today, kind: 'coffee' },
      { partners: [world.ids.sally], on: today, endedOn: '2020-01-01', kind: 'referral' },
    ];
    for (const body of bad)
      expect((await post(as.mia!, '/api/collaborations/worked-together', body)).statusCode, JSON.stringify(body)).toBe(
        400,
      );
    expect(
      (
        await post(as.mia!, '/api/collaborations/worked-together', {
          partners: ['00000000-0000-4000-8000-000000000000'],
          on: today,
          kind: 'referral',
        })
      ).statusCode,
    ).toBe(404);
  });
});
