import { randomUUID } from 'node:crypto';
import { relationshipTypes, type DirectoryLabel, type RelationshipType } from '@knotwork/graph-schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { createNode, relate, signInAs, type SignedIn } from '../factories.js';
import { buildTestApp } from '../helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let app: App;
let coord: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  coord = await signInAs(app, 'coordinator');
});
afterAll(async () => app?.close());

/** Valid properties for each type (beyond the defaults). */
const sampleProps: Partial<Record<RelationshipType, Record<string, unknown>>> = {
  WORKS_FOR: { role: 'SENCo', since: '2021-09-01' },
  HAS_SPECIALISM: { level: 'lead' },
  ADDRESSED_BY: { strength: 0.5 },
  ATTENDS: { since: '2024-01-01' },
  PARTICIPATED_IN: { role: 'lead professional' },
  KNOWS: { source: 'onboarding' },
};

describe.each(Object.entries(relationshipTypes))('/api/relationships/%s', (type, def) => {
  it('creates (idempotently), lists, shows on both nodes, removes; audits both ends', async () => {
    const from = await createNode(app, def.from[0] as DirectoryLabel);
    const to = await createNode(app, def.to[0] as DirectoryLabel);
    const url = `/api/relationships/${def.path}`;
    const properties = sampleProps[type as RelationshipType] ?? {};
    for (let i = 0; i < 2; i++) {
      const put = await coord.inject({ method: 'PUT', url, payload: { from: from.id, to: to.id, properties } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ type, from: from.id, to: to.id, properties });
    }
    const list = await coord.inject({ method: 'GET', url: `${url}?from=${from.id}` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([{ type, from: { id: from.id }, to: { id: to.id }, properties }]);

    const fromPath = `/api/${pathOf(def.from[0])}/${from.id}`;
    const links = (await coord.inject({ method: 'GET', url: fromPath })).json().links;
    expect(links).toContainEqual(expect.objectContaining({ type, direction: 'out', node: expect.objectContaining({ id: to.id }) }));

    const del = await coord.inject({ method: 'DELETE', url: `${url}?from=${from.id}&to=${to.id}` });
    expect(del.statusCode, del.body).toBe(204);
    expect((await coord.inject({ method: 'DELETE', url: `${url}?from=${from.id}&to=${to.id}` })).statusCode).toBe(404);
    expect((await coord.inject({ method: 'GET', url: `${url}?from=${from.id}` })).json().items).toEqual([]);

    for (const end of [from.id, to.id]) {
      const events = (await coord.inject({ method: 'GET', url: `/api/audit?entity=${end}` })).json().items;
      expect(events.map((e: { action: string }) => e.action)).toEqual(['unrelate', 'relate', 'relate']);
      expect(events).toContainEqual(
        expect.objectContaining({ action: 'relate', before: null, after: { relationship: { type, from: from.id, to: to.id, properties: expect.anything() } } }),
      );
      expect(events[0]).toMatchObject({ after: null });
    }
  });
});

function pathOf(label: string): string {
  return { Practitioner: 'practitioners', Agency: 'agencies', Specialism: 'specialisms', Need: 'needs', Locality: 'localities', Location: 'locations', Forum: 'forums', Collaboration: 'collaborations' }[label]!;
}

describe('refusals', () => {
  it('validates properties per type and names the field', async () => {
    const p = await createNode(app, 'Practitioner');
    const s = await createNode(app, 'Specialism');
    const bad = await coord.inject({ method: 'PUT', url: '/api/relationships/has-specialism', payload: { from: p.id, to: s.id, properties: { level: 'guru' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^body\.properties\.level: /);
    const unknownProp = await coord.inject({ method: 'PUT', url: '/api/relationships/offers', payload: { from: randomUUID(), to: s.id, properties: { colour: 'red' } } });
    expect(unknownProp.statusCode).toBe(400);
    expect(unknownProp.json().error.message).toContain('body.properties');
    const badType = await coord.inject({ method: 'PUT', url: '/api/relationships/likes', payload: { from: p.id, to: s.id } });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.message).toMatch(/^params\.type: must be one of/);
    const badId = await coord.inject({ method: 'PUT', url: '/api/relationships/offers', payload: { from: 'x', to: s.id } });
    expect(badId.json().error.message).toMatch(/^body\.from: .*UUID/);
  });

  it('refuses wrong endpoint labels (400), unknown ids (404), self-loops (400) and cycles (409)', async () => {
    const p = await createNode(app, 'Practitioner');
    const a = await createNode(app, 'Agency');
    const wrong = await coord.inject({ method: 'PUT', url: '/api/relationships/works-for', payload: { from: a.id, to: p.id } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('body.from: is a Agency, but works-for needs Practitioner');
    const missing = await coord.inject({ method: 'PUT', url: '/api/relationships/works-for', payload: { from: p.id, to: randomUUID() } });
    expect(missing.statusCode).toBe(404);
    const self = await coord.inject({ method: 'PUT', url: '/api/relationships/knows', payload: { from: p.id, to: p.id } });
    expect(self.statusCode).toBe(400);
    const [s1, s2, s3] = [await createNode(app, 'Specialism'), await createNode(app, 'Specialism'), await createNode(app, 'Specialism')];
    await relate(app, 'BROADER', s1.id, s2.id);
    await relate(app, 'BROADER', s2.id, s3.id);
    const cycle = await coord.inject({ method: 'PUT', url: '/api/relationships/broader', payload: { from: s3.id, to: s1.id } });
    expect(cycle.statusCode).toBe(409);
  });
});

describe('who may change relationships', () => {
  it('a practitioner changes their own specialisms, forums, agency, localities, trails and collaborations — not others’', async () => {
    const me = await signInAs(app, 'practitioner');
    const own = me.user.practitionerId!;
    const other = await createNode(app, 'Practitioner');
    const spec = await createNode(app, 'Specialism');
    const forum = await createNode(app, 'Forum');
    const put = (path: string, from: string, to: string, properties = {}) =>
      me.inject({ method: 'PUT', url: `/api/relationships/${path}`, payload: { from, to, properties } });

    expect((await put('has-specialism', own, spec.id)).statusCode).toBe(200);
    expect((await put('attends', own, forum.id)).statusCode).toBe(200);
    expect((await put('knows', own, other.id)).statusCode).toBe(200);
    expect((await put('has-specialism', other.id, spec.id)).statusCode).toBe(403);
    expect((await put('attends', other.id, forum.id)).statusCode).toBe(403);
    const del = await me.inject({ method: 'DELETE', url: `/api/relationships/has-specialism?from=${own}&to=${spec.id}` });
    expect(del.statusCode).toBe(204);
    // directory structure is for coordinators
    expect((await put('broader', spec.id, (await createNode(app, 'Specialism')).id)).statusCode).toBe(403);

    // a collaboration they take part in: add a colleague and the need addressed; not so for someone else's
    const collab = (await me.inject({ method: 'POST', url: '/api/collaborations', payload: { startedOn: '2026-01-05' } })).json();
    const need = await createNode(app, 'Need');
    expect((await put('participated-in', other.id, collab.id)).statusCode).toBe(200);
    expect((await put('addressed', collab.id, need.id)).statusCode).toBe(200);
    const foreign = await createNode(app, 'Collaboration');
    expect((await put('participated-in', other.id, foreign.id)).statusCode).toBe(403);
    expect((await put('addressed', foreign.id, need.id)).statusCode).toBe(403);

    const viewer = await signInAs(app, 'viewer');
    const v = await viewer.inject({ method: 'PUT', url: '/api/relationships/knows', payload: { from: own, to: other.id } });
    expect(v.statusCode).toBe(403);
  });
});
