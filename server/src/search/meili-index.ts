import { MeilisearchApiError, type EnqueuedTaskPromise, type Meilisearch, type Settings, type Task } from 'meilisearch';
import { indexSettings } from './index-settings.js';
import type { SearchDocument } from './search-document.js';

export class SearchTaskError extends Error {
  constructor(
    readonly task: Task,
    what: string,
  ) {
    super(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.message ?? 'no error message'}`);
    this.name = 'SearchTaskError';
  }
}

const TASK_POLL_MS = 20;

/**
 * Polls a Meilisearch task until it is done (succeeded, failed or canceled). Not the SDK's waitTask: that polls with
 * one shared AbortSignal and leaves a listener on it per poll, so any task that takes over ~200 ms made Node print
 * "MaxListenersExceededWarning: … abort listeners".
 */
export async function finishedTask(client: Meilisearch, enqueued: EnqueuedTaskPromise, what: string, timeoutMs: number): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() >= deadline) throw new Error(`Meilisearch task ${taskUid} (${what}) not finished after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, TASK_POLL_MS));
  }
}

/** Awaits a Meilisearch task and throws unless it succeeded: no write is assumed done before it is. */
export async function awaitTask(client: Meilisearch, enqueued: EnqueuedTaskPromise, what: string, timeoutMs = 120_000): Promise<Task> {
  const task = await finishedTask(client, enqueued, what, timeoutMs);
  if (task.status !== 'succeeded') throw new SearchTaskError(task, what);
  return task;
}

/** The SDK may wrap the API error of our HTTP client in a request error: look at the cause too. */
export function apiErrorOf(e: unknown): MeilisearchApiError | null {
  if (e instanceof MeilisearchApiError) return e;
  const cause = (e as { cause?: unknown } | null)?.cause;
  return cause instanceof MeilisearchApiError ? cause : null;
}

const isNotFound = (e: unknown) => {
  const api = apiErrorOf(e);
  return api !== null && (api.cause?.code === 'index_not_found' || api.response?.status === 404);
};

/** Sorted copies so that settings compare equal whatever order Meilisearch returns them in. */
function comparable(s: Settings) {
  const sortList = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
  const synonyms = Object.fromEntries(
    Object.entries(s.synonyms ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, [...v].sort()]),
  );
  return JSON.stringify({
    searchableAttributes: s.searchableAttributes,
    filterableAttributes: sortList(s.filterableAttributes),
    sortableAttributes: sortList(s.sortableAttributes),
    rankingRules: s.rankingRules,
    typoTolerance: s.typoTolerance?.minWordSizeForTypos,
    synonyms,
  });
}

/** Write operations on one Meilisearch index; every task awaited and checked. */
export class MeiliIndex {
  constructor(
    readonly client: Meilisearch,
    readonly uid: string,
  ) {}

  async exists(): Promise<boolean> {
    try {
      await this.client.getRawIndex(this.uid);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  /** Creates the index when missing; returns whether it had to. */
  async ensure(): Promise<boolean> {
    if (await this.exists()) return false;
    const task = await finishedTask(this.client, this.client.createIndex(this.uid, { primaryKey: 'id' }), `create index ${this.uid}`, 60_000);
    if (task.status === 'succeeded') return true;
    if (task.error?.code === 'index_already_exists') return false;
    throw new SearchTaskError(task, `create index ${this.uid}`);
  }

  /** Writes the settings unless they are already in place. */
  async applySettings(synonyms: Record<string, string[]>): Promise<boolean> {
    const wanted = indexSettings(synonyms);
    const current = await this.client.index(this.uid).getSettings();
    if (comparable(current) === comparable(wanted)) return false;
    await awaitTask(this.client, this.client.index(this.uid).updateSettings(wanted), `settings of ${this.uid}`, 600_000);
    return true;
  }

  async applySynonyms(synonyms: Record<string, string[]>): Promise<void> {
    await awaitTask(this.client, this.client.index(this.uid).updateSynonyms(synonyms), `synonyms of ${this.uid}`, 600_000);
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await awaitTask(
      this.client,
      this.client.index<SearchDocument>(this.uid).addDocuments([...docs], { primaryKey: 'id' }),
      `upsert ${docs.length} documents into ${this.uid}`,
      600_000,
    );
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await awaitTask(this.client, this.client.index(this.uid).deleteDocuments([...ids]), `delete ${ids.length} documents from ${this.uid}`);
  }

  async documentCount(): Promise<number> {
    const stats = await this.client.index(this.uid).getStats();
    return stats.numberOfDocuments;
  }

  async drop(): Promise<void> {
    const task = await finishedTask(this.client, this.client.deleteIndex(this.uid), `delete index ${this.uid}`, 120_000);
    if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw new SearchTaskError(task, `delete index ${this.uid}`);
  }
}
