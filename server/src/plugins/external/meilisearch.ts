import fp from 'fastify-plugin';
import { Meilisearch } from 'meilisearch';
import type { Config } from '../../config.js';
import { createKeepAliveHttpClient } from '../../search/keep-alive-http-client.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Meilisearch client, or null when no MEILI_HOST is configured (search runs degraded on Neo4j). */
    meili: Meilisearch | null;
    meiliIndexName: string;
  }
}

export function createMeiliClient(config: NonNullable<Config['meili']>, timeoutMs = 5_000) {
  const http = createKeepAliveHttpClient();
  const client = new Meilisearch({
    host: config.host,
    ...(config.masterKey ? { apiKey: config.masterKey } : {}),
    httpClient: http.request,
    timeout: timeoutMs,
  });
  return { client, close: http.close };
}

/** Owns the one Meilisearch client of the process and its sockets. */
export default fp(
  async (app, opts: { config: Config['meili'] }) => {
    if (!opts.config) {
      app.decorate('meili', null);
      app.decorate('meiliIndexName', 'knotwork');
      return;
    }
    const { client, close } = createMeiliClient(opts.config);
    app.decorate('meili', client);
    app.decorate('meiliIndexName', opts.config.index);
    app.addHook('onClose', async () => close());
  },
  { name: 'meilisearch' },
);
