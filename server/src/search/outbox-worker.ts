import { randomUUID } from 'node:crypto';
import type { Db } from '../lib/db.js';
import type { DocumentsRepository } from './documents.repository.js';
import { currentSynonyms, fillIndex } from './index-builder.js';
import type { MeiliIndex } from './meili-index.js';
import { enqueueSearchSync, type OutboxRepository } from './outbox.repository.js';
import type { SearchDocument } from './search-document.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  /** Events taken per round. */
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleMs?: number;
  /** Lease length; renewed every round. */
  leaseMs?: number;
  /** Backoff after failures: baseBackoffMs · 2^(n-1), capped. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often fresh documents that turned stale are re-queued (their ranking changes). */
  sweepEveryMs?: number;
  /** Fill the index from Neo4j when the worker had to create it (first start). */
  fillWhenCreated?: boolean;
  /** Give the lease up after a failed round so a healthier instance can drain (default true). */
  releaseLeaseOnFailure?: boolean;
}

export const LEASE_NAME = 'search-outbox';
const UPSERT_CHUNK = 1_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Applies the search outbox to Meilisearch, in process. Each round: take (or renew) the drain lease, read the
 * oldest due events, re-read their entities (and, where the event asks, the entities whose documents show them)
 * from Neo4j, upsert or delete the documents, await and check the Meilisearch tasks, and only then delete the
 * events. A failure
 * postpones the events with exponential backoff and nothing is lost: the events stay until applied. Replays are
 * harmless because documents are always rebuilt from the current graph.
 */
export class OutboxWorker {
  readonly holder = `worker-${randomUUID()}`;
  private controller = new AbortController();
  private loop: Promise<void> | null = null;
  private prepared = false;
  /** A first fill was started and did not finish (it is resumed on the next round). */
  private filling = false;
  private lastSweep = Date.now();
  private consecutiveFailures = 0;
  /** Ends the current idle pause early (set only during a pause). */
  private endIdle: (() => void) | null = null;
  /** A wake came while no pause was running: the next pause is skipped. */
  private woken = false;
  private readonly o: Required<OutboxWorkerOptions>;
  /** Rounds completed, failures seen: for tests and health. */
  readonly stats = { rounds: 0, applied: 0, failures: 0, isLeader: false, lastError: null as string | null };

  constructor(
    private readonly deps: {
      db: Db;
      outbox: OutboxRepository;
      documents: DocumentsRepository;
      index: MeiliIndex;
      log?: WorkerLogger;
      /** Called after the thesaurus (synonyms) was re-applied, e.g. to drop the fallback's cache. */
      onThesaurusChange?: () => void;
    },
    options: OutboxWorkerOptions = {},
  ) {
    this.o = {
      batchSize: options.batchSize ?? 200,
      idleMs: options.idleMs ?? 500,
      leaseMs: options.leaseMs ?? 15_000,
      baseBackoffMs: options.baseBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      sweepEveryMs: options.sweepEveryMs ?? 3_600_000,
      fillWhenCreated: options.fillWhenCreated ?? true,
      releaseLeaseOnFailure: options.releaseLeaseOnFailure ?? true,
    };
  }

