import { SearchQuery } from '@knotwork/graph-schema';
import type { SearchBackend } from '../backend.js';
import type { DocumentsRepository } from '../documents.repository.js';
import { matchesFilters, type SearchRequest } from '../search-query.js';
import type { RelevanceQuery } from './relevance-set.js';
import { applySituation } from '../situation.js';
import { createRelevanceRepository } from './relevance.repository.js';
import type { Db } from '../../lib/db.js';

export interface QueryScore {
  query: RelevanceQuery;
  precisionAt5: number;
  recallAt10: number;
  top5Found: boolean;
  missingTop5: string[];
  relevant: number;
  top: string[];
}

export interface BackendScore {
  backend: string;
  precisionAt5: number;
  recallAt10: number;
  top5Rate: number;
  queries: QueryScore[];
}

/**
 * Precision@5 = relevant among the first five results / min(5, number of relevant documents);
 * recall@10  = relevant among the first ten / min(10, number of relevant documents) (normalised, so that a query
 * with 40 relevant practitioners can still score 1). `restrictTo` ignores documents outside the evaluated data
 * (other tests' fixtures in a shared database).
 */
export async function evaluate(
  db: Db,
  documents: DocumentsRepository,
  backend: SearchBackend,
  queries: readonly RelevanceQuery[],
  options: {
    restrictTo?: ReadonlySet<string>;
    localityAncestors?: (id: string) => Promise<string[]>;
    situations?: boolean;
  } = {},
): Promise<BackendScore> {
  const judgments = createRelevanceRepository(db);
  const scores: QueryScore[] = [];
  for (const query of queries) {
    const parsed = SearchQuery.parse({ q: query.q, limit: '50', ...(query.params ?? {}) });
    const req: SearchRequest = { ...parsed };
    if (parsed.locality && options.localityAncestors)
      req.localityAncestors = await options.localityAncestors(parsed.locality);
    const res = await backend.search(options.situations ? applySituation(req).req : req);
    const ranked = res.hits.map((h) => h.id).filter((id) => !options.restrictTo || options.restrictTo.has(id));
    let relevantIds = [
      ...(query.about.ids ?? []),
      ...(await judgments.relevantIds(query.about.specialisms ?? [], query.about.needs ?? [])),
    ];
    if (query.params) {
      const docs = await documents.loadDocuments(relevantIds);
      relevantIds = docs.filter((d) => matchesFilters(d, req)).map((d) => d.id);
    }
    const relevant = new Set(relevantIds);
    const hitsIn = (n: number) => ranked.slice(0, n).filter((id) => relevant.has(id)).length;
    const denom = (n: number) => Math.max(1, Math.min(n, relevant.size));
    const missingTop5 = query.top5.filter((id) => !ranked.slice(0, 5).includes(id));
    scores.push({
      query,
      precisionAt5: relevant.size === 0 ? (ranked.length === 0 ? 1 : 0) : hitsIn(5) / denom(5),
      recallAt10: relevant.size === 0 ? 1 : hitsIn(10) / denom(10),
      top5Found: missingTop5.length === 0,
      missingTop5,
      relevant: relevant.size,
      top: ranked.slice(0, 5),
    });
  }
  const mean = (f: (s: QueryScore) => number) => scores.reduce((a, s) => a + f(s), 0) / Math.max(1, scores.length);
  return {
    backend: backend.name,
    precisionAt5: mean((s) => s.precisionAt5),
    recallAt10: mean((s) => s.recallAt10),
    top5Rate: mean((s) => (s.top5Found ? 1 : 0)),
    queries: scores,
  };
}
