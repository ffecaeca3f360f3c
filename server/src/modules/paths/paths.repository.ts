import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { dayOf, loadNames, TIE_QUERY, TIE_ROW_CALLS } from '../graph/ties.repository.js';
import { PathTieBuilder, type TieRow } from './path-ties.js';

/**
 * Forum and same-agency partners read per practitioner while looking for paths: a path through a shared forum or
 * team needs one such partner, not all of a big forum's members (the strongest ties are joint work and KNOWS).
 */
const WEAK_TIE_CAP = 30;

export interface NamedNode {
  id: string;
  name: string;
}

const LEVEL_OF_H = `CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END`;
const DISTANCES = [0, 1, 2, 3];

/**
 * The `$limit` best holders of specialism `s` or a narrower one (≤ 3 levels down), serving one of `places` (or
 * anywhere): nearest specialism first, then most senior, open capacity, id — as one ordered query would rank them,
 * but read one distance at a time, stopping at the first distance by which `$limit` holders are found (a broad
 * specialism has tens of thousands of holders through its narrower ones; all but the nearest are never needed).
 * Holders are joined from the specialism side and the places' side (never by expanding SERVES from each holder);
 * `since` is checked after that join, on the few rows that survive it. Only the holders at the last distance read
 * need the levels of their holdings further down (which rank them among themselves); those few are read per holder.
 * HAS_SPECIALISM starts only at practitioners (graph-schema), so `p` needs no label check.
 */
function holdersQuery(inPlaces: boolean): string {
  const match = inPlaces
    ? `MATCH (x)<-[h:HAS_SPECIALISM]-(p)-[:SERVES]->(l:Locality)
      USING JOIN ON p
      WHERE l.id IN places`
    : `MATCH (x)<-[h:HAS_SPECIALISM]-(p)`;
  // `found`: [holder, distance, level] per distance read; `seen`: the distinct holders so far; `last`: the distance
  // at which `$limit` holders were reached (3 when never).
  const atDistance = (d: number) => `
    CALL (places, xs, ds, seen) {
      WITH places, xs, ds WHERE size(seen) < $limit
      UNWIND range(0, size(xs) - 1) AS i
      WITH places, xs[i] AS x WHERE ds[i] = ${d}
      ${match}
      WITH p, max(CASE WHEN coalesce(h.since, '') <= $asOf THEN ${LEVEL_OF_H} END) AS level
      WHERE level IS NOT NULL
      RETURN collect([p, ${d}, level]) AS here
    }
    WITH places, xs, ds, found + here AS found, seen + [e IN here WHERE NOT e[0] IN seen | e[0]] AS now, seen, last
    WITH places, xs, ds, found, now AS seen,
         CASE WHEN size(seen) < $limit AND size(now) >= $limit THEN ${d} ELSE last END AS last`;
  return `
    MATCH (s)<-[b:BROADER*0..3]-(x:Specialism)
    WITH places, x, min(size(b)) AS d
    WITH places, collect(x) AS xs, collect(d) AS ds, [] AS found, [] AS seen, 3 AS last
    ${DISTANCES.map((d) => atDistance(d)).join('')}
    WITH found, last, [i IN range(0, size(xs) - 1) WHERE ds[i] > last | xs[i]] AS deeper
    CALL (found, last, deeper) {
      UNWIND found AS e
      WITH e[0] AS p, min(e[1]) AS distance, max(e[2]) AS level
      WITH p, distance, CASE WHEN distance = last AND size(deeper) > 0 THEN
             reduce(m = level, lv IN [(p)-[h:HAS_SPECIALISM]->(y) WHERE y IN deeper AND coalesce(h.since, '') <= $asOf
                                      | ${LEVEL_OF_H}] | CASE WHEN lv > m THEN lv ELSE m END)
           ELSE level END AS level
      RETURN p ORDER BY distance ASC, level DESC, CASE p.capacity WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END, p.id
      LIMIT $limit
    }
    RETURN p`;
}

/**
 * One round trip for the start of a search: both endpoints, the specialism and its holders serving the locality
 * (its parts or a wider area containing it), and the tie rows of the start and of every target.
 */
