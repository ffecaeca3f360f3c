import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { createNode, relate, signInAs, unique, type SignedIn } from '../factories.js';
import { buildTestApp } from '../helper.js';

// Heavy files on a shared two-core machine: allow slow requests rather than flake.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let app: App;
const as: Record<'viewer' | 'practitioner' | 'coordinator' | 'admin', SignedIn> = {} as never;

beforeAll(async () => {
  app = await buildTestApp();
  for (const role of ['viewer', 'practitioner', 'coordinator', 'admin'] as const) as[role] = await signInAs(app, role);
});
afterAll(async () => app?.close());

describe('visibility of phone and bio', () => {
  it('hides coordinator-only fields from viewers and other practitioners in every read path, shows them to coordinators, admins and the owner', async () => {
    const name = unique('Private');
    const created = await as.coordinator.inject({
      method: 'POST',
      url: '/api/practitioners',
      payload: { name, profession: 'social-worker', phone: '01632 960001', bio: 'Works with families', phoneVisibility: 'coordinators', bioVisibility: 'coordinators' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const owner = await signInAs(app, 'practitioner', { practitionerId: id });

    const reads = (who: SignedIn) => [
      who.inject({ method: 'GET', url: `/api/practitioners/${id}` }).then((r) => r.json()),
      who.inject({ method: 'GET', url: `/api/practitioners?q=${encodeURIComponent(name)}` }).then((r) => r.json().items[0]),
    ];
    for (const who of [as.viewer, as.practitioner]) {
      for (const p of await Promise.all(reads(who))) {
        expect(p).toMatchObject({ id, phone: null, bio: null, redacted: ['phone', 'bio'] });
      }
    }
    for (const who of [as.coordinator, as.admin, owner]) {
      for (const p of await Promise.all(reads(who))) {
        expect(p).toMatchObject({ id, phone: '01632 960001', bio: 'Works with families', redacted: [] });
      }
    }
    // write responses and verify are redacted too for whoever is not entitled (here: the owner is)
    const verified = await owner.inject({ method: 'POST', url: `/api/practitioners/${id}/verify` });
    expect(verified.json()).toMatchObject({ phone: '01632 960001', redacted: [] });

    // the owner opens the phone to everyone signed in: viewers see it, the bio stays hidden
    const opened = await owner.inject({ method: 'PATCH', url: `/api/practitioners/${id}`, payload: { phoneVisibility: 'signed-in' } });
    expect(opened.statusCode, opened.body).toBe(200);
    const seen = (await as.viewer.inject({ method: 'GET', url: `/api/practitioners/${id}` })).json();
    expect(seen).toMatchObject({ phone: '01632 960001', bio: null, redacted: ['bio'] });
  });

  it('viewers cannot read the audit history, which holds unredacted before/after values', async () => {
    const p = await createNode(app, 'Practitioner', { bioVisibility: 'coordinators', bio: 'secret' });
    expect((await as.viewer.inject({ method: 'GET', url: `/api/audit?entity=${p.id}` })).statusCode).toBe(403);
    expect((await as.practitioner.inject({ method: 'GET', url: `/api/audit?entity=${p.id}` })).statusCode).toBe(403);
    const own = as.practitioner.user.practitionerId!;
    expect((await as.practitioner.inject({ method: 'GET', url: `/api/audit?entity=${own}` })).statusCode).toBe(200);
  });
});

describe('practitioner profile page', () => {
  it('includes agency, specialisms, forums, localities and recent collaborators', async () => {
    const p = await createNode(app, 'Practitioner', { limitsOfExpertise: 'No therapy' });
    const colleague = await createNode(app, 'Practitioner', { name: unique('Colleague'), profession: 'senco' });
    const agency = await createNode(app, 'Agency', { sector: 'health' });
    const spec = await createNode(app, 'Specialism');
    const forum = await createNode(app, 'Forum');
    const ward = await createNode(app, 'Locality');
    const older = await createNode(app, 'Collaboration', { startedOn: '2025-01-10' });
    const newer = await createNode(app, 'Collaboration', { startedOn: '2026-03-10' });
    await relate(app, 'WORKS_FOR', p.id, agency.id, { role: 'Lead', since: '2020-01-01' });
    await relate(app, 'HAS_SPECIALISM', p.id, spec.id, { level: 'lead' });
    await relate(app, 'ATTENDS', p.id, forum.id);
    await relate(app, 'SERVES', p.id, ward.id);
    for (const c of [older, newer]) {
      await relate(app, 'PARTICIPATED_IN', p.id, c.id);
      await relate(app, 'PARTICIPATED_IN', colleague.id, c.id);
    }
    const res = await as.viewer.inject({ method: 'GET', url: `/api/practitioners/${p.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: p.id,
      limitsOfExpertise: 'No therapy',
      agencies: [{ id: agency.id, name: agency.name, sector: 'health', role: 'Lead', since: '2020-01-01' }],
      specialisms: [{ id: spec.id, name: spec.name, level: 'lead' }],
      forums: [{ id: forum.id, name: forum.name, kind: 'network-meeting' }],
      localities: [{ id: ward.id, name: ward.name, kind: 'ward' }],
      recentCollaborators: [{ id: colleague.id, name: colleague.name, profession: 'senco', collaborations: 2, lastStartedOn: '2026-03-10' }],
    });
    expect(body.links).toHaveLength(6);
    expect(body.links).toContainEqual({ type: 'WORKS_FOR', direction: 'out', node: { id: agency.id, label: 'Agency', name: agency.name }, properties: { role: 'Lead', since: '2020-01-01' } });
  });
});

describe('agency page', () => {
  it('includes referral route, staff count, offers, teams and forums convened', async () => {
    const agency = await createNode(app, 'Agency', { referralRoute: 'Email the duty desk; threshold level 3' });
    const team = await createNode(app, 'Agency');
    const spec = await createNode(app, 'Specialism');
    const forum = await createNode(app, 'Forum');
    for (let i = 0; i < 3; i++) await relate(app, 'WORKS_FOR', (await createNode(app, 'Practitioner')).id, agency.id);
    await relate(app, 'PART_OF', team.id, agency.id);
    await relate(app, 'OFFERS', agency.id, spec.id);
    await relate(app, 'CONVENES', agency.id, forum.id);
    const res = await as.viewer.inject({ method: 'GET', url: `/api/agencies/${agency.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      referralRoute: 'Email the duty desk; threshold level 3',
      staffCount: 3,
      offers: [{ id: spec.id, name: spec.name }],
      teams: [{ id: team.id, label: 'Agency' }],
      partOf: [],
      convenes: [{ id: forum.id, label: 'Forum' }],
    });
  });
});

describe('own profile rules', () => {
  it('a practitioner edits and verifies their own profile, but gets 403 on someone else’s', async () => {
    const me = as.practitioner;
    const own = me.user.practitionerId!;
    const other = await createNode(app, 'Practitioner');
    const mine = await me.inject({ method: 'PATCH', url: `/api/practitioners/${own}`, payload: { capacity: 'closed' } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().capacity).toBe('closed');
    const theirs = await me.inject({ method: 'PATCH', url: `/api/practitioners/${other.id}`, payload: { capacity: 'closed' } });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error.message).toBe('Practitioners may edit only their own profile');
    expect((await me.inject({ method: 'POST', url: `/api/practitioners/${other.id}/verify` })).statusCode).toBe(403);
    expect((await me.inject({ method: 'POST', url: `/api/practitioners/${own}/verify` })).statusCode).toBe(200);
    expect((await me.inject({ method: 'DELETE', url: `/api/practitioners/${own}` })).statusCode).toBe(403);
    // unchanged
    const still = (await as.coordinator.inject({ method: 'GET', url: `/api/practitioners/${other.id}` })).json();
    expect(still.capacity).toBe('open');
  });

  it('a practitioner account without a linked profile may not edit any practitioner', async () => {
    const unlinked = await signInAs(app, 'practitioner', { practitionerId: null });
    const target = await createNode(app, 'Practitioner');
    const res = await unlinked.inject({ method: 'PATCH', url: `/api/practitioners/${target.id}`, payload: { title: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('a practitioner records a collaboration (becoming its participant) and may change only collaborations they took part in', async () => {
    const me = as.practitioner;
    const made = await me.inject({ method: 'POST', url: '/api/collaborations', payload: { startedOn: '2026-04-01', summary: 'Transition plan' } });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const links = (await me.inject({ method: 'GET', url: `/api/collaborations/${id}` })).json().links;
    expect(links).toMatchObject([{ type: 'PARTICIPATED_IN', direction: 'in', node: { id: me.user.practitionerId } }]);
    const ownHistory = (await as.coordinator.inject({ method: 'GET', url: `/api/audit?entity=${me.user.practitionerId}` })).json().items;
    expect(ownHistory).toContainEqual(expect.objectContaining({ action: 'relate', after: { relationship: { type: 'PARTICIPATED_IN', from: me.user.practitionerId, to: id, properties: {} } } }));
    expect((await me.inject({ method: 'PATCH', url: `/api/collaborations/${id}`, payload: { outcome: 'helped' } })).statusCode).toBe(200);

    const foreign = await createNode(app, 'Collaboration');
    const res = await me.inject({ method: 'PATCH', url: `/api/collaborations/${foreign.id}`, payload: { outcome: 'helped' } });
    expect(res.statusCode).toBe(403);
    expect((await me.inject({ method: 'DELETE', url: `/api/collaborations/${foreign.id}?cascade=true` })).statusCode).toBe(403);
    expect((await me.inject({ method: 'DELETE', url: `/api/collaborations/${id}?cascade=true` })).statusCode).toBe(204);
  });
});

describe('freshness', () => {
  it('verify sets lastVerifiedAt, records an audit event, and takes the profile off the stale list', async () => {
    const p = await createNode(app, 'Practitioner', { lastVerifiedAt: '2020-01-01T00:00:00.000Z' } as never);
    const a = await createNode(app, 'Agency');
    const staleIds = async (query = '') => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await as.viewer.inject({ method: 'GET', url: `/api/stale?olderThanDays=180&limit=500${query}${cursor ? `&cursor=${cursor}` : ''}` });
        expect(res.statusCode, res.body).toBe(200);
        ids.push(...res.json().items.map((i: { id: string }) => i.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return ids;
    };
    const before = await staleIds();
    expect(before).toContain(p.id);
    expect(before).toContain(a.id);
    expect(await staleIds('&type=Agency')).not.toContain(p.id);
    const item = (await as.viewer.inject({ method: 'GET', url: `/api/stale?olderThanDays=180&type=Practitioner&limit=500` })).json();
    expect(item.total).toBeGreaterThanOrEqual(1);
    // never-verified first (null), then oldest
    const dates = item.items.map((i: { lastVerifiedAt: string | null }) => i.lastVerifiedAt ?? '');
    expect([...dates].sort()).toEqual(dates);
    const mine = item.items.find((i: { id: string }) => i.id === p.id);
    if (mine) expect(mine.daysSinceVerified).toBeGreaterThan(180);

    const vp = await as.coordinator.inject({ method: 'POST', url: `/api/practitioners/${p.id}/verify` });
    expect(vp.statusCode, vp.body).toBe(200);
    expect(Date.now() - Date.parse(vp.json().lastVerifiedAt)).toBeLessThan(60_000);
    const va = await as.coordinator.inject({ method: 'POST', url: `/api/agencies/${a.id}/verify` });
    expect(va.statusCode, va.body).toBe(200);
    const after = await staleIds();
    expect(after).not.toContain(p.id);
    expect(after).not.toContain(a.id);
    const history = (await as.coordinator.inject({ method: 'GET', url: `/api/audit?entity=${p.id}` })).json().items;
    expect(history[0]).toMatchObject({ action: 'verify', before: { lastVerifiedAt: '2020-01-01T00:00:00.000Z' } });
    expect((await as.viewer.inject({ method: 'GET', url: '/api/stale?olderThanDays=-1' })).json().error.message).toContain('querystring.olderThanDays');
  });
});
