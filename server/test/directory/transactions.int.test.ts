import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/lib/db.js';
import { createNodeRepository } from '../../src/modules/directory/node.repository.js';
import { createNodeService } from '../../src/modules/directory/node.service.js';
import { createRelationshipRepository } from '../../src/modules/relationships/relationship.repository.js';
import { createRelationshipService } from '../../src/modules/relationships/relationship.service.js';
import { writeAuditEvent } from '../../src/modules/audit/audit.repository.js';
import { createNode, relate, signInAs, type SignedIn } from '../factories.js';
import { buildTestApp } from '../helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

/**
 * Audit events and search-outbox entries are written in the same transaction as the change: they commit
 * together and roll back together. (The outbox is drained concurrently by the search worker, so the outbox
 * writes are observed on the transaction itself rather than by counting OutboxEvent nodes afterwards.)
 */
let app: App;
let coord: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  coord = await signInAs(app, 'coordinator');
});
afterAll(async () => app?.close());

interface Call {
  query: string;
  params: Record<string, unknown>;
}
/** A Db whose write transactions record every statement; one log per transaction attempt. */
function spyingDb(db: Db): { db: Db; transactions: Call[][] } {
  const transactions: Call[][] = [];
  return {
    transactions,
    db: {
      ...db,
      write: (work, options) =>
        db.write((tx) => {
          const log: Call[] = [];
          transactions.push(log);
          const proxy = {
            run: (query: string, params: Record<string, unknown> = {}) => {
              log.push({ query, params });
              return tx.run(query, params);
            },
          } as unknown as ManagedTransaction;
          return work(proxy);
        }, options),
    },
  };
}
const outboxCalls = (log: Call[]) => log.filter((c) => c.query.includes(':OutboxEvent'));
const outboxEvents = (log: Call[]) => outboxCalls(log).flatMap((c) => c.params.events as Array<[string, boolean]>);
const outboxIds = (log: Call[]) => outboxEvents(log).map(([id]) => id);
/** Ids queued to be rebuilt together with the documents that show them. */
const withDependentsIds = (log: Call[]) => outboxEvents(log).flatMap(([id, withDependents]) => (withDependents ? [id] : []));
const auditsIn = (log: Call[]) => log.filter((c) => c.query.includes(':AuditEvent')).map((c) => c.params);

async function history(id: string) {
  return (await coord.inject({ method: 'GET', url: `/api/audit?entity=${id}` })).json().items as { action: string }[];
}

describe('same transaction', () => {
  it('create and update write the audit event and the outbox entry in the change’s transaction', async () => {
    const spy = spyingDb(app.db);
    const service = createNodeService({ db: spy.db, repository: createNodeRepository(spy.db) });
    const actor = { id: coord.user.id, email: coord.user.email };
    const agency = await service.create(actor, 'Agency', { name: 'Outbox agency', sector: 'vcs' });
    expect(spy.transactions).toHaveLength(1);
    expect(auditsIn(spy.transactions[0]!)).toMatchObject([{ action: 'create', entityId: agency.id, entityType: 'Agency' }]);
    expect(outboxIds(spy.transactions[0]!)).toEqual([agency.id]);

    const staff = await createNode(app, 'Practitioner');
    await relate(app, 'WORKS_FOR', staff.id, agency.id);
    await service.update(actor, 'Agency', agency.id, { name: 'Renamed agency' });
    const log = spy.transactions[1]!;
    expect(auditsIn(log)).toMatchObject([{ action: 'update', entityId: agency.id }]);
    // the agency's staff show its name: the worker rebuilds them with it (found when the event is applied)
    expect(outboxIds(log)).toEqual([agency.id]);
    expect(withDependentsIds(log)).toEqual([agency.id]);

    const locality = await service.create(actor, 'Locality', { name: 'Not searchable', kind: 'ward' });
    expect(outboxIds(spy.transactions[2]!)).toEqual([]);
    expect(auditsIn(spy.transactions[2]!)).toMatchObject([{ entityId: locality.id }]);
  });

  it('a relationship change audits both ends and enqueues both searchable ends, in one transaction', async () => {
    const spy = spyingDb(app.db);
    const service = createRelationshipService({ db: spy.db, repository: createRelationshipRepository(spy.db) });
    const p = await createNode(app, 'Practitioner');
    const s = await createNode(app, 'Specialism');
    const l = await createNode(app, 'Locality');
    await service.put(coord.user, 'HAS_SPECIALISM', { from: p.id, to: s.id, properties: { level: 'lead' } });
    expect(spy.transactions).toHaveLength(1);
    expect(auditsIn(spy.transactions[0]!).map((a) => a.entityId)).toEqual([p.id, s.id]);
    expect(outboxIds(spy.transactions[0]!).sort()).toEqual([p.id, s.id].sort());
    await service.put(coord.user, 'SERVES', { from: p.id, to: l.id, properties: {} });
    expect(outboxIds(spy.transactions[1]!)).toEqual([p.id]);
  });
});

