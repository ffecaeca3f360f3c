import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built web client (client/dist) at / with a single-page-app fallback: any GET that is not under
 * /api and is not a file gets index.html, so deep links such as /practitioners/<id> work on reload.
 * Hashed assets are cached for a year; index.html is always revalidated.
 */
const client: FastifyPluginAsync<{ root?: string }> = async (app, opts) => {
  const root = opts.root ? resolve(opts.root) : undefined;
  if (!root || !existsSync(resolve(root, 'index.html'))) {
    if (root) app.log.warn({ root }, 'client build not found; run `npm run build -w client` to serve the web client');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // @fastify/static 10 passes the reply here.
    setHeaders(reply, path) {
      (reply as unknown as FastifyReply).header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const spa = (request: { url: string }, reply: FastifyReply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) return reply.callNotFound();
    // Files added after start (a rebuild) are served too; everything else is a client route.
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    const file = resolve(root, `.${path}`);
    if (path !== '/' && file.startsWith(`${root}/`) && existsSync(file) && statSync(file).isFile()) {
      return reply.sendFile(file.slice(root.length + 1));
    }
    if (path.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  app.get('/', (request, reply) => spa(request, reply));
  app.get('/*', (request, reply) => spa(request, reply));
};

export default fp(client, { name: 'client' });
