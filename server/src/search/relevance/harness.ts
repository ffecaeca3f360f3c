import type { Meilisearch } from 'meilisearch';
import type { Db } from '../../lib/db.js';
import { createSearchRepository } from '../../modules/search/search.repository.js';
import { createDocumentsRepository } from '../documents.repository.js';
import { FulltextSearchBackend, ThesaurusCache } from '../fulltext-backend.js';
import { createFulltextRepository } from '../fulltext.repository.js';
import { currentSynonyms } from '../index-builder.js';
import { MeiliSearchBackend } from '../meili-backend.js';
import { MeiliIndex } from '../meili-index.js';
import { loadDemoSearchGraph } from './demo-loader.repository.js';
import { evaluate, type BackendScore } from './evaluate.js';
import { relevanceSet, type RelevanceQuery } from './relevance-set.js';

/**
 * Loads the demo data, indexes exactly its documents into `indexUid`, and scores both backends on the
 * relevance set. Used by the relevance test and by `npm run -w bench relevance`.
 */
export async function runRelevance(
  db: Db,
  meili: Meilisearch,
  indexUid: string,
  options: {
    keepIndex?: boolean;
    log?: (line: string) => void;
    queries?: readonly RelevanceQuery[];
    situations?: boolean;
  } = {},
): Promise<BackendScore[]> {
  const log = options.log ?? (() => undefined);
  const documents = createDocumentsRepository(db);
  log('loading the demo data into Neo4j…');
  const ids = await loadDemoSearchGraph(db);
  log(`indexing ${ids.length} demo documents into ${indexUid}…`);
  const index = new MeiliIndex(meili, indexUid);
  await index.ensure();
  await index.applySettings(await currentSynonyms(documents));
  for (let i = 0; i < ids.length; i += 1_000)
    await index.upsert(await documents.loadDocuments(ids.slice(i, i + 1_000)));
  const restrictTo = new Set(ids);
  const search = createSearchRepository(db);
  const backends = [
    new MeiliSearchBackend(meili, indexUid, 5_000),
    new FulltextSearchBackend(createFulltextRepository(db), documents, new ThesaurusCache(documents)),
  ];
  try {
    const out: BackendScore[] = [];
    for (const b of backends) {
      out.push(
        await evaluate(db, documents, b, options.queries ?? relevanceSet, {
          restrictTo,
          localityAncestors: (id) => search.localityAncestors(id),
          situations: options.situations ?? true,
        }),
      );
    }
    return out;
  } finally {
    if (!options.keepIndex) await index.drop().catch(() => undefined);
  }
}

export function formatScores(scores: BackendScore[], verbose = false): string {
  const lines: string[] = [];
  for (const s of scores) {
    lines.push(
      `${s.backend.padEnd(15)} precision@5 ${s.precisionAt5.toFixed(3)}  recall@10 ${s.recallAt10.toFixed(3)}  ` +
        `must-be-in-top-5 ${(s.top5Rate * 100).toFixed(1)}%  (${s.queries.length} queries)`,
    );
    const byKind = new Map<string, { p: number; r: number; n: number }>();
    for (const q of s.queries) {
      const k = byKind.get(q.query.kind) ?? { p: 0, r: 0, n: 0 };
      byKind.set(q.query.kind, { p: k.p + q.precisionAt5, r: k.r + q.recallAt10, n: k.n + 1 });
    }
    for (const [kind, k] of byKind) {
      lines.push(`    ${kind.padEnd(17)} P@5 ${(k.p / k.n).toFixed(3)}  R@10 ${(k.r / k.n).toFixed(3)}  (${k.n})`);
    }
    if (verbose) {
      for (const q of s.queries) {
        if (q.precisionAt5 < 1 || !q.top5Found) {
          lines.push(
            `    ✗ "${q.query.q}" ${JSON.stringify(q.query.params ?? {})} P@5 ${q.precisionAt5.toFixed(2)} R@10 ${q.recallAt10.toFixed(2)} relevant ${q.relevant}` +
              (q.missingTop5.length ? ` missing from top 5: ${q.missingTop5.join(', ')}` : ''),
          );
        }
      }
    }
  }
  return lines.join('\n');
}
