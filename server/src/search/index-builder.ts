import type { SearchableLabel } from '@knotwork/graph-schema';
import type { Meilisearch } from 'meilisearch';
import { SEARCHABLE_LABELS, type DocumentsRepository } from './documents.repository.js';
import { MeiliIndex, awaitTask } from './meili-index.js';
import { meiliSynonyms, thesaurusGroups } from './thesaurus.js';

export interface BuildProgress {
  label: SearchableLabel;
  done: number;
  total: number;
}

/** Synonyms from the thesaurus in Neo4j, as Meilisearch wants them. */
export async function currentSynonyms(documents: DocumentsRepository): Promise<Record<string, string[]>> {
  return meiliSynonyms(thesaurusGroups(await documents.loadThesaurus()));
}

/**
 * Fills `index` from Neo4j: settings first (with the thesaurus synonyms), then every searchable node in
 * batches, each batch's task awaited and checked.
 */
export async function fillIndex(
  index: MeiliIndex,
  documents: DocumentsRepository,
  options: { batchSize?: number; onProgress?: (p: BuildProgress & { overall: number; overallTotal: number }) => void; onBatch?: () => Promise<void> } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  await index.ensure();
  await index.applySettings(await currentSynonyms(documents));
  const counts = await documents.countByLabel();
  const overallTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  let overall = 0;
  const now = Date.now();
  for (const label of SEARCHABLE_LABELS) {
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await documents.idsPage(label, after, batchSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const docs = await documents.loadByLabel(label, ids, now);
      await index.upsert(docs);
      done += ids.length;
      overall += ids.length;
      options.onProgress?.({ label, done, total: counts[label], overall, overallTotal });
      await options.onBatch?.();
    }
  }
  return overall;
}

/**
 * Rebuilds the live index without downtime: fills a fresh index, then swaps it with the live one
 * (`swapIndexes`, atomic) and drops the old one. If there is no live index yet, the fresh one is renamed.
 * Search keeps answering from the old index until the swap.
 */
export async function rebuildIndex(
  client: Meilisearch,
  liveUid: string,
  documents: DocumentsRepository,
  options: Parameters<typeof fillIndex>[2] = {},
): Promise<{ documents: number; swapped: boolean }> {
  const buildUid = `${liveUid}__build_${Date.now()}`;
  const fresh = new MeiliIndex(client, buildUid);
  try {
    const count = await fillIndex(fresh, documents, options);
    const live = new MeiliIndex(client, liveUid);
    const liveExists = await live.exists();
    await awaitTask(
      client,
      client.swapIndexes([{ indexes: [buildUid, liveUid], rename: !liveExists }]),
      `swap ${buildUid} with ${liveUid}`,
    );
    if (liveExists) await fresh.drop(); // after the swap it holds the old documents
    return { documents: count, swapped: liveExists };
  } catch (e) {
    await fresh.drop().catch(() => undefined);
    throw e;
  }
}
