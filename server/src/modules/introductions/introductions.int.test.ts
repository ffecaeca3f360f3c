import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
const as: Record<'mia' | 'sally' | 'hal' | 'alex' | 'bea' | 'coordinator' | 'viewer', string> = {} as never;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  for (const key of ['mia', 'sally', 'hal', 'alex', 'bea'] as const)
    as[key] = (await signIn(app, 'practitioner', world.ids[key]!)).cookie;
  as.coordinator = (await signIn(app, 'coordinator')).cookie;
  as.viewer = (await signIn(app, 'viewer')).cookie;
});
afterAll(async () => {
  if (world) {
    await app.db.write((tx) =>
      tx.run(`MATCH (r:IntroductionRequest) WHERE r.requesterId IN $ids DETACH DELETE r`, {
        ids: Object.values(world.ids),
      }),
    );
    await world.cleanup();
  }
  await app?.close();
});

const post = (cookie: string, url: string, payload?: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, headers: { cookie, 'x-knotwork-csrf': '1' }, ...(payload ? { payload } : {}) });
const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

const note = () => ({ needs: [world.ids.need_housing!], ageBand: '5-10', locality: world.ids.north! });
const ask = (cookie: string, body: Record<string, unknown>) => post(cookie, '/api/introductions', body);

async function auditActions(id: string): Promise<string[]> {
  const res = await app.db.read((tx) =>
    tx.run(
      `MATCH (e:AuditEvent {entityId: $id, entityType: 'IntroductionRequest'}) RETURN e.action AS a ORDER BY e.at`,
      { id },
    ),
  );
  return res.records.map((r) => r.get('a') as string);
}

