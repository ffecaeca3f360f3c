import type { SearchResponse } from '@knotwork/graph-schema';
import type { SearchBackend } from './backend.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { SearchRequest } from './search-query.js';

export interface FailoverLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Chooses the backend per request: Meilisearch while it answers, the Neo4j full-text fallback when it
 * does not (the response then says `degraded: true`, `backend: 'neo4j-fulltext'`). Any failure of the engine
 * (unreachable, timeout, missing index, error answer) sends the request to the fallback and counts against
 * the circuit breaker (a timeout counts as slow, anything else as unreachable).
 */
export class FailoverSearch {
  constructor(
    readonly primary: SearchBackend | null,
    readonly fallback: SearchBackend,
    readonly breaker: CircuitBreaker = new CircuitBreaker(),
    private readonly log?: FailoverLogger,
  ) {}

  async search(req: SearchRequest): Promise<SearchResponse> {
    if (this.primary && this.breaker.allow()) {
      try {
        const result = await this.primary.search(req);
        this.breaker.success();
        return { ...result, degraded: false };
      } catch (e) {
        this.breaker.failure(isTimeout(e) ? 'slow' : 'unreachable');
        this.log?.warn(
          { err: e instanceof Error ? { name: e.name, message: e.message } : String(e), breaker: this.breaker.state },
          'search engine failed; answering from the Neo4j full-text fallback',
        );
      }
    }
    const result = await this.fallback.search(req);
    return { ...result, degraded: true, backend: 'neo4j-fulltext' };
  }
}

/** Whether the engine failed by not answering in time (the request's AbortSignal.timeout fired). */
export function isTimeout(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    if (x.name === 'TimeoutError' || x.name === 'AbortError') return true;
  }
  return false;
}
