import { randomUUID } from 'node:crypto';
import {
  toStoredProps,
  type AgencyInput,
  type CollaborationInput,
  type DirectoryLabel,
  type ForumInput,
  type LocalityInput,
  type LocationInput,
  type NeedInput,
  type PractitionerInput,
  type Role,
  type SessionUser,
  type SpecialismInput,
} from '@knotwork/graph-schema';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../src/app.js';
import { hashPassword } from '../src/modules/auth/password.js';

/**
 * Shared test factories (integration tests). Every name/email is made unique with a short random suffix so
 * that tests sharing one database stay independent; nothing here wipes data.
 *
 *   const admin = await signInAs(app, 'admin');             // user + session; admin.inject carries cookie + CSRF
 *   const res = await admin.inject({ method: 'POST', url: '/api/agencies', payload: {...} });
 *   const p = await createNode(app, 'Practitioner', { profession: 'teacher' });   // straight into Neo4j
 *   const me = await signInAs(app, 'practitioner', { practitionerId: p.id });
 *   await relate(app, 'WORKS_FOR', p.id, agency.id, { role: 'SENCo' });
 */

export const TEST_PASSWORD = 'test-password-123';

/** A short random suffix: `unique('Agency')` → `Agency 3f9c2a1b`. */
export function unique(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

export interface SignedIn {
  user: SessionUser;
  /** `knotwork_session=...` */
  cookie: string;
  /** app.inject with the session cookie and the `x-knotwork-csrf: 1` header added (headers you pass win). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface CreateUserOptions {
  email?: string;
  password?: string;
  /** Link the account to this practitioner (the role's "own profile"). */
  practitionerId?: string | null;
}

/** Creates an account directly in Neo4j; returns its id and email (lower-case, unique). */
export async function createUser(app: App, role: Role, options: CreateUserOptions = {}): Promise<{ id: string; email: string; password: string }> {
  const id = randomUUID();
  const email = (options.email ?? `${role}-${id.slice(0, 8)}@test.knotwork.example`).toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  const passwordHash = await hashPassword(password);
  const now = new Date().toISOString();
  await app.db.write((tx) =>
    tx.run(
      `CREATE (u:User {id: $id, email: $email, passwordHash: $passwordHash, role: $role, createdAt: $now, updatedAt: $now})
       WITH u OPTIONAL MATCH (p:Practitioner {id: $practitionerId})
       FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (u)-[:IS]->(p))`,
      { id, email, passwordHash, role, now, practitionerId: options.practitionerId ?? null },
    ),
  );
  return { id, email, password };
}

/** Signs in through POST /api/auth/login and returns an `inject` that carries the session and CSRF header. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-knotwork-csrf': '1' },
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('knotwork_session='));
  if (!setCookie) throw new Error('sign-in returned no session cookie');
  const cookie = setCookie.split(';')[0]!;
  const user = (res.json() as { user: SessionUser }).user;
  return {
    user,
    cookie,
    inject: (options) =>
      app.inject({
        ...options,
        headers: { cookie, 'x-knotwork-csrf': '1', ...(options.headers ?? {}) },
      } as InjectOptions) as Promise<LightMyRequestResponse>,
  };
}

/**
 * Creates a user with `role` and signs in. For role 'practitioner' without `practitionerId`, a practitioner
 * profile is created and linked, so the account has an "own profile" (its id is `user.practitionerId`).
 */
export async function signInAs(app: App, role: Role, options: CreateUserOptions = {}): Promise<SignedIn> {
  let practitionerId = options.practitionerId;
  if (role === 'practitioner' && practitionerId === undefined) {
    practitionerId = (await createNode(app, 'Practitioner', { name: unique('Own Profile') })).id;
  }
  const { email, password } = await createUser(app, role, { ...options, practitionerId: practitionerId ?? null });
  return signIn(app, email, password);
}

/** A signed-out client: app.inject with the CSRF header only. */
export function anonymous(app: App): (options: InjectOptions) => Promise<LightMyRequestResponse> {
  return (options) =>
    app.inject({ ...options, headers: { 'x-knotwork-csrf': '1', ...(options.headers ?? {}) } } as InjectOptions) as Promise<
      LightMyRequestResponse
    >;
}

// Directory nodes ------------------------------------------------------------------------------------------------

type InputOf = {
  Practitioner: PractitionerInput;
  Agency: AgencyInput;
  Specialism: SpecialismInput;
  Need: NeedInput;
  Locality: LocalityInput;
  Location: LocationInput;
  Forum: ForumInput;
  Collaboration: CollaborationInput;
};

/** Minimal valid input per label, with a unique name. */
export function nodeInput<L extends DirectoryLabel>(label: L, overrides: Partial<InputOf[L]> = {}): InputOf[L] {
  const base: Record<DirectoryLabel, Record<string, unknown>> = {
    Practitioner: { name: unique('Practitioner'), profession: 'teacher' },
    Agency: { name: unique('Agency'), sector: 'education' },
    Specialism: { name: unique('Specialism'), domain: 'communication' },
    Need: { name: unique('Need'), domain: 'communication' },
    Locality: { name: unique('Locality'), kind: 'ward' },
    Location: { name: unique('Location') },
    Forum: { name: unique('Forum'), kind: 'network-meeting' },
    Collaboration: { startedOn: '2026-01-15', summary: unique('Joint work') },
  };
  return { ...base[label], ...overrides } as InputOf[L];
}

/** Defaults the API would fill in, so that nodes created here read back like API-created ones. */
const defaults: Record<DirectoryLabel, Record<string, unknown>> = {
  Practitioner: {
    title: '',
    level: 'operational',
    bio: '',
    languages: ['English'],
    email: null,
    phone: null,
    ageRange: { min: 0, max: 18 },
    capacity: 'open',
    limitsOfExpertise: '',
    phoneVisibility: 'signed-in',
    bioVisibility: 'signed-in',
    lastVerifiedAt: null,
  },
  Agency: { description: '', website: null, phone: null, email: null, otherPhones: [], address: '', referralRoute: '', ageRange: { min: 0, max: 18 }, lastVerifiedAt: null },
  Specialism: { description: '', synonyms: [] },
  Need: { description: '', synonyms: [] },
  Locality: {},
  Location: { description: '', address: '', postcode: '', latitude: null, longitude: null, openingTimes: '', accessibility: '', phone: null, email: null },
  Forum: { cadence: '', description: '' },
  Collaboration: { endedOn: null, summary: '', outcome: 'ongoing' },
};

/**
 * Creates a node straight in Neo4j (no audit, no outbox): fast set-up for tests of other features. Returns the
 * stored values including `id`. Use the API (signInAs + inject) when the test is about the write itself.
 */
export async function createNode<L extends DirectoryLabel>(
  app: App,
  label: L,
  overrides: Partial<InputOf[L]> & Record<string, unknown> = {},
): Promise<InputOf[L] & { id: string; name?: string }> {
  const now = new Date().toISOString();
  const value = { source: 'manual', ...defaults[label], ...nodeInput(label, overrides), id: randomUUID(), createdAt: now, updatedAt: now };
  await app.db.write((tx) =>
    // The label comes from the DirectoryLabel type of this test helper, never from input.
    tx.run(`CREATE (n:${label}) SET n = $props`, { props: toStoredProps(value) }),
  );
  return value as InputOf[L] & { id: string };
}

/** Creates a relationship straight in Neo4j (no audit). */
export async function relate(app: App, type: string, from: string, to: string, properties: Record<string, unknown> = {}): Promise<void> {
  if (!/^[A-Z_]+$/.test(type)) throw new Error(`not a relationship type: ${type}`);
  await app.db.write((tx) =>
    tx.run(`MATCH (a {id: $from}), (b {id: $to}) MERGE (a)-[r:${type}]->(b) SET r = $properties`, { from, to, properties }),
  );
}

/** Removes nodes by id (with their relationships): for tests that want to tidy up after themselves. */
export async function removeNodes(app: App, ids: readonly string[]): Promise<void> {
  await app.db.write((tx) => tx.run('UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n', { ids: [...ids] }));
}