  backoff(n: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** Math.max(0, n - 1));
  }

  start(): void {
    if (this.loop) return;
    this.controller = new AbortController();
    this.loop = this.run(this.controller.signal);
  }

  /**
   * Something was just written (this process committed a transaction that may have queued events): start the next
   * round now rather than after the idle pause. Without it an edit waited up to `idleMs` to reach search.
   */
  wake(): void {
    this.woken = true;
    this.endIdle?.();
  }

  private async idle(signal: AbortSignal): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const pause = new AbortController();
    const onAbort = () => pause.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.endIdle = () => pause.abort();
    try {
      await sleep(this.o.idleMs, pause.signal);
    } finally {
      this.endIdle = null;
      this.woken = false;
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops after the current round and gives the lease back. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.controller.abort();
    await this.loop;
    this.loop = null;
    if (this.stats.isLeader) {
      await this.deps.outbox.releaseLease(LEASE_NAME, this.holder).catch(() => undefined);
      this.stats.isLeader = false;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const leader = await this.deps.outbox.acquireLease(LEASE_NAME, this.holder, this.o.leaseMs);
        this.stats.isLeader = leader;
        if (!leader) {
          await sleep(Math.min(this.o.leaseMs / 3, 2_000), signal);
          continue;
        }
        const applied = await this.round();
        this.consecutiveFailures = 0;
        this.stats.rounds++;
        if (applied === 0) await this.idle(signal);
      } catch (e) {
        this.consecutiveFailures++;
        this.stats.failures++;
        this.stats.lastError = e instanceof Error ? e.message : String(e);
        const wait = this.backoff(this.consecutiveFailures);
        this.deps.log?.warn({ err: this.stats.lastError, retryInMs: wait }, 'search outbox: round failed, will retry');
        // Give the lease up while failing, so that an instance that can reach Meilisearch may drain instead.
        if (this.stats.isLeader && this.o.releaseLeaseOnFailure) {
          await this.deps.outbox.releaseLease(LEASE_NAME, this.holder).catch(() => undefined);
          this.stats.isLeader = false;
        }
        await sleep(wait, signal);
      }
    }
  }

  /** Makes sure the live index exists with current settings; fills it when it had to be created. */
  async prepare(): Promise<void> {
    const created = await this.deps.index.ensure();
    await this.deps.index.applySettings(await currentSynonyms(this.deps.documents));
    if ((created || this.filling) && this.o.fillWhenCreated) {
      this.filling = true;
      const n = await fillIndex(this.deps.index, this.deps.documents, {
        onBatch: async () => {
          // Closing the app must not wait for a whole first fill: stop between batches. A later round of this worker
          // resumes it; a new process leaves it to `reindex --if-needed` (npm start), which sees the count differ.
          if (this.controller.signal.aborted) throw new Error('search outbox worker stopping');
          await this.deps.outbox.acquireLease(LEASE_NAME, this.holder, this.o.leaseMs);
        },
      });
      this.filling = false;
      this.deps.log?.info({ documents: n, index: this.deps.index.uid }, 'search index created and filled from Neo4j');
    }
    this.prepared = true;
  }

  /** One round: returns how many events were applied (0 when there was nothing to do). */
  async round(): Promise<number> {
    if (!this.prepared) await this.prepare();
    if (Date.now() - this.lastSweep > this.o.sweepEveryMs) await this.sweepStale();
    const events = await this.deps.outbox.due(this.o.batchSize);
    if (events.length === 0) return 0;
    const eventIds = events.map((e) => e.id);
    try {
      const entityIds = [...new Set(events.map((e) => e.entityId))];
      const dependents = await this.deps.documents.dependents([
        ...new Set(events.filter((e) => e.withDependents).map((e) => e.entityId)),
      ]);
      const docs = await this.deps.documents.loadDocuments([...new Set([...entityIds, ...dependents])]);
      const found = new Set(docs.map((d) => d.id));
      const missing = entityIds.filter((id) => !found.has(id));
      const kept = await this.deps.documents.stillInGraph(missing);
      const gone = missing.filter((id) => !kept.has(id));
      // Specialisms and needs carry the thesaurus; a deleted one may have too.
      if (gone.length || (await this.deps.documents.touchesThesaurus(entityIds))) {
        if (await this.deps.index.applySettings(await currentSynonyms(this.deps.documents))) {
          this.deps.onThesaurusChange?.();
        }
      }
      for (let i = 0; i < docs.length; i += UPSERT_CHUNK) await this.deps.index.upsert(docs.slice(i, i + UPSERT_CHUNK));
      await this.deps.index.delete(gone);
      await this.deps.outbox.acknowledge(eventIds);
      this.stats.applied += events.length;
      return events.length;
    } catch (e) {
      const attempts = Math.max(...events.map((x) => x.attempts)) + 1;
      await this.deps.outbox
        .postpone(eventIds, Date.now() + this.backoff(attempts), e instanceof Error ? e.message : String(e))
        .catch(() => undefined);
      throw e;
    }
  }

  /** Drains everything due now (tests, CLI). Throws the first failure. */
  async drain(maxRounds = 1_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.round();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  /**
   * Fresh profiles turn stale with time alone, without any write: re-queue those whose `staleAt` has passed so
   * their documents (and ranking) are rebuilt.
   */
  async sweepStale(): Promise<number> {
    this.lastSweep = Date.now();
    const now = Math.floor(Date.now() / 1000);
    const res = await this.deps.index.client
      .index<SearchDocument>(this.deps.index.uid)
      .search('', { filter: [`freshness = 1`, `staleAt < ${now}`], limit: 1_000, attributesToRetrieve: ['id'] });
    const ids = res.hits.map((h) => h.id);
    if (ids.length) await this.deps.db.write((tx) => enqueueSearchSync(tx, ids));
    return ids.length;
  }
}
