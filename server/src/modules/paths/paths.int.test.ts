import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';
import { createPathsRepository } from './paths.repository.js';
import { HOLDERS_LIMIT } from './paths.service.js';

let app: App;
let world: TestWorld;
let cookie: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie } = await signIn(app, 'practitioner', world.ids.mia!));
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const get = (url: string, c = cookie) => app.inject({ method: 'GET', url, headers: { cookie: c } });

describe('GET /api/paths', () => {
  it('finds the strongest paths to a person, each hop explained in words', async () => {
    const { ids } = world;
    const res = await get(`/api/paths?from=${ids.mia}&to=${ids.hal}&asOf=2026-06-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.target.id).toBe(ids.hal);
    expect(body.paths.length).toBeGreaterThanOrEqual(2);
    expect(body.paths.length).toBeLessThanOrEqual(3);
    // strongest first
    const strengths = body.paths.map((p: { strength: number }) => p.strength);
    expect([...strengths].sort((a: number, b: number) => b - a)).toEqual(strengths);
    for (const p of body.paths) {
      expect(p.hops.length).toBeLessThanOrEqual(4);
      expect(p.hops[0].from.id).toBe(ids.mia);
      expect(p.hops[p.hops.length - 1].to.id).toBe(ids.hal);
    }
    // Mia -> Alex (same team) -> Sally (3 pieces of work) -> Hal, or Mia -> Sally (forum) -> Hal
    const explanations = body.paths.flatMap((p: { hops: Array<{ explanation: string }> }) => p.hops.map((h) => h.explanation));
    expect(explanations).toContain(`you both attend the ${world.name('forum').replace('forum', 'North Locality Network Meeting')}`);
    expect(explanations.some((e: string) => e.startsWith('worked together on 3 pieces of work, last in March 2026'))).toBe(true);
    expect(explanations.some((e: string) => e.includes(`same team at Northgate Primary ${world.suffix}`))).toBe(true);
  });

  it('reaches the nearest holder of a specialism, filtered by locality', async () => {
    const { ids } = world;
    const res = await get(`/api/paths?from=${ids.mia}&toSpecialism=${ids.housing_advice}&locality=${ids.north}&asOf=2026-06-01`);
    expect(res.statusCode).toBe(200);
    expect(res.json().target.id).toBe(ids.hal); // Hal serves the whole authority, which contains North
    const none = await get(`/api/paths?from=${ids.mia}&toSpecialism=${ids.bereave}&locality=${ids.north}`);
    expect(none.json().paths).toEqual([]);
    expect(none.json().message).toMatch(/Nobody serving that locality holds/);
  });

  it('says plainly when no path exists (Ivy and Iris only know each other)', async () => {
    const { ids } = world;
    const res = await get(`/api/paths?from=${ids.mia}&to=${ids.ivy}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().paths).toEqual([]);
    expect(res.json().message).toMatch(/No chain of at most 4 known ties/);
  });

  it('as of a past date, later work does not count', async () => {
    const { ids } = world;
    const res = await get(`/api/paths?from=${ids.alex}&to=${ids.sally}&asOf=2025-06-01`);
    const direct = res.json().paths.find((p: { hops: unknown[] }) => p.hops.length === 1);
    expect(direct?.hops[0].explanation ?? '').not.toMatch(/worked together/);
  });

  it('plans every path query ahead of the first search (warm-up with ids that match nothing)', async () => {
    await expect(createPathsRepository(app.db).warmUp(HOLDERS_LIMIT)).resolves.toBeUndefined();
  });

  it('validates input and requires sign-in', async () => {
    const { ids } = world;
    expect((await get(`/api/paths?from=${ids.mia}`)).statusCode).toBe(400);
    expect((await get(`/api/paths?from=nope&to=${ids.hal}`)).statusCode).toBe(400);
    expect((await get(`/api/paths?from=${ids.mia}&to=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/paths?from=${ids.mia}&to=${ids.hal}` })).statusCode).toBe(401);
  });
});
