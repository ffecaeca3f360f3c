import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
let coordinator: string;
let practitioner: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie: coordinator } = await signIn(app, 'coordinator'));
  ({ cookie: practitioner } = await signIn(app, 'practitioner', world.ids.mia!));
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const get = (name: string, extra = '', cookie = coordinator) =>
  app.inject({
    method: 'GET',
    url: `/api/insights/${name}?locality=${world.ids.authority}&asOf=2026-06-01${extra}`,
    headers: { cookie },
  });

describe('GET /api/insights/*', () => {
  it('coverage: counts per locality × need with none and single flags', async () => {
    const res = await get('coverage');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope).toEqual({ id: world.ids.authority, name: `Authority ${world.suffix}` });
    expect(body.localities).toHaveLength(4);
    const cell = (loc: string, need: string) =>
      body.cells.find((c: { localityId: string; needId: string }) => c.localityId === world.ids[loc] && c.needId === world.ids[need]);
    expect(cell('north', 'need_bereavement')).toMatchObject({ practitioners: 0, flag: 'none' });
    expect(cell('south', 'need_bereavement')).toMatchObject({ practitioners: 1, flag: 'single' });
    expect(cell('north', 'need_speech')).toMatchObject({ practitioners: 1, agencies: 1, flag: 'single' });
    // Ewan (Riverside, within North) and Alex (North) both cover attendance in North
    expect(cell('north', 'need_attendance')).toMatchObject({ practitioners: 2, agencies: 2, flag: 'covered' });
    expect(cell('riverside', 'need_housing')).toMatchObject({ practitioners: 1 }); // Hal serves the whole authority
  });

  it('single points: single-holder specialisms, articulation points and bridges', async () => {
    const body = (await get('single-points')).json();
    const specs = body.specialisms.map((s: { locality: { name: string }; specialism: { name: string }; holder: { name: string } }) =>
      `${s.locality.name.split(' ')[0]}:${s.specialism.name.split(' ')[0]}:${s.holder.name.split(' ')[0]}`,
    );
    expect(specs).toContain('North:Speech:Sally');
    expect(specs).toContain('South:Bereavement:Bea');
    expect(specs).not.toContain('North:Attendance:Ewan'); // Alex holds it too
    const aps = body.articulationPoints.map((a: { practitioner: { id: string } }) => a.practitioner.id);
    // Tie graph: Alex–Sally–Hal–Ewan–Stan chain plus Alex–Ewan (old) => cycle Alex-Sally-Hal-Ewan; Ewan is the cut to Stan
    expect(aps).toEqual([world.ids.ewan]);
    const ewan = body.articulationPoints[0];
    expect(ewan.splitSizes).toEqual([3, 1]); // Alex, Sally, Hal | Stan
    const bridges = body.bridges.map((b: { a: { id: string }; b: { id: string } }) => [b.a.id, b.b.id].sort().join());
    expect(bridges).toContain([world.ids.ewan, world.ids.stan].sort().join());
    expect(bridges).toContain([world.ids.ivy, world.ids.iris].sort().join());
    expect(bridges).toHaveLength(2);
  });

  it('brokers: betweenness ordering with constraint and effective size', async () => {
    const body = (await get('brokers')).json();
    expect(body.method).toBe('exact');
    const ids = body.brokers.map((b: { practitioner: { id: string } }) => b.practitioner.id);
    expect(ids[0]).toBe(world.ids.ewan); // on every path to Stan and half of the cycle's
    expect(ids).not.toContain(world.ids.stan);
    expect(ids).not.toContain(world.ids.mia);
    const ewan = body.brokers[0];
    expect(ewan.constraint).toBeGreaterThan(0);
    expect(ewan.effectiveSize).toBeGreaterThan(1);
  });

  it('isolates: people and agencies without cross-agency ties; E–I index', async () => {
    const body = (await get('isolates')).json();
    const names = body.practitioners.map((p: { name: string }) => p.name.split(' ')[0]).sort();
    // Mia has only a shared forum (no trail); Stan's one tie is with Ewan, in his own agency
    expect(names).toEqual(['Bea', 'Iris', 'Ivy', 'Mia', 'Stan']);
    const agencies = body.agencies.map((a: { name: string }) => a.name.replace(` ${world.suffix}`, '')).sort();
    expect(agencies).toEqual(['Bereavement Service', 'Hope Trust']);
    const hope = body.eiByAgency.find((a: { name: string }) => a.name.startsWith('Hope Trust'));
    expect(hope).toMatchObject({ external: 0, internal: 1, ei: -1 });
  });

  it('agency matrix, forum reach and vertical links', async () => {
    const matrix = (await get('agency-matrix')).json();
    const id = (k: string) => world.ids[k]!;
    const cell = (a: string, b: string) =>
      matrix.cells.find((c: { a: string; b: string }) => [c.a, c.b].sort().join() === [id(a), id(b)].sort().join());
    expect(cell('school', 'speech').collaborations).toBe(3);
    expect(cell('hope', 'hope').collaborations).toBe(1);
    const forums = (await get('forum-reach')).json().forums;
    expect(forums).toHaveLength(1);
    expect(forums[0]).toMatchObject({ attendees: 3, sectors: ['education', 'health', 'local-authority'] });
    const vertical = (await get('vertical-links')).json();
    expect(vertical.totals).toMatchObject({ strategic: 1, verticalTies: 1, strategicWithoutOperationalTies: 0 });
    expect(vertical.strategic[0]).toMatchObject({ id: id('stan'), operationalTies: 1, agenciesReached: 1 });
  });

  it('as of a past date, later trails are not there yet', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/insights/agency-matrix?locality=${world.ids.authority}&asOf=2024-12-31`,
      headers: { cookie: coordinator },
    });
    const cells = res.json().cells;
    // only Alex+Ewan (2022) and Sally+Hal (2024) existed
    expect(cells.reduce((s: number, c: { collaborations: number }) => s + c.collaborations, 0)).toBe(2);
  });

  it('exports CSV', async () => {
    const res = await get('coverage', '&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('locality,locality_kind,need,domain,practitioners,agencies,flag');
    expect(lines).toHaveLength(1 + 4 * 4 + 0 * 1 + (lines.length - 17));
    expect(res.body).toContain(`North ${world.suffix},district,Bereavement ${world.suffix},mental-health,0,0,none`);
    const brokers = await get('brokers', '&format=csv');
    expect(brokers.body.split('\n')[0]).toBe('practitioner,profession,agency,betweenness,constraint,effective_size,ties,agencies');
  });

  it('is for coordinators and admins only; rejects bad input', async () => {
    expect((await get('coverage', '', practitioner)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/insights/coverage' })).statusCode).toBe(401);
    expect((await get('coverage', '&format=xml')).statusCode).toBe(400);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/insights/coverage?locality=00000000-0000-4000-8000-000000000000',
      headers: { cookie: coordinator },
    });
    expect(missing.statusCode).toBe(404);
  });
});
