import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { dayOf, emptyTieSet, loadNames, loadTies, neighboursOf, type TieSet } from '../graph/ties.repository.js';

/**
 * Forum and same-agency partners read per practitioner while looking for paths: a path through a shared forum or
 * team needs one such partner, not all of a big forum's members (the strongest ties are joint work and KNOWS).
 */
const WEAK_TIE_CAP = 30;

export interface NamedNode {
  id: string;
  name: string;
}

/** Reads for introduction paths (endpoints, specialism holders, the bounded tie neighbourhood), in one transaction. */
function pathsOps(tx: ManagedTransaction) {
  return {
    /** Endpoints, and holders for a specialism target. */
    async resolve(q: { from: string; to?: string; specialism?: string; locality?: string; asOf?: string; holders: number }) {
      const r = await tx.run(
        `OPTIONAL MATCH (f:Practitioner {id: $from})
         OPTIONAL MATCH (t:Practitioner {id: $to})
         OPTIONAL MATCH (s:Specialism {id: $spec})
         RETURN f.name AS fromName, t.name AS toName, s.name AS specName`,
        { from: q.from, to: q.to ?? null, spec: q.specialism ?? null },
      );
      const row = r.records[0]!;
      const node = (id: string | undefined, key: string) =>
        id && row.get(key) !== null ? { id, name: row.get(key) as string } : null;
      const specialism = node(q.specialism, 'specName');
      const holders = specialism ? await holdersIn(tx, specialism.id, q.locality ?? null, q.asOf, q.holders) : [];
      return { from: node(q.from, 'fromName'), to: node(q.to, 'toName'), specialism, holders };
    },

    /**
     * The tie neighbourhood a ≤ 4-hop path can use: ties of both ends (level 1), then ties of the `beam` strongest
     * neighbours of each side (level 2). Any path of ≤ 4 hops has all its ties inside this set unless the beam or
     * the weak-tie cap cut one of its inner nodes. Two queries.
     */
    async pathNeighbourhood(fromId: string, targetIds: readonly string[], asOf: string | undefined, beam: number): Promise<TieSet> {
      const set = emptyTieSet();
      await loadTies(tx, [fromId, ...targetIds], { asOf, cap: WEAK_TIE_CAP }, set);
      const done = new Set([fromId, ...targetIds]);
      const pick = (ids: readonly string[]) => {
        const scores = new Map<string, number>();
        for (const id of ids)
          for (const n of neighboursOf(set, id))
            if (!done.has(n.id)) scores.set(n.id, Math.max(scores.get(n.id) ?? 0, n.strength));
        return [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, beam).map(([id]) => id);
      };
      const next = [...new Set([...pick([fromId]), ...pick(targetIds)])];
      await loadTies(tx, next, { asOf, cap: WEAK_TIE_CAP }, set);
      return set;
    },

    /** Adds the names of the practitioners on the found paths that the tie loads did not name. */
    async names(set: TieSet, ids: readonly string[]): Promise<void> {
      await loadNames(tx, ids, set);
    },
  };
}

export type PathsOps = ReturnType<typeof pathsOps>;

export function createPathsRepository(db: Db) {
  return {
    /** All of one path search's reads in one read transaction. */
    read<T>(work: (ops: PathsOps) => Promise<T>): Promise<T> {
      return db.read((tx) => work(pathsOps(tx)));
    },
  };
}

/** The locality, the places within it and the wider areas containing it. */
const PLACES = `
MATCH (target:Locality {id: $loc})
RETURN [(l:Locality)-[:WITHIN*0..5]->(target) | l.id] + [(target)-[:WITHIN*1..5]->(a:Locality) | a.id] AS places`;

const HOLDER_ORDER = `ORDER BY distance ASC, level DESC, CASE p.capacity WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END, p.id
     LIMIT $limit`;

/** Holders joined from both ends (the specialisms' holders and the places' servers; see team.repository). */
const HOLDERS_IN_PLACES = `
MATCH (s:Specialism {id: $sid})<-[b:BROADER*0..3]-(x:Specialism)
WITH x, min(size(b)) AS xDistance
MATCH (x)<-[h:HAS_SPECIALISM]-(p:Practitioner)-[:SERVES]->(l:Locality)
USING JOIN ON p
WHERE l.id IN $places AND coalesce(h.since, '') <= $asOf
WITH p, min(xDistance) AS distance,
     max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level
RETURN p.id AS id, p.name AS name
${HOLDER_ORDER}`;

const HOLDERS_ANYWHERE = `
MATCH (s:Specialism {id: $sid})<-[b:BROADER*0..3]-(x:Specialism)<-[h:HAS_SPECIALISM]-(p:Practitioner)
WHERE coalesce(h.since, '') <= $asOf
WITH p, min(size(b)) AS distance,
     max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level
RETURN p.id AS id, p.name AS name
${HOLDER_ORDER}`;

async function holdersIn(
  tx: ManagedTransaction,
  specialismId: string,
  localityId: string | null,
  asOf: string | undefined,
  limit: number,
): Promise<NamedNode[]> {
  let places: string[] | null = null;
  if (localityId) {
    const r = await tx.run(PLACES, { loc: localityId });
    places = (r.records[0]?.get('places') as string[] | undefined) ?? [];
    if (places.length === 0) return [];
  }
  const r = await tx.run(places ? HOLDERS_IN_PLACES : HOLDERS_ANYWHERE, {
    sid: specialismId,
    places,
    asOf: dayOf(asOf),
    limit: neo4j.int(limit),
  });
  return r.records.map((x) => ({ id: x.get('id') as string, name: x.get('name') as string }));
}

export type PathsRepository = ReturnType<typeof createPathsRepository>;
