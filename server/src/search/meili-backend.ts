import type { Meilisearch } from 'meilisearch';
import type { SearchBackend } from './backend.js';
import type { SearchDocument } from './search-document.js';
import {
  FACETS,
  HIGHLIGHTED,
  POST,
  PRE,
  highlightsFrom,
  meiliFilter,
  toHit,
  type SearchRequest,
  type SearchResult,
} from './search-query.js';

/** Only what a hit shows (the documents also carry ids, terms and ranking fields): smaller answers, faster. */
const RETRIEVED = [
  ...new Set([
    'id', 'type', 'name', 'description', 'profession', 'sector', 'domain', 'specialisms', 'agencyName', 'localities',
    'capacity', 'lastVerifiedAt', 'freshness', ...HIGHLIGHTED,
  ]),
];

/** Search on Meilisearch. Requests time out after `timeoutMs` so a hung engine fails fast (then: fallback). */
export class MeiliSearchBackend implements SearchBackend {
  readonly name = 'meilisearch' as const;

  constructor(
    private readonly client: Meilisearch,
    private readonly indexUid: string,
    private readonly timeoutMs = 2_000,
  ) {}

  async search(req: SearchRequest): Promise<SearchResult> {
    const res = await this.client.index<SearchDocument>(this.indexUid).search(
      req.q,
      {
        filter: meiliFilter(req),
        facets: [...FACETS],
        limit: req.limit,
        offset: req.offset,
        attributesToRetrieve: RETRIEVED,
        attributesToHighlight: [...HIGHLIGHTED],
        highlightPreTag: PRE,
        highlightPostTag: POST,
        matchingStrategy: 'frequency',
      },
      { signal: AbortSignal.timeout(this.timeoutMs) },
    );
    return {
      hits: res.hits.map((h) => toHit(h, highlightsFrom((h._formatted ?? {}) as Record<string, unknown>))),
      facets: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
      total: res.estimatedTotalHits ?? res.hits.length,
      backend: 'meilisearch',
      processingTimeMs: res.processingTimeMs,
    };
  }
}
