import { randomUUID } from 'node:crypto';
import cliProgress from 'cli-progress';
import { createDocumentsRepository } from '../../search/documents.repository.js';
import { rebuildIndex } from '../../search/index-builder.js';
import { LEASE_NAME } from '../../search/outbox-worker.js';
import { createOutboxRepository } from '../../search/outbox.repository.js';
import { throwIfStopped } from '../../lib/stop.js';
import { UsageError, type CliCommand } from '../context.js';

const LEASE_MS = 60_000;

/**
 * Rebuilds the search index from Neo4j into a fresh index and swaps it in (Meilisearch swapIndexes), so search
 * never sees an empty or half-built index. Holds the outbox drain lease meanwhile: the app's workers pause, and
 * the changes written during the rebuild are applied to the new index right after the swap.
 */
export const reindexCommand: CliCommand = {
  name: 'reindex',
  summary: 'Rebuild the search index from Neo4j and swap it in without downtime',
  stopsSafely: true,
  usage: 'reindex [--batch-size N] [--if-needed]',
  async run(args, ctx) {
    if (!ctx.meili || !ctx.config.meili) throw new UsageError('MEILI_HOST is not set: there is no search index to rebuild');
    let batchSize = 1_000;
    let onlyIfNeeded = false;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--if-needed') onlyIfNeeded = true;
      else if (args[i] === '--batch-size') {
        batchSize = Number(args[++i]);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) {
          throw new UsageError('--batch-size must be an integer between 1 and 20000');
        }
      } else throw new UsageError(`unknown option ${args[i]}`);
    }
    const documents = createDocumentsRepository(ctx.db);
    const outbox = createOutboxRepository(ctx.db);
    const holder = `reindex-${randomUUID()}`;

    if (onlyIfNeeded) {
      const expected = Object.values(await documents.countByLabel()).reduce((a, b) => a + b, 0);
      const indexed = await ctx.meili
        .index(ctx.config.meili.index)
        .getStats()
        .then((s) => s.numberOfDocuments)
        .catch(() => -1);
      if (indexed === expected) {
        ctx.log(`search index "${ctx.config.meili.index}" is up to date (${indexed} documents); not rebuilt`);
        return;
      }
      ctx.log(`search index has ${indexed < 0 ? 'no index' : `${indexed} documents`}, the graph ${expected}: rebuilding`);
    }

    const deadline = Date.now() + 2 * LEASE_MS;
    while (!(await outbox.acquireLease(LEASE_NAME, holder, LEASE_MS))) {
      if (Date.now() > deadline) throw new Error('the search outbox lease stayed taken; is another reindex running?');
      ctx.log('waiting for the search outbox worker to pause…');
      await new Promise((r) => setTimeout(r, 2_000));
    }

    const bar = new cliProgress.SingleBar(
      {
        format: 'reindex |{bar}| {percentage}% | {value}/{total} documents | {label}',
        stream: process.stderr,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 2_000,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let barStarted = false;
    let indexed = 0;
    try {
      const result = await rebuildIndex(ctx.meili, ctx.config.meili.index, documents, {
        batchSize,
        onProgress: (p) => {
          if (!barStarted) {
            bar.start(p.overallTotal, 0, { label: p.label });
            barStarted = true;
          }
          bar.update(p.overall, { label: p.label });
          indexed = p.overall;
        },
        onBatch: async () => {
          throwIfStopped(
            ctx.signal,
            () => `reindex stopped after ${indexed} documents: the live index "${ctx.config.meili!.index}" is unchanged and the partial one was deleted`,
          );
          await outbox.acquireLease(LEASE_NAME, holder, LEASE_MS);
        },
      });
      if (barStarted) bar.stop();
      ctx.log(
        `reindexed ${result.documents} documents into "${ctx.config.meili.index}" in ${((Date.now() - started) / 1000).toFixed(1)} s` +
          (result.swapped ? ' (swapped with the previous index)' : ' (new index)'),
      );
    } finally {
      if (barStarted) bar.stop();
      await outbox.releaseLease(LEASE_NAME, holder);
    }
  },
};