const START_QUERY = `
OPTIONAL MATCH (f:Practitioner {id: $from})
OPTIONAL MATCH (t:Practitioner {id: $to})
OPTIONAL MATCH (s:Specialism {id: $spec})
CALL (s) {
  OPTIONAL MATCH (target:Locality {id: $loc})
  WITH s, $loc IS NOT NULL AS inPlaces, CASE WHEN target IS NULL THEN [] ELSE
         [(l:Locality)-[:WITHIN*0..5]->(target) | l.id] + [(target)-[:WITHIN*1..5]->(a:Locality) | a.id] END AS places
  CALL (s, inPlaces, places) {
    WITH s, places WHERE s IS NOT NULL AND inPlaces${holdersQuery(true)}
  UNION ALL
    WITH s, places WHERE s IS NOT NULL AND NOT inPlaces${holdersQuery(false)}
  }
  RETURN collect([p.id, p.name]) AS holders
}
WITH f, t, s, holders, [x IN [f.id, t.id] + [h IN holders | h[0]] WHERE x IS NOT NULL] AS ids
UNWIND range(0, CASE WHEN size(ids) = 0 THEN 0 ELSE size(ids) - 1 END) AS i
OPTIONAL MATCH (p:Practitioner {id: ids[i]})
${TIE_ROW_CALLS}
RETURN CASE i WHEN 0 THEN [f.name, t.name, s.name, holders] END AS head,
       CASE WHEN p IS NULL THEN null ELSE [p.id, p.name, collab, knows, forums, agencies] END AS row`;

/**
 * The second level, one round trip: the tie rows of the beam (the strongest neighbours of each end), and the names
 * of practitioners tied to both ends that are not in the beam (the middles of 2-hop paths).
 */
const BEAM_QUERY = `${TIE_QUERY}
UNION ALL
UNWIND $alsoName AS id
MATCH (q:Practitioner {id: id})
RETURN id AS pid, q.name AS pname, null AS collab, null AS knows, null AS forums, null AS agencies`;


/** Reads for introduction paths (endpoints, specialism holders, the bounded tie neighbourhood), in one transaction. */
function pathsOps(tx: ManagedTransaction) {
  return {
    /**
     * Endpoints, the specialism and its `holders` best holders (serving the locality when given), and the ties of
     * the start and of every target (level 1), in one round trip.
     */
    async start(q: { from: string; to?: string; specialism?: string; locality?: string; asOf?: string; holders: number }) {
      const asOf = dayOf(q.asOf);
      const r = await tx.run(START_QUERY, {
        from: q.from,
        to: q.to ?? null,
        spec: q.specialism ?? null,
        loc: q.locality ?? null,
        asOf,
        limit: neo4j.int(q.holders),
        cap: neo4j.int(WEAK_TIE_CAP),
      });
      const [fromName, toName, specName, holderRows] = r.records.find((x) => x.get('head') !== null)!.get('head') as [
        string | null,
        string | null,
        string | null,
        Array<[string, string]>,
      ];
      const node = (id: string | undefined, name: string | null) => (id && name !== null ? { id, name } : null);
      const specialism = node(q.specialism, specName);
      const holders = holderRows.map(([id, name]) => ({ id, name }));
      const ties = new PathTieBuilder(q.asOf);
      ties.addRows(r.records.map((x) => x.get('row') as TieRow | null).filter((x): x is TieRow => x !== null));
      return { from: node(q.from, fromName), to: node(q.to, toName), specialism, holders, ties };
    },

    /**
     * Level 2: the ties of the `beam` (strongest neighbours of each side), of which `ties` keeps those that can lie
     * on a path of ≤ 4 hops; names `alsoName`.
     */
    async beam(
      ties: PathTieBuilder,
      q: { from: string; targets: readonly string[]; beam: readonly string[]; alsoName: readonly string[]; asOf?: string },
    ): Promise<void> {
      if (q.beam.length === 0 && q.alsoName.length === 0) return;
      const r = await tx.run(BEAM_QUERY, {
        ids: q.beam,
        alsoName: q.alsoName,
        asOf: dayOf(q.asOf),
        cap: neo4j.int(WEAK_TIE_CAP),
      });
      const rows: TieRow[] = [];
      for (const x of r.records) {
        const row = [x.get('pid'), x.get('pname'), x.get('collab'), x.get('knows'), x.get('forums'), x.get('agencies')] as TieRow;
        if (row[2] !== null) rows.push(row);
        else ties.names.set(row[0], row[1]);
      }
      ties.addBeamRows(rows, q.from, q.targets);
    },

    /** Names of the given practitioners `ties` does not name yet (a fallback: the reads above name path nodes). */
    async names(ties: PathTieBuilder, ids: readonly string[]): Promise<void> {
      await loadNames(tx, ids, ties.names);
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

export type PathsRepository = ReturnType<typeof createPathsRepository>;
