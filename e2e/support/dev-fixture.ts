/**
 * A small hand-made world for developing the client when the demo seed is not available:
 *   NEO4J_URI=… NEO4J_PASSWORD=… tsx e2e/support/dev-fixture.ts
 * Creates users (the demo accounts), localities, agencies, specialisms (with professional synonyms), needs,
 * forums, practitioners, collaborations and KNOWS trails, and queues every entity for the search index.
 * Idempotent (MERGE on deterministic ids).
 */
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { hashPassword } from '../../server/src/modules/auth/password.js';

const uuid = (name: string) => {
  const h = createHash('sha1').update(`knotwork-dev:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const now = new Date().toISOString();
const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();

const localities = ['Northfield', 'Southbrook', 'Eastmere'];
const agencies: [string, string, string][] = [
  ['Northfield Primary School', 'education', 'Refer through the SENCo; no threshold.'],
  ['Community Speech and Language Therapy', 'health', 'Referral form from any professional; children 0–16 with speech, language or communication needs. Waiting list about 12 weeks.'],
  ['Children’s Social Care North Team', 'social-care', 'Via the front door (MASH) on 0123 456 789; threshold: child in need or at risk.'],
  ['Housing Options Service', 'housing', 'Families facing eviction: call the housing options line; bring the notice.'],
  ['Young Carers Project', 'vcs', 'Self-referral or any professional; ages 8–18.'],
];
const specialisms: [string, string, { term: string; profession?: string }[]][] = [
  ['Speech and language therapy', 'communication', [{ term: 'SALT', profession: 'teacher' }, { term: 'SLT', profession: 'speech-and-language-therapist' }, { term: 'speech therapy' }, { term: 'communication difficulties', profession: 'senco' }]],
  ['School attendance support', 'attendance-and-inclusion', [{ term: 'EWO' }, { term: 'truancy' }]],
  ['Homelessness prevention', 'housing-and-money', [{ term: 'eviction' }, { term: 'housing advice' }]],
  ['Young carers support', 'family-and-parenting', [{ term: 'caring responsibilities' }]],
  ['Child protection', 'safeguarding', [{ term: 'safeguarding' }]],
];
const needs: [string, string, number, { term: string }[]][] = [
  ['Speech and language delay', 'communication', 0, [{ term: 'speech difficulties' }]],
  ['School attendance', 'attendance-and-inclusion', 1, [{ term: 'poor attendance' }, { term: 'not going to school' }]],
  ['Housing insecurity', 'housing-and-money', 2, [{ term: 'eviction' }]],
  ['Young carer', 'family-and-parenting', 3, []],
  ['Bereavement', 'mental-health', -1, [{ term: 'grief' }]],
];
// name, profession, agency index, specialism index, locality index, verified days ago
const people: [string, string, number, number, number, number][] = [
  ['Priya Shah', 'speech-and-language-therapist', 1, 0, 0, 30],
  ['Tom Baker', 'speech-and-language-therapist', 1, 0, 1, 400],
  ['Anna Green', 'teacher', 0, 1, 0, 10],
  ['Ben Carter', 'senco', 0, 0, 0, 50],
  ['Chloe Adams', 'social-worker', 2, 4, 0, 90],
  ['Dan Evans', 'education-welfare-officer', 0, 1, 0, 20],
  ['Ella Fox', 'housing-officer', 3, 2, 1, 250],
  ['Farah Khan', 'vcs-worker', 4, 3, 0, 15],
  ['George Hill', 'family-support-worker', 2, 3, 2, 40],
  ['Hana Ito', 'school-nurse', 0, 4, 2, 70],
];
const forums: [string, string][] = [
  ['North Locality Network Meeting', 'network-meeting'],
  ['Southbrook Multi-professional Team', 'mpt-meeting'],
];

async function main() {
  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!), {
    disableLosslessIntegers: true,
  });
  const s = driver.session();
  const ids: string[] = [];
  const run = async (q: string, p: Record<string, unknown>) => {
    await s.executeWrite((tx) => tx.run(q, p));
  };
  for (const [i, name] of localities.entries()) {
    const id = uuid(`loc:${name}`);
    ids.push(id);
    await run('MERGE (n:Locality {id: $id}) SET n.name = $name, n.kind = $kind, n.createdAt = $now, n.updatedAt = $now, n.source = "seed"', {
      id, name, kind: i === 0 ? 'district' : 'district', now,
    });
  }
  for (const [name, sector, route] of agencies) {
    const id = uuid(`ag:${name}`);
    ids.push(id);
    await run(
      `MERGE (n:Agency {id: $id}) SET n.name = $name, n.sector = $sector, n.referralRoute = $route, n.description = $desc,
       n.ageMin = 0, n.ageMax = 18, n.website = null, n.phone = '0123 000 000', n.address = '', n.createdAt = $now, n.updatedAt = $now,
       n.lastVerifiedAt = $now, n.source = 'seed'
       WITH n MATCH (l:Locality {id: $loc}) MERGE (n)-[:SERVES]->(l)`,
      { id, name, sector, route, desc: `${name} works with children and families.`, now, loc: uuid(`loc:${localities[0]}`) },
    );
  }
  for (const [name, domain, syn] of specialisms) {
    const id = uuid(`sp:${name}`);
    ids.push(id);
    await run(
      `MERGE (n:Specialism {id: $id}) SET n.name = $name, n.domain = $domain, n.description = '', n.synonymTerms = $terms,
       n.synonymProfessions = $profs, n.createdAt = $now, n.updatedAt = $now, n.source = 'seed'`,
      { id, name, domain, terms: syn.map((x) => x.term), profs: syn.map((x) => x.profession ?? ''), now },
    );
  }
  for (const [ai, si] of [[1, 0], [0, 1], [3, 2], [4, 3], [2, 4]] as const) {
    await run('MATCH (a:Agency {id: $a}), (s:Specialism {id: $s}) MERGE (a)-[:OFFERS]->(s)', {
      a: uuid(`ag:${agencies[ai]![0]}`), s: uuid(`sp:${specialisms[si]![0]}`),
    });
  }
  for (const [name, domain, si, syn] of needs) {
    const id = uuid(`need:${name}`);
    ids.push(id);
    await run(
      `MERGE (n:Need {id: $id}) SET n.name = $name, n.domain = $domain, n.description = '', n.synonymTerms = $terms,
       n.synonymProfessions = $profs, n.createdAt = $now, n.updatedAt = $now, n.source = 'seed'`,
      { id, name, domain, terms: syn.map((x) => x.term), profs: syn.map(() => ''), now },
    );
    if (si >= 0) await run('MATCH (n:Need {id: $n}), (s:Specialism {id: $s}) MERGE (n)-[:ADDRESSED_BY {strength: 1.0}]->(s)', { n: id, s: uuid(`sp:${specialisms[si]![0]}`) });
  }
  for (const [i, [name, kind]] of forums.entries()) {
    const id = uuid(`forum:${name}`);
    ids.push(id);
    await run(
      `MERGE (n:Forum {id: $id}) SET n.name = $name, n.kind = $kind, n.cadence = 'monthly', n.description = '', n.createdAt = $now, n.updatedAt = $now, n.source = 'seed'
       WITH n MATCH (l:Locality {id: $loc}) MERGE (n)-[:MEETS_IN]->(l)
       WITH n MATCH (a:Agency {id: $ag}) MERGE (a)-[:CONVENES]->(n)`,
      { id, name, kind, now, loc: uuid(`loc:${localities[i]}`), ag: uuid(`ag:${agencies[i === 0 ? 2 : 0]![0]}`) },
    );
  }
  for (const [name, profession, ai, si, li, verified] of people) {
    const id = uuid(`p:${name}`);
    ids.push(id);
    await run(
      `MERGE (n:Practitioner {id: $id}) SET n.name = $name, n.profession = $profession, n.title = '', n.level = 'operational',
       n.bio = $bio, n.languages = ['English'], n.email = $email, n.phone = '07700 900000', n.ageMin = 0, n.ageMax = 16,
       n.capacity = 'open', n.limitsOfExpertise = $limits, n.phoneVisibility = 'signed-in', n.bioVisibility = 'signed-in',
       n.createdAt = $now, n.updatedAt = $now, n.lastVerifiedAt = $verified, n.source = 'seed'
       WITH n MATCH (a:Agency {id: $ag}) MERGE (n)-[:WORKS_FOR {role: 'staff'}]->(a)
       WITH n MATCH (s:Specialism {id: $sp}) MERGE (n)-[:HAS_SPECIALISM {level: 'lead'}]->(s)
       WITH n MATCH (l:Locality {id: $loc}) MERGE (n)-[:SERVES]->(l)`,
      {
        id, name, profession, now, verified: daysAgo(verified), ag: uuid(`ag:${agencies[ai]![0]}`), sp: uuid(`sp:${specialisms[si]![0]}`),
        loc: uuid(`loc:${localities[li]}`), email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
        bio: `${name} has worked with children and families for many years.`,
        limits: 'Does not assess for autism; does not offer therapy for adults.',
      },
    );
  }
  const attend = [0, 2, 3, 4, 5, 7];
  for (const i of attend) await run('MATCH (p:Practitioner {id: $p}), (f:Forum {id: $f}) MERGE (p)-[:ATTENDS {since: "2024-01-10"}]->(f)', { p: uuid(`p:${people[i]![0]}`), f: uuid(`forum:${forums[0]![0]}`) });
  const collabs: [number[], string, number][] = [
    [[0, 3], '2025-02-01', 0], [[0, 3], '2025-06-01', 0], [[2, 5], '2024-09-01', 1], [[4, 7], '2023-05-01', 3], [[4, 6], '2025-03-01', 2], [[3, 2], '2022-11-01', 1],
  ];
  for (const [k, [who, started, ni]] of collabs.entries()) {
    const id = uuid(`collab:${k}`);
    await run(
      `MERGE (c:Collaboration {id: $id}) SET c.startedOn = $started, c.endedOn = null, c.summary = 'Joint work', c.outcome = 'helped', c.createdAt = $now, c.updatedAt = $now, c.source = 'seed'
       WITH c MATCH (n:Need {id: $need}) MERGE (c)-[:ADDRESSED]->(n)
       WITH c MATCH (l:Locality {id: $loc}) MERGE (c)-[:IN]->(l)
       WITH c UNWIND $ps AS pid MATCH (p:Practitioner {id: pid}) MERGE (p)-[:PARTICIPATED_IN]->(c)`,
      { id, started, now, need: uuid(`need:${needs[ni]![0]}`), loc: uuid(`loc:${localities[0]}`), ps: who.map((i) => uuid(`p:${people[i]![0]}`)) },
    );
  }
  await run('MATCH (a:Practitioner {id: $a}), (b:Practitioner {id: $b}) MERGE (a)-[:KNOWS {since: "2024-04-01", source: "met"}]->(b)', { a: uuid(`p:${people[7]![0]}`), b: uuid(`p:${people[8]![0]}`) });
  const hash = await hashPassword('knotwork-demo');
  for (const [role, person] of [['viewer', null], ['practitioner', 2], ['coordinator', 4], ['admin', null]] as const) {
    await run(
      `MERGE (u:User {email: $email}) ON CREATE SET u.id = $id SET u.role = $role, u.passwordHash = $hash, u.createdAt = $now, u.updatedAt = $now
       WITH u OPTIONAL MATCH (p:Practitioner {id: $pid}) FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (u)-[:IS]->(p))`,
      { email: `${role}@knotwork.test`, id: uuid(`user:${role}`), role, hash, now, pid: person === null ? '' : uuid(`p:${people[person]![0]}`) },
    );
  }
  await run(
    `UNWIND $ids AS entityId CREATE (:OutboxEvent {id: randomUUID(), entityId: entityId, createdAt: $now, seq: timestamp(), attempts: 0})`,
    { ids, now },
  );
  await s.close();
  await driver.close();
  console.log(`dev fixture: ${ids.length} entities`);
}
void main();
