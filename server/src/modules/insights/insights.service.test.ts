import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsightsData } from '../../graph/insights.js';
import type { InsightsRepository } from './insights.repository.js';
import { SNAPSHOT_TTL_MS, createInsightsService, csvFilename } from './insights.service.js';

const empty = (asOf: string): InsightsData => ({
  asOf,
  localities: [{ id: 'loc', name: 'Ashmere', kind: 'authority', parents: [] }],
  agencies: [],
  practitioners: [],
  specialisms: [],
  needs: [],
  forums: [],
  collaborations: [],
  knows: [],
});

describe('insights snapshots', () => {
  let loads: number;
  const repo = { load: async (asOf: string) => (loads++, empty(asOf)) } as unknown as InsightsRepository;

  beforeEach(() => {
    loads = 0;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('reuses a fresh snapshot, and one bulk load serves the whole system and every locality scope', async () => {
    const service = createInsightsService(repo);
    const a = await service.snapshot({ asOf: '2026-11-23' });
    expect(await service.snapshot({ asOf: '2026-11-23' })).toBe(a);
    await service.snapshot({ asOf: '2026-11-23', locality: 'loc' });
    expect(loads).toBe(1);
    await expect(service.snapshot({ asOf: '2026-11-23', locality: 'nowhere' })).rejects.toThrow(/Locality/);
  });

  it('answers a stale snapshot at once and replaces it with one recomputed in the background', async () => {
    const service = createInsightsService(repo);
    const first = await service.snapshot({ asOf: '2026-11-23' });
    vi.setSystemTime(Date.now() + SNAPSHOT_TTL_MS + 1);
    const stale = await service.snapshot({ asOf: '2026-11-23' });
    expect(stale).toBe(first); // no waiting for the recomputation
    expect(loads).toBe(2);
    await vi.waitFor(async () => expect(await service.snapshot({ asOf: '2026-11-23' })).not.toBe(first));
    expect(loads).toBe(2); // the refreshed snapshot is fresh: no further load
  });

  it('the background refresh also computes the coverage for the ages asked of the stale snapshot', async () => {
    const service = createInsightsService(repo);
    const first = await service.snapshot({ asOf: '2026-11-23' });
    first.coverage(7);
    first.coverage(12);
    vi.setSystemTime(Date.now() + SNAPSHOT_TTL_MS + 1);
    await service.snapshot({ asOf: '2026-11-23' });
    let fresh = first;
    await vi.waitFor(async () => expect((fresh = await service.snapshot({ asOf: '2026-11-23' }))).not.toBe(first));
    expect(fresh.coverageAges().sort((a, b) => a - b)).toEqual([7, 12]);
  });

  it('forgets a failed load so the next request tries again', async () => {
    let fail = true;
    const flaky = {
      load: async (asOf: string) => {
        loads++;
        if (fail) throw new Error('database unavailable');
        return empty(asOf);
      },
    } as unknown as InsightsRepository;
    const service = createInsightsService(flaky);
    await expect(service.snapshot({ asOf: '2026-11-23' })).rejects.toThrow('database unavailable');
    fail = false;
    await expect(service.snapshot({ asOf: '2026-11-23' })).resolves.toBeDefined();
    expect(loads).toBe(2);
  });
});

describe('the age of the child', () => {
  const repo = { load: async (asOf: string) => empty(asOf) } as unknown as InsightsRepository;

  it('is echoed by coverage and single-points and named in their CSV file name; other insights ignore it', async () => {
    const service = createInsightsService(repo);
    const query = { asOf: '2026-06-01', format: 'json' as const, limit: 50 };
    const coverage = await service.compute('coverage', { ...query, age: 5 });
    expect(coverage.json).toMatchObject({ age: 5, asOf: '2026-06-01' });
    expect(coverage.filename).toBe('knotwork-coverage-2026-06-01-age-5.csv');
    const single = await service.compute('single-points', { ...query, age: 0 });
    expect(single.json).toMatchObject({ age: 0 });
    expect(single.filename).toBe('knotwork-single-points-2026-06-01-age-0.csv');
    const anyAge = await service.compute('coverage', query);
    expect(anyAge.json).toMatchObject({ age: null });
    expect(anyAge.filename).toBe('knotwork-coverage-2026-06-01.csv');
    const brokers = await service.compute('brokers', { ...query, age: 5 });
    expect(brokers.json).not.toHaveProperty('age');
    expect(brokers.filename).toBe('knotwork-brokers-2026-06-01.csv');
    // one snapshot per date and scope serves every age
    expect(await service.snapshot({ asOf: '2026-06-01' })).toBe(await service.snapshot({ asOf: '2026-06-01' }));
  });

  it('csvFilename', () => {
    expect(csvFilename('coverage', '2026-01-31', 12)).toBe('knotwork-coverage-2026-01-31-age-12.csv');
    expect(csvFilename('coverage', '2026-01-31', null)).toBe('knotwork-coverage-2026-01-31.csv');
  });
});
