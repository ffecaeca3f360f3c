import type { HealthResponse, LivenessResponse, ReadinessResponse } from '@knotwork/graph-schema';
import type { Meilisearch } from 'meilisearch';
import type { HealthRepository } from './health.repository.js';

export interface ReadinessInputs {
  draining: boolean;
  warmUp: 'running' | 'done' | 'off';
  readyAfterWarmUp: boolean;
}

export function createHealthService(deps: {
  repository: HealthRepository;
  meili: Meilisearch | null;
  version: string;
  /** The migration ids this version of the code expects to be applied. */
  expectedMigrations: readonly string[];
}) {
  const startedAt = performance.now();
  /** Once every migration is seen applied, they stay applied: later readiness checks skip the query. */
  let migrationsCurrent = false;

  async function migrationState(): Promise<ReadinessResponse['checks']['migrations']> {
    if (migrationsCurrent) return 'current';
    const applied = await deps.repository.appliedMigrationIds().catch(() => null);
    if (!applied) return 'unknown';
    const have = new Set(applied);
    migrationsCurrent = deps.expectedMigrations.every((id) => have.has(id));
    return migrationsCurrent ? 'current' : 'pending';
  }

  async function meiliUp(): Promise<boolean> {
    if (!deps.meili) return false;
    try {
      const h = await deps.meili.health();
      return h.status === 'available';
    } catch {
      return false;
    }
  }

  return {
    live(): LivenessResponse {
      return { status: 'live', version: deps.version, uptimeSeconds: Math.round((performance.now() - startedAt) / 1000) };
    },

    async ready(inputs: ReadinessInputs): Promise<ReadinessResponse> {
      const [neo4jUp, searchUp] = await Promise.all([deps.repository.ping(), meiliUp()]);
      const migrations = neo4jUp ? await migrationState() : 'unknown';
      const reasons: string[] = [];
      if (inputs.draining) reasons.push('stopping: finishing in-flight requests, taking no new ones');
      if (!neo4jUp) reasons.push('Neo4j does not answer');
      if (migrations === 'pending') reasons.push('schema migrations are pending (npm run cli -- migrate)');
      if (migrations === 'unknown' && neo4jUp) reasons.push('could not read the applied migrations');
      if (inputs.readyAfterWarmUp && inputs.warmUp === 'running') reasons.push('warming up (READY_AFTER_WARM_UP=true)');
      return {
        status: reasons.length ? 'not-ready' : 'ready',
        version: deps.version,
        checks: {
          neo4j: neo4jUp ? 'up' : 'down',
          migrations,
          warmUp: inputs.warmUp,
          draining: inputs.draining,
          search: searchUp ? 'up' : neo4jUp ? 'degraded' : 'down',
        },
        reasons,
      };
    },

    async check(): Promise<HealthResponse> {
      const [neo4jUp, searchUp] = await Promise.all([deps.repository.ping(), meiliUp()]);
      const details = neo4jUp ? await deps.repository.status().catch(() => null) : null;
      const search: HealthResponse['search'] = searchUp
        ? { backend: 'meilisearch', status: 'up' }
        : { backend: 'neo4j-fulltext', status: neo4jUp ? 'degraded' : 'down' };
      if (details) search.outboxLag = details.outboxLag;
      return {
        status: !neo4jUp ? 'down' : searchUp ? 'ok' : 'degraded',
        version: deps.version,
        neo4j: neo4jUp ? 'up' : 'down',
        search,
        ...(details
          ? { migrations: { applied: details.migrationsApplied, latest: details.latestMigration } }
          : {}),
      };
    },
  };
}
