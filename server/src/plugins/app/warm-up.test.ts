import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import warmUp from './warm-up.js';

async function appWithWarmUps() {
  const app = Fastify({ logger: false });
  await app.register(warmUp);
  return app;
}

describe('warm-up plugin', () => {
  it('runs the registered warm-ups one after another once the API is ready, and reports each', async () => {
    const app = await appWithWarmUps();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} end`);
    };
    app.warmUp('first', step('first'));
    app.warmUp('second', step('second'));
    expect(log).toEqual([]);
    await app.ready();
    const results = await app.warmedUp;
    expect(log).toEqual(['first start', 'first end', 'second start', 'second end']);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['first', true],
      ['second', true],
    ]);
    expect(results.every((r) => r.ms >= 0)).toBe(true);
    await app.close();
  });

  it('does not hold up readiness, and a failing warm-up neither rejects nor stops the others', async () => {
    const app = await appWithWarmUps();
    let release!: () => void;
    app.warmUp('slow', () => new Promise<void>((r) => (release = r)));
    app.warmUp('broken', () => Promise.reject(new Error('Neo4j is away')));
    app.warmUp('after', async () => undefined);
    await app.ready(); // resolves while "slow" is still running
    release();
    expect((await app.warmedUp).map((r) => [r.name, r.ok])).toEqual([
      ['slow', true],
      ['broken', false],
      ['after', true],
    ]);
    await app.close();
  });

  it('skips what has not started when the API closes, and refuses warm-ups registered after the start', async () => {
    const app = await appWithWarmUps();
    let release!: () => void;
    let laterRan = false;
    app.warmUp('running', () => new Promise<void>((r) => (release = r)));
    app.warmUp('later', async () => {
      laterRan = true;
    });
    await app.ready();
    expect(() => app.warmUp('too late', async () => undefined)).toThrow(/after the API started/);
    await app.close();
    release();
    expect((await app.warmedUp).map((r) => r.name)).toEqual(['running']);
    expect(laterRan).toBe(false);
  });
});

describe('warm-up plugin, disabled', () => {
  it('takes registrations but runs nothing', async () => {
    const app = Fastify({ logger: false });
    await app.register(warmUp, { enabled: false });
    let ran = false;
    app.warmUp('planning', async () => {
      ran = true;
    });
    await app.ready();
    expect(await app.warmedUp).toEqual([]);
    expect(ran).toBe(false);
    await app.close();
  });
});

describe('warm-up state', () => {
  it('is running until every warm-up has run, then done; off when disabled', async () => {
    const app = Fastify({ logger: false });
    await app.register(warmUp);
    let release!: () => void;
    app.warmUp('slow', () => new Promise<void>((r) => (release = r)));
    await app.ready();
    expect(app.warmUpState()).toBe('running');
    release();
    await app.warmedUp;
    await new Promise((r) => setImmediate(r));
    expect(app.warmUpState()).toBe('done');
    await app.close();

    const off = Fastify({ logger: false });
    await off.register(warmUp, { enabled: false });
    await off.ready();
    expect(off.warmUpState()).toBe('off');
    await off.close();
  });
});
