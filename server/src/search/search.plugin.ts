import fp from 'fastify-plugin';
import { createDocumentsRepository, type DocumentsRepository } from './documents.repository.js';
import { FailoverSearch } from './failover-search.js';
import { FulltextSearchBackend, ThesaurusCache } from './fulltext-backend.js';
import { createFulltextRepository } from './fulltext.repository.js';
import { MeiliSearchBackend } from './meili-backend.js';
import { MeiliIndex } from './meili-index.js';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.js';
import { createOutboxRepository, type OutboxRepository } from './outbox.repository.js';

export interface SearchRuntime {
  failover: FailoverSearch;
  documents: DocumentsRepository;
  outbox: OutboxRepository;
  thesaurus: ThesaurusCache;
  /** The in-process outbox worker; null without Meilisearch or when disabled. */
  worker: OutboxWorker | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    searchRuntime: SearchRuntime;
  }
}

export interface SearchPluginOptions {
  /** Run the outbox worker in this process (default true). */
  worker?: boolean;
  workerOptions?: OutboxWorkerOptions;
  /** Search request timeout towards Meilisearch before falling back (default 2 s: see CircuitBreaker). */
  searchTimeoutMs?: number;
}

/**
 * The search backend of the app: Meilisearch with the Neo4j full-text fallback behind a circuit breaker, and
 * the outbox worker, started when the app is ready and stopped (lease released) when it closes.
 */
export default fp<SearchPluginOptions>(
  async (app, opts) => {
    const documents = createDocumentsRepository(app.db);
    const outbox = createOutboxRepository(app.db);
    const thesaurus = new ThesaurusCache(documents);
    const fallback = new FulltextSearchBackend(createFulltextRepository(app.db), documents, thesaurus);
    const primary = app.meili ? new MeiliSearchBackend(app.meili, app.meiliIndexName, opts.searchTimeoutMs ?? 2_000) : null;
    const failover = new FailoverSearch(primary, fallback, undefined, app.log);
    const worker =
      app.meili && opts.worker !== false
        ? new OutboxWorker(
            {
              db: app.db,
              outbox,
              documents,
              index: new MeiliIndex(app.meili, app.meiliIndexName),
              log: app.log,
              onThesaurusChange: () => thesaurus.invalidate(),
            },
            opts.workerOptions,
          )
        : null;
    app.decorate('searchRuntime', { failover, documents, outbox, thesaurus, worker });
    if (worker) {
      app.addHook('onReady', async () => worker.start());
      app.addHook('onClose', async () => worker.stop());
      // A successful write has committed by the time its response is sent: apply what it queued now.
      app.addHook('onResponse', async (request, reply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) worker.wake();
      });
    }
  },
  { name: 'search', dependencies: ['neo4j', 'meilisearch'] },
);