describe('introduction requests', () => {
  it('request → broker accepts → target accepts → a dated KNOWS tie from "introduction" that the path cites', async () => {
    const before = (await get(as.mia, `/api/paths?from=${world.ids.mia}&to=${world.ids.hal}`)).json();
    expect(before.paths[0].hops.length).toBeGreaterThan(1);

    const created = await ask(as.mia, {
      broker: world.ids.sally,
      target: world.ids.hal,
      note: { ...note(), line: 'Family facing eviction, school worried about attendance' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({
      status: 'awaiting-broker',
      myRole: 'requester',
      requester: { id: world.ids.mia, name: world.name('mia') },
      broker: { id: world.ids.sally },
      target: { id: world.ids.hal },
      note: { ageBand: '5-10', locality: { id: world.ids.north }, needs: [{ id: world.ids.need_housing }] },
    });
    const id = request.id as string;

    // The target hears nothing until the broker has accepted.
    expect((await get(as.hal, `/api/introductions/${id}`)).statusCode).toBe(404);
    const brokerInbox = (await get(as.sally, '/api/introductions?as=broker&open=true')).json();
    expect(brokerInbox.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await post(as.hal, `/api/introductions/${id}/target`, { decision: 'accept' })).statusCode).toBe(404);
    // Only the broker answers as broker.
    expect((await post(as.mia, `/api/introductions/${id}/broker`, { decision: 'accept' })).statusCode).toBe(403);

    const brokered = await post(as.sally, `/api/introductions/${id}/broker`, {
      decision: 'accept',
      line: 'Hal is the person for tenancy problems',
    });
    expect(brokered.statusCode, brokered.body).toBe(200);
    expect(brokered.json()).toMatchObject({
      status: 'awaiting-target',
      myRole: 'broker',
      brokerLine: 'Hal is the person for tenancy problems',
    });
    expect((await post(as.sally, `/api/introductions/${id}/broker`, { decision: 'decline' })).statusCode).toBe(409);

    const incoming = (await get(as.hal, '/api/introductions?as=target')).json();
    expect(incoming.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      status: 'awaiting-target',
      myRole: 'target',
    });

    const accepted = await post(as.hal, `/api/introductions/${id}/target`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(accepted.json().answeredAt).toBeTruthy();
    for (const who of [as.mia, as.sally, as.hal])
      expect((await get(who, `/api/introductions/${id}`)).json().status).toBe('accepted');

    const knows = await app.db.read((tx) =>
      tx.run(
        `MATCH (:Practitioner {id: $a})-[k:KNOWS]->(:Practitioner {id: $b}) RETURN k.since AS since, k.source AS source`,
        {
          a: world.ids.mia,
          b: world.ids.hal,
        },
      ),
    );
    expect(knows.records[0]?.toObject()).toEqual({
      since: new Date().toISOString().slice(0, 10),
      source: 'introduction',
    });

    const after = (await get(as.mia, `/api/paths?from=${world.ids.mia}&to=${world.ids.hal}`)).json();
    expect(after.paths[0].hops).toHaveLength(1);
    expect(after.paths[0].hops[0].explanation).toMatch(/recorded meeting/);

    expect(await auditActions(id)).toEqual(['request', 'accept', 'accept']);
    const knowsAudit = await app.db.read((tx) =>
      tx.run(
        `MATCH (e:AuditEvent {entityId: $id, entityType: 'KNOWS'}) WHERE e.after CONTAINS 'introduction' RETURN count(e) AS n`,
        {
          id: world.ids.mia,
        },
      ),
    );
    expect(knowsAudit.records[0]!.get('n')).toBe(1);
  });

  it('a broker who declines closes the request; the target never sees it', async () => {
    const id = (await ask(as.alex, { broker: world.ids.sally, target: world.ids.hal, note: note() })).json()
      .id as string;
    const declined = await post(as.sally, `/api/introductions/${id}/broker`, { decision: 'decline' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    expect((await get(as.alex, `/api/introductions/${id}`)).json().status).toBe('declined');
    expect((await get(as.hal, `/api/introductions/${id}`)).statusCode).toBe(404);
    expect(await auditActions(id)).toEqual(['request', 'decline']);
    const knows = await app.db.read((tx) =>
      tx.run(`MATCH (:Practitioner {id: $a})-[k:KNOWS]->(:Practitioner {id: $b}) RETURN count(k) AS n`, {
        a: world.ids.alex,
        b: world.ids.hal,
      }),
    );
    expect(knows.records[0]!.get('n')).toBe(0);
  });

  it('a direct request goes straight to the target, who may decline', async () => {
    const created = await ask(as.bea, { target: world.ids.sally, note: note() });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'awaiting-target', broker: null });
    const declined = await post(as.sally, `/api/introductions/${created.json().id}/target`, { decision: 'decline' });
    expect(declined.json().status).toBe('declined');
  });

  it('expires: an unanswered request reads as expired, cannot be answered, and the sweep writes it down', async () => {
    const id = (await ask(as.hal, { broker: world.ids.sally, target: world.ids.bea, note: note() })).json()
      .id as string;
    await app.db.write((tx) =>
      tx.run(`MATCH (r:IntroductionRequest {id: $id}) SET r.expiresAt = $past`, {
        id,
        past: '2020-01-01T00:00:00.000Z',
      }),
    );
    expect((await get(as.hal, `/api/introductions/${id}`)).json().status).toBe('expired');
    expect(
      (await get(as.sally, '/api/introductions?as=broker&open=true')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(id);
    const late = await post(as.sally, `/api/introductions/${id}/broker`, { decision: 'accept' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/has expired/);
    const stored = await app.db.read((tx) =>
      tx.run(`MATCH (r:IntroductionRequest {id: $id}) RETURN r.status AS s`, { id }),
    );
    expect(stored.records[0]!.get('s')).toBe('expired');
    expect(await auditActions(id)).toEqual(['request', 'expire']);
  });

  it('the requester lists and withdraws what they asked; asking twice is refused', async () => {
    const id = (await ask(as.alex, { broker: world.ids.mia, target: world.ids.bea, note: note() })).json().id as string;
    const twice = await ask(as.alex, { target: world.ids.bea, note: note() });
    expect(twice.statusCode).toBe(409);
    const mine = (await get(as.alex, '/api/introductions?as=requester&open=true')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await post(as.mia, `/api/introductions/${id}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await post(as.alex, `/api/introductions/${id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await post(as.mia, `/api/introductions/${id}/broker`, { decision: 'accept' })).statusCode).toBe(409);
    expect((await post(as.alex, `/api/introductions/${id}/withdraw`)).statusCode).toBe(409);
    expect(await auditActions(id)).toEqual(['request', 'withdraw']);
  });

  it('only the parties see a request', async () => {
    const id = (await ask(as.mia, { broker: world.ids.alex, target: world.ids.bea, note: note() })).json().id as string;
    for (const outsider of [as.hal, as.coordinator, as.viewer, as.bea]) {
      expect((await get(outsider, `/api/introductions/${id}`)).statusCode).toBe(404);
      const list = (await get(outsider, '/api/introductions')).json();
      expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
    }
    expect((await post(as.hal, `/api/introductions/${id}/broker`, { decision: 'decline' })).statusCode).toBe(404);
    expect((await post(as.hal, `/api/introductions/${id}/withdraw`)).statusCode).toBe(404);
    expect((await get(as.alex, `/api/introductions/${id}`)).json().myRole).toBe('broker');
    expect((await post(as.viewer, '/api/introductions', { target: world.ids.bea, note: note() })).statusCode).toBe(403);
    expect((await post(as.coordinator, '/api/introductions', { target: world.ids.bea, note: note() })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'GET', url: `/api/introductions/${id}` })).statusCode).toBe(401);
  });

  it('the note holds need codes, age band and locality only; text that identifies a child is refused', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...note(), line: 'Jamie, DOB 03/04/2016, not attending' }, /must not identify the child.*date/],
      [{ ...note(), line: 'NHS number 943 476 5919' }, /must not identify the child.*NHS number/],
      [{ ...note(), line: 'a boy called Jamie who is not attending' }, /must not identify the child.*name/],
      [{ ...note(), childName: 'Jamie Smith' }, /nothing about the child/],
      [{ ...note(), ageBand: '10' }, /ageBand/],
      [{ ...note(), needs: ['housing'] }, /needs/],
    ];
    for (const [bad, message] of cases) {
      const res = await ask(as.mia, { target: world.ids.ivy, note: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    expect((await ask(as.mia, { target: world.ids.mia, note: note() })).statusCode).toBe(400);
    expect((await ask(as.mia, { broker: world.ids.ivy, target: world.ids.ivy, note: note() })).statusCode).toBe(400);
    expect((await ask(as.mia, { target: '00000000-0000-4000-8000-000000000000', note: note() })).statusCode).toBe(404);
    const sneaky = await post(as.sally, `/api/introductions/00000000-0000-4000-8000-000000000000/broker`, {
      decision: 'accept',
      line: 'he is known as Jamie',
    });
    expect(sneaky.statusCode).toBe(400);
  });
});
