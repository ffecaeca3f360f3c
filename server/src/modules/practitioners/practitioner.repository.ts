import type { ManagedTransaction } from 'neo4j-driver';
import type { NodeRepository } from '../directory/node.repository.js';

/** A practitioner's page (DESIGN §4 Profiles): the node, its agencies, specialisms, forums, localities, collaborators. */
export function createPractitionerRepository(nodes: NodeRepository) {
  return {
    profile: (id: string) => nodes.page('Practitioner', id, profileExtras),
  };
}
export type PractitionerRepository = ReturnType<typeof createPractitionerRepository>;

async function profileExtras(tx: ManagedTransaction, id: string) {
  const res = await tx.run(
    `MATCH (p:Practitioner {id: $id})
           CALL (p) {
             OPTIONAL MATCH (p)-[w:WORKS_FOR]->(a:Agency)
             WITH a, w ORDER BY a.name
             RETURN collect(CASE WHEN a IS NULL THEN null ELSE
               {id: a.id, name: a.name, sector: a.sector, role: w.role, since: w.since} END) AS agencies
           }
           CALL (p) {
             OPTIONAL MATCH (p)-[h:HAS_SPECIALISM]->(s:Specialism)
             WITH s, h ORDER BY s.name
             RETURN collect(CASE WHEN s IS NULL THEN null ELSE
               {id: s.id, name: s.name, domain: s.domain, level: h.level} END) AS specialisms
           }
           CALL (p) {
             OPTIONAL MATCH (p)-[:ATTENDS]->(f:Forum)
             WITH f ORDER BY f.name
             RETURN collect(CASE WHEN f IS NULL THEN null ELSE {id: f.id, name: f.name, kind: f.kind} END) AS forums
           }
           CALL (p) {
             OPTIONAL MATCH (p)-[:SERVES]->(l:Locality)
             WITH l ORDER BY l.name
             RETURN collect(CASE WHEN l IS NULL THEN null ELSE {id: l.id, name: l.name, kind: l.kind} END) AS localities
           }
           CALL (p) {
             OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(c:Collaboration)<-[:PARTICIPATED_IN]-(o:Practitioner)
             WHERE o <> p AND c.confirmation IS NULL
             WITH o, count(DISTINCT c) AS n, max(c.startedOn) AS last
             WHERE o IS NOT NULL
             ORDER BY last DESC, n DESC, o.name LIMIT 10
             RETURN collect({id: o.id, name: o.name, profession: o.profession, collaborations: n, lastStartedOn: last})
               AS recentCollaborators
           }
           RETURN agencies, specialisms, forums, localities, recentCollaborators`,
    { id },
  );
  const r = res.records[0];
  if (!r) return null;
  return {
    agencies: r.get('agencies') as {
      id: string;
      name: string;
      sector: string | null;
      role: string | null;
      since: string | null;
    }[],
    specialisms: r.get('specialisms') as {
      id: string;
      name: string;
      domain: string | null;
      level: 'lead' | 'practitioner' | 'aware' | null;
    }[],
    forums: r.get('forums') as { id: string; name: string; kind: string | null }[],
    localities: r.get('localities') as { id: string; name: string; kind: string | null }[],
    recentCollaborators: r.get('recentCollaborators') as {
      id: string;
      name: string;
      profession: string | null;
      collaborations: number;
      lastStartedOn: string | null;
    }[],
  };
}
