import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** True once the process has been asked to stop: /api/health/ready answers 503 and responses close their connection. */
    draining(): boolean;
    /** Starts the drain; `close()` follows (see run-api.ts). */
    beginDrain(): void;
  }
}

/**
 * The draining state of a stopping instance. While draining, requests are still served (a load balancer needs a
 * moment to see the failing readiness check), but every response says `Connection: close`, so clients open their
 * next connection elsewhere instead of reusing one that is about to be closed.
 */
const lifecycle: FastifyPluginAsync = async (app) => {
  let draining = false;
  app.decorate('draining', () => draining);
  app.decorate('beginDrain', () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => {
    draining = true;
  });
};

export default fp(lifecycle, { name: 'lifecycle' });
