import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { App } from '../../app.js';
import { signInAs } from '../../../test/factories.js';

/**
 * A small hand-built local system for integration tests of paths, team, insights, onboarding and neighbourhood,
 * created with fresh ids and names (suffix) so it never collides with other tests' data in the shared test DB.
 *
 *   Authority ⊃ North, South (districts); North ⊃ Riverside (ward)
 *   School (education): Mia (teacher, me), Alex (SENCo)                        — serve North
 *   Speech service (health): Sally (SALT, lead Speech and language therapy)      — serves North
 *   Housing team (housing): Hal (housing officer, Housing advice)                — serves Authority
 *   Attendance team (local-authority): Ewan (EWO, Attendance support)            — serves Riverside
 *   Hope Trust (vcs): Ivy, Iris (VCS workers; only ever work with each other)   — serve South
 *   Bereavement service (health): Bea (Bereavement support)                      — serves South
 *   Board member Stan (strategic, local-authority Attendance team)               — serves Authority
 *   Forum "North Locality Network Meeting": Mia, Sally, Ewan attend; meets in North
 *   Collaborations: Alex+Sally ×3 (last March 2026); Sally+Hal 2024; Hal+Ewan 2025; Ivy+Iris 2025;
 *                   Ewan+Stan 2025; Alex+Ewan 2022 (old)
 *   Needs: speech delay → SLT; attendance → Attendance support; housing → Housing advice;
 *          bereavement → Bereavement support (nobody in North: uncovered there, nearest is Bea in South)
 *   Specialism "Specialist SLT (narrow)" BROADER → SLT, held by nobody (a narrower specialism).
 */
export interface TestWorld {
  suffix: string;
  ids: Record<string, string>;
  name: (key: string) => string;
  cleanup: () => Promise<void>;
}

const PEOPLE = {
  mia: { name: 'Mia', profession: 'teacher', agency: 'school', serves: 'north', level: 'operational' },
  alex: { name: 'Alex', profession: 'senco', agency: 'school', serves: 'north', level: 'operational' },
  sally: { name: 'Sally', profession: 'speech-and-language-therapist', agency: 'speech', serves: 'north', level: 'operational' },
  hal: { name: 'Hal', profession: 'housing-officer', agency: 'housing', serves: 'authority', level: 'operational' },
  ewan: { name: 'Ewan', profession: 'education-welfare-officer', agency: 'attendance', serves: 'riverside', level: 'operational' },
  ivy: { name: 'Ivy', profession: 'vcs-worker', agency: 'hope', serves: 'south', level: 'operational' },
  iris: { name: 'Iris', profession: 'vcs-worker', agency: 'hope', serves: 'south', level: 'operational' },
  bea: { name: 'Bea', profession: 'camhs-clinician', agency: 'bereavement', serves: 'south', level: 'operational' },
  stan: { name: 'Stan', profession: 'service-manager', agency: 'attendance', serves: 'authority', level: 'strategic' },
} as const;

const AGENCIES = {
  school: { name: 'Northgate Primary', sector: 'education' },
  speech: { name: 'Speech Service', sector: 'health' },
  housing: { name: 'Housing Team', sector: 'housing' },
  attendance: { name: 'Attendance Team', sector: 'local-authority' },
  hope: { name: 'Hope Trust', sector: 'vcs' },
  bereavement: { name: 'Bereavement Service', sector: 'health' },
} as const;

