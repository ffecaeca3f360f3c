import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { createNode, relate, signInAs, unique, type SignedIn } from '../factories.js';
import { buildTestApp } from '../helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

/** Happy path and refusals of the CRUD routes of all seven node types (one generic implementation). */
let app: App;
let coord: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  coord = await signInAs(app, 'coordinator');
});
afterAll(async () => app?.close());


const cases = [
  {
    path: '/api/practitioners',
    label: 'Practitioner',
    create: () => ({ name: unique('Dana'), profession: 'speech-and-language-therapist', languages: ['English', 'Polish'] }),
    expectDefaults: { capacity: 'open', level: 'operational', ageRange: { min: 0, max: 18 }, lastVerifiedAt: null, redacted: [] },
    patch: { capacity: 'limited', ageRange: { min: 3, max: 11 } },
    invalid: { body: { name: '', profession: 'teacher' }, message: 'body.name: must not be empty' },
  },
  {
    path: '/api/agencies',
    label: 'Agency',
    create: () => ({ name: unique('Agency'), sector: 'health', referralRoute: 'Phone the duty line' }),
    expectDefaults: { website: null, lastVerifiedAt: null, source: 'manual' },
    patch: { website: 'https://example.org/team' },
    invalid: { body: { name: 'X', sector: 'banking' }, message: 'body.sector' },
  },
  {
    path: '/api/specialisms',
    label: 'Specialism',
    create: () => ({ name: unique('Selective mutism'), domain: 'communication', synonyms: [{ term: 'SM' }, { term: 'situational mutism', profession: 'teacher' }] }),
    expectDefaults: { description: '' },
    patch: { synonyms: [{ term: 'selective mutism (SM)' }] },
    invalid: { body: { name: 'X', domain: 'communication', synonyms: [{ term: '' }] }, message: 'body.synonyms.0.term: must not be empty' },
  },
  {
    path: '/api/needs',
    label: 'Need',
    create: () => ({ name: unique('Young carer'), domain: 'family-and-parenting' }),
    expectDefaults: { synonyms: [] },
    patch: { description: 'Caring for a parent or sibling' },
    invalid: { body: { domain: 'family-and-parenting' }, message: 'body.name' },
  },
  {
    path: '/api/localities',
    label: 'Locality',
    create: () => ({ name: unique('Northfield'), kind: 'ward' }),
    expectDefaults: { source: 'manual' },
    patch: { kind: 'district' },
    invalid: { body: { name: 'X', kind: 'planet' }, message: 'body.kind' },
  },
  {
    path: '/api/forums',
    label: 'Forum',
    create: () => ({ name: unique('Early help panel'), kind: 'panel', cadence: 'monthly' }),
    expectDefaults: { description: '' },
    patch: { cadence: 'fortnightly' },
    invalid: { body: { name: 'x'.repeat(161), kind: 'panel' }, message: 'body.name: must be at most 160 characters' },
  },
  {
    path: '/api/collaborations',
    label: 'Collaboration',
    create: () => ({ startedOn: '2026-02-01', summary: unique('Joint plan for attendance') }),
    expectDefaults: { endedOn: null, outcome: 'ongoing' },
    patch: { endedOn: '2026-05-01', outcome: 'helped' },
    invalid: { body: { startedOn: '2026-02-01', endedOn: '2026-01-01' }, message: 'body.endedOn: endedOn must not be before startedOn' },
  },
] as const;

