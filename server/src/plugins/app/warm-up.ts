import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface WarmUpResult {
  name: string;
  ms: number;
  ok: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Registers work to run once in the background after the API is ready (e.g. having Neo4j plan a module's
     * queries, which takes seconds the first time, so that the first user does not pay for it).
     */
    warmUp(name: string, task: () => Promise<unknown>): void;
    /** Settles when every registered warm-up has run (never rejects; a failure only means a slower first request). */
    warmedUp: Promise<WarmUpResult[]>;
    /** 'running' from start until `warmedUp` settles; 'off' when disabled (WARM_UP=false). */
    warmUpState(): 'running' | 'done' | 'off';
  }
}

/**
 * Runs the registered warm-ups one after another (not at once: on a small machine they would compete with each
 * other and with the first requests for the same cores), after `onReady`, without delaying it.
 */
const warmUp: FastifyPluginAsync<{ enabled?: boolean }> = async (app, { enabled = true }) => {
  const tasks: Array<{ name: string; task: () => Promise<unknown> }> = [];
  let started = false;
  let closing = false;
  let finish!: (results: WarmUpResult[]) => void;
  const warmedUp = new Promise<WarmUpResult[]>((resolve) => (finish = resolve));

  app.decorate('warmUp', (name: string, task: () => Promise<unknown>) => {
    if (started) throw new Error(`warm-up "${name}" registered after the API started`);
    if (enabled) tasks.push({ name, task });
  });
  app.decorate('warmedUp', warmedUp);
  let done = false;
  app.decorate('warmUpState', () => (!enabled ? 'off' : done ? 'done' : 'running'));

  app.addHook('onReady', async () => {
    started = true;
    void runAll().then(finish);
  });
  app.addHook('onClose', async () => {
    closing = true;
  });

  async function runAll(): Promise<WarmUpResult[]> {
    const results: WarmUpResult[] = [];
    for (const { name, task } of tasks) {
      if (closing) break;
      const t = performance.now();
      const ok = await task().then(
        () => true,
        (err: unknown) => (app.log.debug({ err, warmUp: name }, 'warm-up did not finish'), false),
      );
      results.push({ name, ms: Math.round(performance.now() - t), ok });
    }
    if (results.length) app.log.info({ warmUps: results }, 'warm-up finished');
    done = true;
    return results;
  }
};

export default fp(warmUp, { name: 'warm-up' });
