import type { HealthResponse } from '@knotwork/graph-schema';
import type { Meilisearch } from 'meilisearch';
import type { HealthRepository } from './health.repository.js';

export function createHealthService(deps: { repository: HealthRepository; meili: Meilisearch | null; version: string }) {
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