describe.each(cases)('$path', (c) => {
  it('creates, reads, lists, updates and deletes, with audit events', async () => {
    const input = c.create();
    const created = await coord.inject({ method: 'POST', url: c.path, payload: input });
    expect(created.statusCode, created.body).toBe(201);
    const node = created.json();
    expect(node).toMatchObject({ ...input, ...c.expectDefaults });
    expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(node.createdAt).toBe(node.updatedAt);

    const got = await coord.inject({ method: 'GET', url: `${c.path}/${node.id}` });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ ...input, id: node.id, links: [] });

    const text = 'name' in input ? input.name : input.summary;
    const listed = await coord.inject({ method: 'GET', url: `${c.path}?q=${encodeURIComponent(text.slice(-8).toUpperCase())}` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ total: 1, nextCursor: null, items: [{ id: node.id }] });

    await new Promise((r) => setTimeout(r, 5));
    const patched = await coord.inject({ method: 'PATCH', url: `${c.path}/${node.id}`, payload: c.patch });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ ...input, ...c.patch, id: node.id, createdAt: node.createdAt });
    expect(patched.json().updatedAt > node.updatedAt).toBe(true);

    const removed = await coord.inject({ method: 'DELETE', url: `${c.path}/${node.id}` });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await coord.inject({ method: 'GET', url: `${c.path}/${node.id}` })).statusCode).toBe(404);

    const audit = await coord.inject({ method: 'GET', url: `/api/audit?entity=${node.id}` });
    expect(audit.statusCode).toBe(200);
    const events = audit.json().items as { action: string; actorEmail: string; before: unknown; after: unknown; entityType: string }[];
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    expect(events.every((e) => e.actorEmail === coord.user.email && e.entityType === c.label)).toBe(true);
    const update = events.find((e) => e.action === 'update')!;
    expect(update.before).toMatchObject({ id: node.id });
    expect(update.after).toMatchObject(c.patch);
    expect(events.find((e) => e.action === 'create')!.before).toBeNull();
    expect(events.find((e) => e.action === 'delete')!.after).toBeNull();
  });

  it('names the field in validation errors and never answers 5xx for bad input', async () => {
    const res = await coord.inject({ method: 'POST', url: c.path, payload: c.invalid.body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain(c.invalid.message);
    if (c.label === 'Collaboration') {
      // the same cross-field rule on PATCH, against the stored start date
      const made = (await coord.inject({ method: 'POST', url: c.path, payload: c.create() })).json();
      const bad = await coord.inject({ method: 'PATCH', url: `${c.path}/${made.id}`, payload: { endedOn: '2020-01-01' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toBe('body.endedOn: endedOn must not be before startedOn');
    }
    for (const payload of ['not json', '[]', 'null']) {
      const r = await coord.inject({ method: 'POST', url: c.path, payload, headers: { 'content-type': 'application/json' } });
      expect(r.statusCode).toBe(400);
    }
    const badId = await coord.inject({ method: 'GET', url: `${c.path}/not-a-uuid` });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toBe('params.id: must be a UUID');
    const badSort = await coord.inject({ method: 'GET', url: `${c.path}?sort=password` });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.message).toMatch(/^querystring\.sort: must be one of/);
    const badCursor = await coord.inject({ method: 'GET', url: `${c.path}?cursor=abc` });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.message).toMatch(/^querystring\.cursor/);
  });

  it('answers 404 for unknown ids', async () => {
    const id = randomUUID();
    for (const [method, payload] of [['GET'], ['PATCH', {}], ['DELETE']] as const) {
      const res = await coord.inject({ method, url: `${c.path}/${id}`, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${res.body}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });
});

describe('lists', () => {
  it('pages with an opaque cursor in the requested order, with total and filters', async () => {
    const tag = randomUUID().slice(0, 8);
    const names = ['Echo', 'alpha', 'Delta', 'charlie', 'Bravo'].map((n) => `${tag} ${n}`);
    for (const [i, name] of names.entries()) {
      await createNode(app, 'Practitioner', { name, profession: i % 2 ? 'senco' : 'teacher' });
    }
    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await coord.inject({
          method: 'GET',
          url: `/api/practitioners?q=${tag}&limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((p: { name: string }) => p.name.slice(9)));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return seen;
    };
    expect(await walk('')).toEqual(['alpha', 'Bravo', 'charlie', 'Delta', 'Echo']);
    expect(await walk('&sort=-name')).toEqual(['Echo', 'Delta', 'charlie', 'Bravo', 'alpha']);
    expect(await walk('&profession=senco')).toEqual(['alpha', 'charlie']);
    const first = (await coord.inject({ method: 'GET', url: `/api/practitioners?q=${tag}&limit=2` })).json();
    expect(first.total).toBe(5);
    // a cursor from one sort order is refused for another
    const other = await coord.inject({ method: 'GET', url: `/api/practitioners?q=${tag}&sort=createdAt&cursor=${first.nextCursor}` });
    expect(other.statusCode).toBe(400);
  });

  it('filters by relationships (e.g. practitioners of an agency, forums of a locality)', async () => {
    const agency = await createNode(app, 'Agency');
    const inside = await createNode(app, 'Practitioner');
    await createNode(app, 'Practitioner');
    await relate(app, 'WORKS_FOR', inside.id, agency.id);
    const res = await coord.inject({ method: 'GET', url: `/api/practitioners?agency=${agency.id}` });
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: inside.id }] });

    const locality = await createNode(app, 'Locality');
    const forum = await createNode(app, 'Forum');
    await relate(app, 'MEETS_IN', forum.id, locality.id);
    const forums = await coord.inject({ method: 'GET', url: `/api/forums?locality=${locality.id}` });
    expect(forums.json()).toMatchObject({ total: 1, items: [{ id: forum.id }] });
    const convened = await coord.inject({ method: 'GET', url: `/api/forums?convenor=${agency.id}` });
    expect(convened.json()).toMatchObject({ total: 0, items: [] });
  });
});

describe('delete refusals and cascade', () => {
  it('refuses to delete an agency that still has staff, naming the relationships; cascade removes the links only', async () => {
    const agency = await createNode(app, 'Agency');
    const staff = await createNode(app, 'Practitioner');
    await relate(app, 'WORKS_FOR', staff.id, agency.id);
    const refused = await coord.inject({ method: 'DELETE', url: `/api/agencies/${agency.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('WORKS_FOR: 1');
    expect(refused.json().error.details).toEqual({ relationships: { WORKS_FOR: 1 } });

    const cascaded = await coord.inject({ method: 'DELETE', url: `/api/agencies/${agency.id}?cascade=true` });
    expect(cascaded.statusCode).toBe(204);
    const person = await coord.inject({ method: 'GET', url: `/api/practitioners/${staff.id}` });
    expect(person.statusCode).toBe(200);
    expect(person.json().agencies).toEqual([]);
    // the staff member's history records the relationship that went with the agency
    const history = (await coord.inject({ method: 'GET', url: `/api/audit?entity=${staff.id}` })).json().items;
    expect(history).toMatchObject([
      { action: 'unrelate', entityType: 'Practitioner', before: { relationship: { type: 'WORKS_FOR', from: staff.id, to: agency.id } }, after: null },
    ]);
  });

  it('with cascade, deleting a practitioner also deletes collaborations left without participants', async () => {
    const alone = await createNode(app, 'Practitioner');
    const other = await createNode(app, 'Practitioner');
    const solo = await createNode(app, 'Collaboration');
    const shared = await createNode(app, 'Collaboration');
    await relate(app, 'PARTICIPATED_IN', alone.id, solo.id);
    await relate(app, 'PARTICIPATED_IN', alone.id, shared.id);
    await relate(app, 'PARTICIPATED_IN', other.id, shared.id);
    const res = await coord.inject({ method: 'DELETE', url: `/api/practitioners/${alone.id}?cascade=true` });
    expect(res.statusCode, res.body).toBe(204);
    expect((await coord.inject({ method: 'GET', url: `/api/collaborations/${solo.id}` })).statusCode).toBe(404);
    expect((await coord.inject({ method: 'GET', url: `/api/collaborations/${shared.id}` })).statusCode).toBe(200);
    const history = (await coord.inject({ method: 'GET', url: `/api/audit?entity=${solo.id}` })).json().items;
    expect(history).toMatchObject([{ action: 'delete', entityType: 'Collaboration' }]);
  });

  it('rejects a cascade value other than true/false', async () => {
    const res = await coord.inject({ method: 'DELETE', url: `/api/needs/${randomUUID()}?cascade=yes` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('querystring.cascade');
  });
});
