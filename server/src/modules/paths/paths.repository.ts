import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { COLLAB_DATE, dayOf, loadNames } from '../graph/ties.repository.js';
import { PathTieBuilder, type PathTieSet, type TieRow } from './path-ties.js';

/**
 * Forum and same-agency partners read per practitioner while looking for paths: a path through a shared forum or
 * team needs one such partner, not all of a big forum's members (the strongest ties are joint work and KNOWS).
 */
const WEAK_TIE_CAP = 30;

export interface NamedNode {
  id: string;
  name: string;
}

/**
 * A practitioner's ties to anyone, as one compact row (the same evidence and caps as ties.repository's TIE_QUERY):
 * collaboration partners with the dates of their shared work and KNOWS partners (never capped), forum co-attendees
 * and agency colleagues (at most $cap each), grouped by forum and agency name.
 */
const TIE_ROW_CALLS = `
  CALL (p) {
    MATCH (p)-[:PARTICIPATED_IN]->(c:Collaboration)<-[:PARTICIPATED_IN]-(q:Practitioner)
    WHERE q <> p AND c.startedOn <= $asOf
    WITH q, collect(${COLLAB_DATE}) AS dates
    RETURN collect([q.id, dates]) AS collab
  }
  CALL (p) {
    MATCH (p)-[k:KNOWS]-(q:Practitioner)
    WHERE q <> p AND coalesce(k.since, '') <= $asOf
    RETURN collect(DISTINCT q.id) AS knows
  }
  CALL (p) {
    CALL (p) {
      MATCH (p)-[a1:ATTENDS]->(f:Forum)<-[a2:ATTENDS]-(q:Practitioner)
      WHERE q <> p AND coalesce(a1.since, '') <= $asOf AND coalesce(a2.since, '') <= $asOf
      RETURN q, f LIMIT $cap
    }
    WITH f, collect(q.id) AS qs
    RETURN collect([f.name, qs]) AS forums
  }
  CALL (p) {
    CALL (p) {
      MATCH (p)-[w1:WORKS_FOR]->(g:Agency)<-[w2:WORKS_FOR]-(q:Practitioner)
      WHERE q <> p AND coalesce(w1.since, '') <= $asOf AND coalesce(w2.since, '') <= $asOf
      RETURN q, g LIMIT $cap
    }
    WITH g, collect(q.id) AS qs
    RETURN collect([g.name, qs]) AS agencies
  }`;

/** Holders of the specialism (or a narrower one, ≤ 3 levels) serving one of `places`: nearest, most senior, open first. */
const HOLDERS_IN_PLACES = `
    MATCH (s)<-[b:BROADER*0..3]-(x:Specialism)
    WITH places, x, min(size(b)) AS xDistance
    MATCH (x)<-[h:HAS_SPECIALISM]-(p:Practitioner)-[:SERVES]->(l:Locality)
    USING JOIN ON p
    WHERE l.id IN places AND coalesce(h.since, '') <= $asOf
    WITH p, min(xDistance) AS distance,
         max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level`;

const HOLDERS_ANYWHERE = `
    MATCH (s)<-[b:BROADER*0..3]-(x:Specialism)<-[h:HAS_SPECIALISM]-(p:Practitioner)
    WHERE coalesce(h.since, '') <= $asOf
    WITH p, min(size(b)) AS distance,
         max(CASE h.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END) AS level`;

const HOLDER_ORDER = `
    RETURN p ORDER BY distance ASC, level DESC, CASE p.capacity WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END, p.id
    LIMIT $limit`;

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
    WITH s, places WHERE s IS NOT NULL AND inPlaces${HOLDERS_IN_PLACES}${HOLDER_ORDER}
  UNION ALL
    WITH s WHERE s IS NOT NULL AND NOT inPlaces${HOLDERS_ANYWHERE}${HOLDER_ORDER}
  }
  RETURN collect([p.id, p.name]) AS holders
}
CALL (f, t, holders) {
  UNWIND [f.id, t.id] + [h IN holders | h[0]] AS pid
  WITH DISTINCT pid WHERE pid IS NOT NULL
  MATCH (p:Practitioner {id: pid})
  ${TIE_ROW_CALLS}
  RETURN collect([p.id, p.name, collab, knows, forums, agencies]) AS rows
}
RETURN f.name AS fromName, t.name AS toName, s.name AS specName, holders, rows`;

/**
 * The second level, one round trip: the tie rows of the beam (the strongest neighbours of each end), and the names
 * of practitioners tied to both ends that are not in the beam (the middles of 2-hop paths).
 */
const BEAM_QUERY = `
CALL () {
  UNWIND $beam AS pid
  MATCH (p:Practitioner {id: pid})
  ${TIE_ROW_CALLS}
  RETURN collect([p.id, p.name, collab, knows, forums, agencies]) AS rows
}
CALL () {
  UNWIND $alsoName AS id
  MATCH (q:Practitioner {id: id})
  RETURN collect([id, q.name]) AS alsoNamed
}
RETURN rows, alsoNamed`;

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
      const row = r.records[0]!;
      const node = (id: string | undefined, key: string) =>
        id && row.get(key) !== null ? { id, name: row.get(key) as string } : null;
      const specialism = node(q.specialism, 'specName');
      const holders = (row.get('holders') as Array<[string, string]>).map(([id, name]) => ({ id, name }));
      const ties = new PathTieBuilder(q.asOf);
      ties.addRows(row.get('rows') as TieRow[]);
      return { from: node(q.from, 'fromName'), to: node(q.to, 'toName'), specialism, holders, ties };
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
        beam: q.beam,
        alsoName: q.alsoName,
        asOf: dayOf(q.asOf),
        cap: neo4j.int(WEAK_TIE_CAP),
      });
      const row = r.records[0]!;
      ties.addBeamRows(row.get('rows') as TieRow[], q.from, q.targets);
      for (const [id, name] of row.get('alsoNamed') as Array<[string, string]>) ties.names.set(id, name);
    },

    /** Names of the given practitioners the set does not name yet (a fallback: the reads above name path nodes). */
    async names(set: PathTieSet, ids: readonly string[]): Promise<void> {
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

export type PathsRepository = ReturnType<typeof createPathsRepository>;