describe('what a write queues for the search index', () => {
  const actor = () => ({ id: coord.user.id, email: coord.user.email });
  /** A node service whose write transactions are recorded. */
  const spiedNodeService = () => {
    const spy = spyingDb(app.db);
    return { spy, service: createNodeService({ db: spy.db, repository: createNodeRepository(spy.db) }) };
  };

  it('a practitioner’s capacity change rebuilds their own document only, not their specialism’s other holders', async () => {
    const { spy, service } = spiedNodeService();
    const p = await createNode(app, 'Practitioner');
    const s = await createNode(app, 'Specialism');
    const a = await createNode(app, 'Agency');
    await relate(app, 'HAS_SPECIALISM', p.id, s.id);
    await relate(app, 'WORKS_FOR', p.id, a.id);
    await service.update(actor(), 'Practitioner', p.id, { capacity: 'limited' });
    expect(outboxIds(spy.transactions[0]!)).toEqual([p.id]);
    expect(withDependentsIds(spy.transactions[0]!)).toEqual([]);
  });

  it('only fields other documents show take the dependents along', async () => {
    const { spy, service } = spiedNodeService();
    const a = await createNode(app, 'Agency');
    const s = await createNode(app, 'Specialism');
    const l = await createNode(app, 'Locality');
    await service.update(actor(), 'Agency', a.id, { referralRoute: 'Ring the duty desk.' });
    await service.update(actor(), 'Agency', a.id, { sector: 'health' });
    await service.update(actor(), 'Specialism', s.id, { description: 'Longer words.' });
    await service.update(actor(), 'Specialism', s.id, { synonyms: [{ term: 'SLCN', profession: null }] });
    await service.update(actor(), 'Locality', l.id, { name: 'Renamed ward' });
    const [route, sector, description, synonyms, locality] = spy.transactions.map(withDependentsIds);
    expect({ route, sector, description, synonyms, locality }).toEqual({
      route: [],
      sector: [a.id],
      description: [],
      synonyms: [s.id],
      locality: [l.id],
    });
  });

  it('deleting a need rebuilds the documents of the holders of the specialisms that address it, found before it goes', async () => {
    const { spy, service } = spiedNodeService();
    const n = await createNode(app, 'Need');
    const s = await createNode(app, 'Specialism');
    const p = await createNode(app, 'Practitioner');
    await relate(app, 'ADDRESSED_BY', n.id, s.id);
    await relate(app, 'HAS_SPECIALISM', p.id, s.id);
    await service.remove(actor(), 'Need', n.id, true);
    expect(outboxIds(spy.transactions[0]!).sort()).toEqual([n.id, s.id, p.id].sort());
  });

  it('relationships that change other documents than their ends’ take the right end’s dependents along', async () => {
    const spy = spyingDb(app.db);
    const service = createRelationshipService({ db: spy.db, repository: createRelationshipRepository(spy.db) });
    const n = await createNode(app, 'Need');
    const s = await createNode(app, 'Specialism');
    const a = await createNode(app, 'Agency');
    const [inner, outer] = [await createNode(app, 'Locality'), await createNode(app, 'Locality')];
    await service.put(coord.user, 'ADDRESSED_BY', { from: n.id, to: s.id, properties: { strength: 0.9 } });
    await service.put(coord.user, 'SERVES', { from: a.id, to: inner.id, properties: {} });
    await service.put(coord.user, 'WITHIN', { from: inner.id, to: outer.id, properties: {} });
    const [addressed, serves, within] = spy.transactions;
    expect([outboxIds(addressed!).sort(), withDependentsIds(addressed!)]).toEqual([[n.id, s.id].sort(), [s.id]]);
    expect([outboxIds(serves!), withDependentsIds(serves!)]).toEqual([[a.id], [a.id]]);
    expect([outboxIds(within!), withDependentsIds(within!)]).toEqual([[inner.id], [inner.id]]);
  });
});

describe('rollback', () => {
  it('an audit event is rolled back together with a change that fails later in the transaction', async () => {
    const node = await createNode(app, 'Agency', { name: 'Before the failure' });
    const service = createNodeService({
      db: app.db,
      repository: createNodeRepository(app.db),
      // runs after the update and its audit event have been written in the transaction
      enqueueSearchSync: async () => {
        throw new Error('simulated failure after the audit write');
      },
    });
    await expect(
      service.update({ id: coord.user.id, email: coord.user.email }, 'Agency', node.id, { name: 'After the failure' }),
    ).rejects.toThrow('simulated failure');
    const stored = (await coord.inject({ method: 'GET', url: `/api/agencies/${node.id}` })).json();
    expect(stored.name).toBe('Before the failure');
    expect(await history(node.id)).toEqual([]);
  });

  it('an API change refused inside the transaction leaves no audit event', async () => {
    const a = await createNode(app, 'Locality');
    const b = await createNode(app, 'Locality');
    expect((await coord.inject({ method: 'PUT', url: '/api/relationships/within', payload: { from: a.id, to: b.id } })).statusCode).toBe(200);
    const cycle = await coord.inject({ method: 'PUT', url: '/api/relationships/within', payload: { from: b.id, to: a.id } });
    expect(cycle.statusCode).toBe(409);
    expect((await history(b.id)).map((e) => e.action)).toEqual(['relate']);
  });

  it('writeAuditEvent inside a failing db.write leaves nothing behind', async () => {
    const entityId = randomUUID();
    await expect(
      app.db.write(async (tx) => {
        await writeAuditEvent(tx, { actor: null, action: 'update', entityType: 'Agency', entityId, before: {}, after: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await history(entityId)).toEqual([]);
  });
});
