import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
let mia: string;
let viewer: string;
let coordinator: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie: mia } = await signIn(app, 'practitioner', world.ids.mia!));
  ({ cookie: viewer } = await signIn(app, 'viewer'));
  ({ cookie: coordinator } = await signIn(app, 'coordinator'));
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const knows = (cookie: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/knows', headers: { cookie, 'x-knotwork-csrf': '1' }, payload });

describe('onboarding and KNOWS trails', () => {
  it('suggests people per domain, forums and agencies; POST /api/knows moves progress', async () => {
    const url = `/api/onboarding?profession=teacher&locality=${world.ids.north}`;
    const first = await app.inject({ method: 'GET', url, headers: { cookie: mia } });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    const communication = body.domains.find((d: { domain: string }) => d.domain === 'communication');
    expect(communication.label).toBe('Speech, language and communication');
    expect(communication.people[0]).toMatchObject({ id: world.ids.sally, known: false });
    expect(communication.people[0].reason).toMatch(/^leads on Speech and language therapy/);
    const housing = body.domains.find((d: { domain: string }) => d.domain === 'housing-and-money');
    expect(housing.people[0].id).toBe(world.ids.hal); // serves the authority, which contains North
    expect(body.domains.find((d: { domain: string }) => d.domain === 'mental-health')).toBeUndefined(); // Bea is South only
    expect(body.forums[0]).toMatchObject({ id: world.ids.forum, joined: true, agencies: 3, sameProfession: 1 });
    expect(body.agencies.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([world.ids.school, world.ids.speech, world.ids.housing, world.ids.attendance]),
    );
    expect(body.agencies.map((a: { id: string }) => a.id)).not.toContain(world.ids.hope);
    expect(body.progress.known).toBe(0);

    const created = await knows(mia, { practitionerId: world.ids.sally, since: '2026-05-01' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ from: { id: world.ids.mia }, to: { id: world.ids.sally }, since: '2026-05-01', created: true });
    const again = await knows(mia, { practitionerId: world.ids.sally });
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);

    const after = (await app.inject({ method: 'GET', url, headers: { cookie: mia } })).json();
    expect(after.progress.known).toBe(1);
    const audit = await app.db.read((tx) =>
      tx.run(`MATCH (e:AuditEvent {entityId: $id, entityType: 'KNOWS'}) RETURN count(e) AS n`, { id: world.ids.mia }),
    );
    expect(audit.records[0]!.get('n')).toBe(1);
  });

  it('enforces who may record a trail', async () => {
    expect((await knows(viewer, { practitionerId: world.ids.sally })).statusCode).toBe(403);
    expect((await knows(mia, { practitionerId: world.ids.hal, from: world.ids.alex })).statusCode).toBe(403);
    expect((await knows(mia, { practitionerId: world.ids.mia })).statusCode).toBe(400);
    expect((await knows(coordinator, { practitionerId: world.ids.hal })).statusCode).toBe(400);
    const onBehalf = await knows(coordinator, { practitionerId: world.ids.hal, from: world.ids.alex, source: 'onboarding' });
    expect(onBehalf.statusCode).toBe(201);
    expect(onBehalf.json().source).toBe('onboarding');
    expect((await knows(mia, { practitionerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/knows', headers: { cookie: mia }, payload: { practitionerId: world.ids.hal } });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('GET /api/evidence', () => {
  it('shows the joint work on a need and on a specialism', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/evidence?practitioner=${world.ids.sally}&need=${world.ids.need_speech}`,
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ collaborations: 3, lastOn: '2026-03-14', subject: { type: 'need' } });
    expect(body.partners).toEqual([{ id: world.ids.alex, name: world.name('alex'), agencyName: `Northgate Primary ${world.suffix}`, count: 3 }]);
    expect(body.items[0]).toMatchObject({ id: world.ids.c3, startedOn: '2026-02-01', endedOn: '2026-03-14', outcome: 'helped' });
    const spec = await app.inject({
      method: 'GET',
      url: `/api/evidence?practitioner=${world.ids.hal}&specialism=${world.ids.housing_advice}`,
      headers: { cookie: viewer },
    });
    expect(spec.json()).toMatchObject({ collaborations: 1, lastOn: '2024-05-01', subject: { type: 'specialism' } });
    const bad = await app.inject({
      method: 'GET',
      url: `/api/evidence?practitioner=${world.ids.hal}`,
      headers: { cookie: viewer },
    });
    expect(bad.statusCode).toBe(400);
  });
});
