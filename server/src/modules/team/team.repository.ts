import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { dayOf, emptyTieSet, loadTies, neighboursOf, type TieSet } from '../graph/ties.repository.js';

export interface LocalityRow {
  id: string;
  name: string;
  parents: string[];
}

export interface NeedRow {
  id: string;
  name: string;
  domain: string;
}

export interface HolderRow {
  needId: string;
  practitionerId: string;
  name: string;
  profession: string;
  agencyName: string | null;
  capacity: string;
  lastVerifiedAt: string | null;
  specialismName: string;
  /** 1 exact, 0.9 narrower, 0.6 broader specialism */
  match: number;
  level: string;
  addressedBy: number;
  served: string[];
}

/**
 * Holders of the specialisms that address each need (exact, narrower up to 2 levels — they cover it — or broader up
 * to 2 levels — partly), of the child's age, serving one of `localities` (or anywhere when null). Per need at most
 * `limit` rows, best match and level first.
 */
const HOLDERS = `
UNWIND $needs AS nid
MATCH (n:Need {id: nid})-[ab:ADDRESSED_BY]->(s:Specialism)
CALL (s) {
  MATCH (s)<-[:BROADER*0..2]-(x:Specialism) RETURN x, CASE WHEN x = s THEN 1.0 ELSE 0.9 END AS match
  UNION
  MATCH (s)-[:BROADER*1..2]->(x:Specialism) RETURN x, 0.6 AS match
}
CALL (n, ab, x, match) {
  MATCH (x)<-[h:HAS_SPECIALISM]-(p:Practitioner)
  WHERE coalesce(h.since, '') <= $asOf AND coalesce(p.ageMin, 0) <= $age AND coalesce(p.ageMax, 25) >= $age
  WITH p, h, [(p)-[:SERVES]->(l:Locality) | l.id] AS served
  WHERE $localities IS NULL OR any(l IN served WHERE l IN $localities)
  RETURN p, h, served
  ORDER BY match DESC, CASE h.level WHEN 'lead' THEN 0 WHEN 'practitioner' THEN 1 ELSE 2 END, p.id
  LIMIT $limit
}
OPTIONAL CALL (p) { MATCH (p)-[:WORKS_FOR]->(g:Agency) RETURN g.name AS agencyName ORDER BY g.name LIMIT 1 }
RETURN n.id AS needId, p.id AS practitionerId, p.name AS name, p.profession AS profession, agencyName,
       coalesce(p.capacity, 'open') AS capacity, p.lastVerifiedAt AS lastVerifiedAt, x.name AS specialismName,
       match, coalesce(h.level, 'practitioner') AS level, coalesce(ab.strength, 1.0) AS addressedBy, served`;

function teamOps(tx: ManagedTransaction) {
  return {
    async needs(ids: readonly string[]): Promise<NeedRow[]> {
      return (async () => {
        const r = await tx.run(
          "UNWIND $ids AS id MATCH (n:Need {id: id}) RETURN n.id AS id, n.name AS name, coalesce(n.domain, '') AS domain",
          { ids },
        );
        return r.records.map((x) => ({ id: x.get('id'), name: x.get('name'), domain: x.get('domain') }));
      })();
    },

    /** Every locality with its parents (the WITHIN tree is small: hundreds of nodes at most). */
    async localities(): Promise<LocalityRow[]> {
      return (async () => {
        const r = await tx.run(
          'MATCH (l:Locality) RETURN l.id AS id, l.name AS name, [(l)-[:WITHIN]->(p:Locality) | p.id] AS parents',
        );
        return r.records.map((x) => ({ id: x.get('id'), name: x.get('name'), parents: x.get('parents') }));
      })();
    },

    async holders(
      needIds: readonly string[],
      age: number,
      localities: readonly string[] | null,
      asOf: string | undefined,
      limit: number,
    ): Promise<HolderRow[]> {
      return (async () => {
        const r = await tx.run(HOLDERS, {
          needs: needIds,
          age: neo4j.int(age),
          localities,
          asOf: dayOf(asOf),
          limit: neo4j.int(limit),
        });
        return r.records.map((x) => x.toObject() as unknown as HolderRow);
      })();
    },

    /** Recorded joint work on a need per (practitioner, need): count and most recent date. */
    async needEvidence(pairs: Array<{ practitionerId: string; needId: string }>, asOf: string | undefined) {
      if (pairs.length === 0) return new Map<string, { collaborations: number; lastOn: string | null }>();
      return (async () => {
        const r = await tx.run(
          `UNWIND $pairs AS pair
           MATCH (p:Practitioner {id: pair.practitionerId})-[:PARTICIPATED_IN]->(c:Collaboration)-[:ADDRESSED]->(n:Need {id: pair.needId})
           WHERE c.startedOn <= $asOf
           RETURN pair.practitionerId AS pid, pair.needId AS nid, count(DISTINCT c) AS n,
                  max(CASE WHEN c.endedOn IS NOT NULL AND c.endedOn <= $asOf THEN c.endedOn ELSE c.startedOn END) AS lastOn`,
          { pairs, asOf: dayOf(asOf) },
        );
        return new Map(
          r.records.map((x) => [
            `${x.get('pid')}|${x.get('nid')}`,
            { collaborations: x.get('n') as number, lastOn: (x.get('lastOn') as string | null) ?? null },
          ]),
        );
      })();
    },

    /** Ties of the requester, then ties among candidates and the requester's neighbours (bounded). */
    async teamTies(requester: string | null, candidates: readonly string[], asOf: string | undefined): Promise<TieSet> {
      return (async () => {
        const set = emptyTieSet();
        let near: string[] = [];
        if (requester) {
          await loadTies(tx, [requester], { asOf }, set);
          near = neighboursOf(set, requester)
            .slice(0, 200)
            .map((n) => n.id);
        }
        const restrict = [...new Set([...candidates, ...near])];
        await loadTies(tx, candidates, { asOf, restrictTo: restrict, cap: 10_000 }, set);
        return set;
      })();
    },
  };
}

export type TeamOps = ReturnType<typeof teamOps>;

export function createTeamRepository(db: Db) {
  return {
    /** All of a team suggestion's reads in one read transaction. */
    read<T>(work: (ops: TeamOps) => Promise<T>): Promise<T> {
      return db.read((tx) => work(teamOps(tx)));
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
