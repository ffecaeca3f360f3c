import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helper.js';
import { createMeiliClient } from '../plugins/external/meilisearch.js';
import { MeiliIndex, awaitTask } from './meili-index.js';

const config = testConfig();
const meili = createMeiliClient(config.meili!, 600_000);
const uid = `test_tasks_${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  await new MeiliIndex(meili.client, uid).drop().catch(() => undefined);
  meili.close();
});

describe('waiting for Meilisearch tasks', { timeout: 120_000 }, () => {
  it('waits out a long queue without leaking abort listeners (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const index = new MeiliIndex(meili.client, uid);
      await index.ensure();
      // Queue enough work that the last task waits well over ten polls (20 ms each) behind the others.
      const batches = Array.from({ length: 12 }, (_, b) =>
        Array.from({ length: 2_000 }, (_, i) => ({ id: `d${b}-${i}`, name: `Document ${b} ${i} speech therapy attendance` })),
      );
      // Enqueued one after another so that the last batch has the highest task uid (concurrent requests
      // may be enqueued in any order, and then "last" would not be last).
      const queuedUids: number[] = [];
      for (const docs of batches.slice(0, -1)) queuedUids.push((await meili.client.index(uid).addDocuments(docs)).taskUid);
      const started = Date.now();
      const last = await awaitTask(meili.client, meili.client.index(uid).addDocuments(batches.at(-1)!), 'last batch');
      const waited = Date.now() - started;
      expect(Math.max(...queuedUids)).toBeLessThan(last.uid);
      const earlier = await Promise.all(queuedUids.map((taskUid) => meili.client.tasks.getTask(taskUid)));
      expect(earlier.map((t) => t.status)).toEqual(queuedUids.map(() => 'succeeded'));
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(last.status).toBe('succeeded');
      expect(waited).toBeGreaterThan(300);
      expect(await index.documentCount()).toBe(24_000);
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
