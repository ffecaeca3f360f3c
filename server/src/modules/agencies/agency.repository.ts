import type { AgencyDetail } from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { NodeRepository } from '../directory/node.repository.js';

/** An agency's page: the node (with its referral route), staff count, offers, teams, forums, localities. */
export function createAgencyRepository(nodes: NodeRepository) {
  return {
    profile: (id: string) => nodes.page('Agency', id, profileExtras),
  };
}
export type AgencyRepository = ReturnType<typeof createAgencyRepository>;

async function profileExtras(tx: ManagedTransaction, id: string) {
  const res = await tx.run(
    `MATCH (a:Agency {id: $id})
           CALL (a) { OPTIONAL MATCH (p:Practitioner)-[:WORKS_FOR]->(a) RETURN count(DISTINCT p) AS staffCount }
           CALL (a) {
             OPTIONAL MATCH (a)-[:OFFERS]->(s:Specialism) WITH s ORDER BY s.name
             RETURN collect(CASE WHEN s IS NULL THEN null ELSE {id: s.id, name: s.name, domain: s.domain} END) AS offers
           }
           CALL (a) {
             OPTIONAL MATCH (a)-[:PART_OF]->(o:Agency) WITH o ORDER BY o.name
             RETURN collect(CASE WHEN o IS NULL THEN null ELSE {id: o.id, label: 'Agency', name: o.name} END) AS partOf
           }
           CALL (a) {
             OPTIONAL MATCH (t:Agency)-[:PART_OF]->(a) WITH t ORDER BY t.name
             RETURN collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, label: 'Agency', name: t.name} END) AS teams
           }
           CALL (a) {
             OPTIONAL MATCH (a)-[:CONVENES]->(f:Forum) WITH f ORDER BY f.name
             RETURN collect(CASE WHEN f IS NULL THEN null ELSE {id: f.id, label: 'Forum', name: f.name} END) AS convenes
           }
           CALL (a) {
             OPTIONAL MATCH (a)-[:SERVES]->(l:Locality) WITH l ORDER BY l.name
             RETURN collect(CASE WHEN l IS NULL THEN null ELSE {id: l.id, label: 'Locality', name: l.name} END) AS localities
           }
           CALL (a) {
             OPTIONAL MATCH (a)-[:HAS_LOCATION]->(loc:Location) WITH loc ORDER BY loc.name
             CALL (loc) { OPTIONAL MATCH (loc)-[:PROVIDES]->(s:Specialism) WITH s ORDER BY s.name RETURN collect(s.name) AS provides }
             RETURN collect(CASE WHEN loc IS NULL THEN null ELSE {
               id: loc.id, name: loc.name, address: coalesce(loc.address, ''), postcode: coalesce(loc.postcode, ''),
               openingTimes: coalesce(loc.openingTimes, ''), accessibility: coalesce(loc.accessibility, ''), phone: loc.phone, provides: provides
             } END) AS locations
           }
           RETURN staffCount, offers, partOf, teams, convenes, localities, locations`,
    { id },
  );
  const r = res.records[0];
  if (!r) return null;
  type Ref = { id: string; label: 'Agency' | 'Forum' | 'Locality'; name: string };
  return {
    staffCount: r.get('staffCount') as number,
    offers: r.get('offers') as { id: string; name: string; domain: string | null }[],
    partOf: r.get('partOf') as Ref[],
    teams: r.get('teams') as Ref[],
    convenes: r.get('convenes') as Ref[],
    localities: r.get('localities') as Ref[],
    locations: r.get('locations') as AgencyDetail['locations'],
  };
}
