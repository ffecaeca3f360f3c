import type { SearchRequest, SearchResult } from './search-query.js';

/**
 * One search interface, two implementations: `MeiliSearchBackend` (the engine) and `FulltextSearchBackend`
 * (Neo4j full-text, the degraded fallback). `FailoverSearch` picks one per request.
 */
export interface SearchBackend {
  readonly name: 'meilisearch' | 'neo4j-fulltext';
  search(request: SearchRequest): Promise<SearchResult>;
}
