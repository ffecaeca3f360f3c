import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { loadTies, pairKey } from './ties.repository.js';
import { createTestWorld, signIn, type TestWorld } from './test-world.fixture.js';

let app: App;
let world: TestWorld;
let cookie: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie } = await signIn(app, 'viewer'));
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('GET /api/graph/neighbourhood/:id', () => {
  it('depth 1 around a practitioner: agency, localities, specialisms, forums, collaborations', async () => {
    const res = await get(`/api/graph/neighbourhood/${world.ids.sally}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const labels = body.nodes.map((n: { label: string }) => n.label).sort();
    expect(labels).toEqual(
      ['Agency', 'Collaboration', 'Collaboration', 'Collaboration', 'Collaboration', 'Forum', 'Locality', 'Practitioner', 'Specialism'].sort(),
    );
    expect(body.omitted).toBe(0);
    const works = body.edges.find((e: { type: string }) => e.type === 'WORKS_FOR');
    expect(works).toMatchObject({ source: world.ids.sally, target: world.ids.speech, since: '2020-01-01' });
    const part = body.edges.filter((e: { type: string }) => e.type === 'PARTICIPATED_IN').map((e: { since: string }) => e.since).sort();
    expect(part).toEqual(['2024-03-01', '2025-10-01', '2025-12-01', '2026-02-01']);
  });

  it('depth 2 with types=Practitioner,Collaboration adds derived ties with strength', async () => {
    const res = await get(`/api/graph/neighbourhood/${world.ids.sally}?depth=2&types=Practitioner,Collaboration&asOf=2026-06-01`);
    const body = res.json();
    const people = body.nodes.filter((n: { label: string }) => n.label === 'Practitioner').map((n: { id: string }) => n.id).sort();
    expect(people).toEqual([world.ids.alex, world.ids.hal, world.ids.sally].sort());
    const tie = body.edges.find(
      (e: { type: string; source: string; target: string }) =>
        e.type === 'COLLABORATED' && [e.source, e.target].sort().join() === [world.ids.alex, world.ids.sally].sort().join(),
    );
    expect(tie.strength).toBeGreaterThan(0.5);
    expect(tie.since).toBe('2025-11-20');
  });

  it("derived ties carry every kind of evidence of the pair (here the same agency), as the unrestricted tie load does", async () => {
    const asOf = '2026-06-01';
    const body = (await get(`/api/graph/neighbourhood/${world.ids.ewan}?depth=2&types=Practitioner,Collaboration&asOf=${asOf}`)).json();
    const derived = body.edges.filter((e: { type: string }) => e.type === 'COLLABORATED');
    const reference = await app.db.read((tx) => loadTies(tx, [world.ids.ewan!], { asOf }));
    const ofEwan = derived.filter((e: { source: string; target: string }) => [e.source, e.target].includes(world.ids.ewan!));
    expect(ofEwan.map((e: { source: string; target: string }) => [e.source, e.target].find((x) => x !== world.ids.ewan)).sort()).toEqual(
      [world.ids.alex, world.ids.hal, world.ids.stan].sort(),
    );
    for (const e of ofEwan) {
      const ref = reference.ties.get(pairKey(e.source, e.target))!;
      expect(e.strength).toBeCloseTo(ref.strength, 3);
    }
    const stan = reference.ties.get(pairKey(world.ids.ewan!, world.ids.stan!))!;
    expect(stan.evidence.sameAgency).not.toBeNull();
  });

  it('as of a past date, later collaborations are hidden', async () => {
    const body = (await get(`/api/graph/neighbourhood/${world.ids.sally}?types=Collaboration&asOf=2025-01-01`)).json();
    expect(body.nodes.filter((n: { label: string }) => n.label === 'Collaboration')).toHaveLength(1);
  });

  it('caps the result and counts what was left out', async () => {
    const body = (await get(`/api/graph/neighbourhood/${world.ids.sally}?depth=3&limit=5`)).json();
    expect(body.nodes).toHaveLength(5);
    expect(body.omitted).toBeGreaterThan(0);
    for (const e of body.edges) {
      expect(body.nodes.some((n: { id: string }) => n.id === e.source)).toBe(true);
      expect(body.nodes.some((n: { id: string }) => n.id === e.target)).toBe(true);
    }
  });

  it('works from any node type; validates input', async () => {
    const loc = (await get(`/api/graph/neighbourhood/${world.ids.north}?types=Locality`)).json();
    expect(loc.nodes.map((n: { id: string }) => n.id).sort()).toEqual([world.ids.authority, world.ids.north, world.ids.riverside].sort());
    expect((await get(`/api/graph/neighbourhood/${world.ids.north}?types=User`)).statusCode).toBe(400);
    expect((await get(`/api/graph/neighbourhood/${world.ids.north}?depth=4`)).statusCode).toBe(400);
    expect((await get('/api/graph/neighbourhood/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('warm-up after the API starts', () => {
  // Planning every query on a fresh Neo4j took 20 s while other test files ran: more time than a usual test.
  it('plans the neighbourhood, path and team queries with ids that match nothing, without an error', { timeout: 180_000 }, async () => {
    const warmed = await buildTestApp({ WARM_UP: 'true' });
    const results = await warmed.warmedUp;
    await warmed.close();
    expect(results.map((r) => [r.name, r.ok])).toEqual(
      expect.arrayContaining([
        ['neighbourhood', true],
        ['paths', true],
        ['team', true],
      ]),
    );
  });
});