export async function createTestWorld(driver: Driver): Promise<TestWorld> {
  const suffix = randomUUID().slice(0, 8);
  const ids: Record<string, string> = {};
  const labelOf = new Map<string, string>();
  const id = (key: string) => (ids[key] ??= randomUUID());
  const nm = (s: string) => `${s} ${suffix}`;
  const now = new Date().toISOString();
  const meta = { createdAt: now, updatedAt: now, source: 'manual' };
  const nodes: Array<{ label: string; props: Record<string, unknown> }> = [];
  const rels: Array<{ type: string; from: string; to: string; props: Record<string, unknown> }> = [];
  const node = (label: string, key: string, props: Record<string, unknown>) => {
    labelOf.set(id(key), label);
    nodes.push({ label, props: { ...meta, ...props, id: id(key) } });
  };
  const rel = (type: string, from: string, to: string, props: Record<string, unknown> = {}) =>
    rels.push({ type, from: id(from), to: id(to), props });

  node('Locality', 'authority', { name: nm('Authority'), kind: 'authority' });
  node('Locality', 'north', { name: nm('North'), kind: 'district' });
  node('Locality', 'south', { name: nm('South'), kind: 'district' });
  node('Locality', 'riverside', { name: nm('Riverside'), kind: 'ward' });
  rel('WITHIN', 'north', 'authority');
  rel('WITHIN', 'south', 'authority');
  rel('WITHIN', 'riverside', 'north');

  for (const [key, a] of Object.entries(AGENCIES)) {
    node('Agency', key, {
      name: nm(a.name),
      sector: a.sector,
      description: '',
      referralRoute: `Refer to ${a.name} by email`,
      ageMin: 0,
      ageMax: 18,
      lastVerifiedAt: now,
    });
  }
  rel('SERVES', 'school', 'north');
  rel('SERVES', 'speech', 'north');
  rel('SERVES', 'housing', 'authority');
  rel('SERVES', 'attendance', 'authority');
  rel('SERVES', 'hope', 'south');
  rel('SERVES', 'bereavement', 'south');

  for (const [key, p] of Object.entries(PEOPLE)) {
    node('Practitioner', key, {
      name: nm(p.name),
      profession: p.profession,
      title: '',
      level: p.level,
      bio: '',
      languages: ['English'],
      ageMin: 0,
      ageMax: 18,
      capacity: key === 'hal' ? 'limited' : 'open',
      limitsOfExpertise: '',
      lastVerifiedAt: now,
    });
    rel('WORKS_FOR', key, p.agency, { since: '2020-01-01' });
    rel('SERVES', key, p.serves);
  }

  const specs = {
    slt: { name: 'Speech and language therapy', domain: 'communication' },
    slt_narrow: { name: 'Specialist SLT (narrow)', domain: 'communication' },
    attend: { name: 'Attendance support', domain: 'attendance-and-inclusion' },
    housing_advice: { name: 'Housing advice', domain: 'housing-and-money' },
    bereave: { name: 'Bereavement support', domain: 'mental-health' },
  };
  for (const [key, s] of Object.entries(specs))
    node('Specialism', key, { name: nm(s.name), domain: s.domain, description: '', synonymTerms: [], synonymProfessions: [] });
  rel('BROADER', 'slt_narrow', 'slt');
  rel('HAS_SPECIALISM', 'sally', 'slt', { level: 'lead', since: '2019-01-01' });
  rel('HAS_SPECIALISM', 'hal', 'housing_advice', { level: 'practitioner', since: '2019-01-01' });
  rel('HAS_SPECIALISM', 'ewan', 'attend', { level: 'practitioner', since: '2019-01-01' });
  rel('HAS_SPECIALISM', 'alex', 'attend', { level: 'aware', since: '2019-01-01' });
  rel('HAS_SPECIALISM', 'bea', 'bereave', { level: 'lead', since: '2019-01-01' });

  const needs = {
    speech: { name: 'Speech and language delay', domain: 'communication', spec: 'slt' },
    attendance: { name: 'School attendance', domain: 'attendance-and-inclusion', spec: 'attend' },
    housing: { name: 'Housing insecurity', domain: 'housing-and-money', spec: 'housing_advice' },
    bereavement: { name: 'Bereavement', domain: 'mental-health', spec: 'bereave' },
  };
  for (const [key, n] of Object.entries(needs)) {
    node('Need', `need_${key}`, { name: nm(n.name), domain: n.domain, description: '', synonymTerms: [], synonymProfessions: [] });
    rel('ADDRESSED_BY', `need_${key}`, n.spec, { strength: 1 });
  }

  node('Forum', 'forum', { name: nm('North Locality Network Meeting'), kind: 'network-meeting', cadence: 'monthly', description: '' });
  rel('MEETS_IN', 'forum', 'north');
  rel('CONVENES', 'school', 'forum');
  for (const p of ['mia', 'sally', 'ewan']) rel('ATTENDS', p, 'forum', { since: '2021-01-01' });

  const collabs: Array<[string, string[], string, string | null, string]> = [
    ['c1', ['alex', 'sally'], '2025-10-01', '2025-11-20', 'speech'],
    ['c2', ['alex', 'sally'], '2025-12-01', '2026-01-15', 'speech'],
    ['c3', ['alex', 'sally'], '2026-02-01', '2026-03-14', 'speech'],
    ['c4', ['sally', 'hal'], '2024-03-01', '2024-05-01', 'housing'],
    ['c5', ['hal', 'ewan'], '2025-01-10', '2025-04-01', 'attendance'],
    ['c6', ['ivy', 'iris'], '2025-02-01', '2025-06-01', 'bereavement'],
    ['c7', ['ewan', 'stan'], '2025-05-01', '2025-07-01', 'attendance'],
    ['c8', ['alex', 'ewan'], '2022-01-10', '2022-02-01', 'attendance'],
  ];
  for (const [key, people, startedOn, endedOn, need] of collabs) {
    node('Collaboration', key, { startedOn, endedOn, summary: 'joint work', outcome: 'helped' });
    for (const p of people) rel('PARTICIPATED_IN', p, key, { role: 'member' });
    rel('ADDRESSED', key, `need_${need}`);
    rel('IN', key, 'north');
  }

  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      for (const label of ['Locality', 'Agency', 'Practitioner', 'Specialism', 'Need', 'Forum', 'Collaboration']) {
        await tx.run(`UNWIND $rows AS row CREATE (n:${label}) SET n = row`, {
          rows: nodes.filter((n) => n.label === label).map((n) => n.props),
        });
      }
      // Labels in the MATCH so each endpoint is an index seek (the shared test DB may hold the demo data).
      const groups = new Map<string, typeof rels>();
      for (const r of rels) {
        const key = `${r.type}|${labelOf.get(r.from)}|${labelOf.get(r.to)}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      for (const [key, rows] of groups) {
        const [type, from, to] = key.split('|');
        await tx.run(
          `UNWIND $rows AS row MATCH (a:${from} {id: row.from}) MATCH (b:${to} {id: row.to}) CREATE (a)-[r:${type}]->(b) SET r = row.props`,
          { rows },
        );
      }
    });
  } finally {
    await session.close();
  }
  return {
    suffix,
    ids,
    name: (key: string) => {
      const p = (PEOPLE as Record<string, { name: string }>)[key];
      return nm(p ? p.name : key);
    },
    cleanup: async () => {
      const s = driver.session();
      try {
        for (const label of new Set(labelOf.values()))
          await s.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) DETACH DELETE n`, {
            ids: Object.values(ids).filter((x) => labelOf.get(x) === label),
          });
      } finally {
        await s.close();
      }
    },
  };
}

/** Signs in a new user of the role (linked to a practitioner when given): the shared test factory's sign-in. */
export async function signIn(
  app: App,
  role: 'viewer' | 'practitioner' | 'coordinator' | 'admin',
  practitionerId: string | null = null,
): Promise<{ cookie: string; userId: string }> {
  const signedIn = await signInAs(app, role, practitionerId ? { practitionerId } : {});
  return { cookie: signedIn.cookie, userId: signedIn.user.id };
}
