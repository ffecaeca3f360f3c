import { describe, expect, it } from 'vitest';
import type { HealthRepository } from './health.repository.js';
import { createHealthService } from './health.service.js';

function service(opts: { up?: boolean; applied?: string[] | Error }) {
  let reads = 0;
  const repository = {
    ping: async () => opts.up ?? true,
    appliedMigrationIds: async () => {
      reads += 1;
      if (opts.applied instanceof Error) throw opts.applied;
      return opts.applied ?? ['0001', '0002'];
    },
    status: async () => ({ migrationsApplied: 2, latestMigration: '0002', outboxLag: 0 }),
  } satisfies HealthRepository;
  return { svc: createHealthService({ repository, meili: null, version: '1.2.3', expectedMigrations: ['0001', '0002'] }), reads: () => reads };
}

const running = { draining: false, warmUp: 'done' as const, readyAfterWarmUp: false };

describe('readiness', () => {
  it('is ready with Neo4j up and every migration applied; search without Meilisearch is degraded, not unready', async () => {
    const ready = await service({}).svc.ready(running);
    expect(ready).toMatchObject({ status: 'ready', checks: { neo4j: 'up', migrations: 'current', search: 'degraded' }, reasons: [] });
  });

  it('is not ready while a migration this version knows is missing', async () => {
    const ready = await service({ applied: ['0001'] }).svc.ready(running);
    expect(ready.status).toBe('not-ready');
    expect(ready.checks.migrations).toBe('pending');
    expect(ready.reasons).toEqual(['schema migrations are pending (npm run cli -- migrate)']);
  });

  it('reads the migrations only until they are seen current', async () => {
    const s = service({});
    await s.svc.ready(running);
    await s.svc.ready(running);
    expect(s.reads()).toBe(1);
  });

  it('names every reason at once', async () => {
    const ready = await service({ up: false }).svc.ready({ draining: true, warmUp: 'running', readyAfterWarmUp: true });
    expect(ready.checks).toMatchObject({ neo4j: 'down', migrations: 'unknown', search: 'down', draining: true });
    expect(ready.reasons).toEqual([
      'stopping: finishing in-flight requests, taking no new ones',
      'Neo4j does not answer',
      'warming up (READY_AFTER_WARM_UP=true)',
    ]);
  });

  it('ignores the warm-up unless asked to wait for it', async () => {
    expect((await service({}).svc.ready({ ...running, warmUp: 'running' })).status).toBe('ready');
  });

  it('is live without asking anything', () => {
    expect(service({ up: false }).svc.live()).toMatchObject({ status: 'live', version: '1.2.3' });
  });
});
