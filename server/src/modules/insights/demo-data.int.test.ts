import { demoFacts, resolveOptions } from '@knotwork/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { signIn } from '../graph/test-world.fixture.js';
import { seedDatabase } from '../transfer/seed-loader.js';

/**
 * Graph intelligence on the demo data (seed scale 1, loaded with MERGE so other test files may load it too):
 * every seeded single-holder specialism, coverage gap and isolate of seed/src/demo-facts.ts is found.
 * Insights are scoped to the demo authority so other tests' data in the shared database does not interfere.
 */
let app: App;
let coordinator: string;
let amelia: string;
const f = demoFacts;

beforeAll(async () => {
  app = await buildTestApp();
  await seedDatabase(app.db, { ...resolveOptions({ seed: 1, scale: 1 }), mode: 'merge' });
  ({ cookie: coordinator } = await signIn(app, 'coordinator'));
  ({ cookie: amelia } = await signIn(app, 'practitioner', f.demoPractitioner.id));
}, 600_000);
afterAll(async () => {
  await app?.close();
});

const insight = async (name: string) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/insights/${name}?locality=${f.authority.id}&limit=1000`,
    headers: { cookie: coordinator },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('insights on the demo data', () => {
  it('finds the single-holder specialism', async () => {
    const body = await insight('single-points');
    const row = body.specialisms.find(
      (s: { locality: { id: string }; specialism: { id: string } }) =>
        s.locality.id === f.authority.id && s.specialism.id === f.singleHolder.specialism.id,
    );
    expect(row?.holder.id).toBe(f.singleHolder.practitioner.id);
    expect(body.articulationPoints.length).toBeGreaterThan(0);
  });

  it('flags the seeded coverage gaps as none', async () => {
    const body = await insight('coverage');
    const cell = (loc: string, need: string) =>
      body.cells.find((c: { localityId: string; needId: string }) => c.localityId === loc && c.needId === need);
    expect(cell(f.uncoveredNeed.locality.id, f.uncoveredNeed.need.id)).toMatchObject({ practitioners: 0, agencies: 0, flag: 'none' });
    expect(cell(f.uncoveredNeed2.locality.id, f.uncoveredNeed2.need.id)).toMatchObject({ practitioners: 0, flag: 'none' });
    expect(cell(f.northDistrict.id, f.needs.speechAndLanguageDelay.id).flag).toBe('covered');
  });

  it('finds the isolate and the isolated agency', async () => {
    const body = await insight('isolates');
    const isolate = body.practitioners.find((p: { id: string }) => p.id === f.isolate.id);
    expect(isolate).toMatchObject({ ties: 0 });
    expect(body.agencies.map((a: { id: string }) => a.id)).toContain(f.isolatedAgency.id);
    expect(body.practitioners.length).toBeLessThan(200);
  });

  it('ranks brokers exactly at demo scale and answers the other insights', async () => {
    const brokers = await insight('brokers');
    expect(brokers.method).toBe('exact');
    expect(brokers.brokers.length).toBeGreaterThan(10);
    expect(brokers.brokers[0].betweenness).toBeGreaterThanOrEqual(brokers.brokers[1].betweenness);
    const forums = await insight('forum-reach');
    expect(forums.forums.find((x: { id: string }) => x.id === f.sharedForum.id)?.agencies.length).toBeGreaterThan(1);
    const matrix = await insight('agency-matrix');
    expect(matrix.cells.length).toBeGreaterThan(0);
    const vertical = await insight('vertical-links');
    expect(vertical.totals.strategic).toBeGreaterThan(0);
  });
});

describe('paths and team on the demo data', () => {
  it('Amelia reaches Priya through Daniel or their shared forum, explained', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/paths?from=${f.demoPractitioner.id}&to=${f.slt.id}`,
      headers: { cookie: amelia },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.paths.length).toBeGreaterThan(0);
    const words = body.paths.flatMap((p: { hops: Array<{ explanation: string }> }) => p.hops.map((h) => h.explanation)).join(' | ');
    expect(words).toMatch(/worked together on|you both attend the North Locality Network Meeting/);
    const viaDaniel = body.paths.some((p: { hops: Array<{ to: { id: string } }> }) => p.hops[0]!.to.id === f.colleague.id);
    const forumHop = /you both attend the North Locality Network Meeting/.test(words);
    expect(viaDaniel || forumHop).toBe(true);
  });

  it('a team for a child in West lists housing insecurity as uncovered with the nearest provider outside', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/team',
      headers: { cookie: amelia, 'x-knotwork-csrf': '1' },
      payload: {
        needs: [f.needs.schoolAttendance.id, f.needs.speechAndLanguageDelay.id, f.uncoveredNeed.need.id],
        age: 10,
        locality: f.uncoveredNeed.locality.id,
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.uncovered.map((u: { need: { id: string } }) => u.need.id)).toEqual([f.uncoveredNeed.need.id]);
    expect(body.team.members.length).toBeGreaterThanOrEqual(1);
    expect(body.team.members.length).toBeLessThanOrEqual(2);
  });

  it('neighbourhood of Amelia at depth 2 stays within the cap', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/graph/neighbourhood/${f.demoPractitioner.id}?depth=2&limit=100`,
      headers: { cookie: amelia },
    });
    const body = res.json();
    expect(body.nodes.length).toBeLessThanOrEqual(100);
    expect(body.omitted).toBeGreaterThan(0);
  });
});
