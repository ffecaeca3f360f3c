import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { unmatchedIds } from '../../lib/unmatched-ids.js';
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

const LEVEL_OF = (h: string) => `CASE ${h}.level WHEN 'lead' THEN 2 WHEN 'practitioner' THEN 1 ELSE 0 END`;
const VALID = (h: string) => `coalesce(${h}.since, '') <= $asOf`;
const CAPACITY_RANK = `CASE p.capacity WHEN 'open' THEN 0 WHEN 'limited' THEN 1 ELSE 2 END`;
const DISTANCES = [0, 1, 2, 3];
const LEVELS = [2, 1, 0];

/**
 * The `$limit` best holders of specialism `s` or a narrower one (≤ 3 levels down), serving one of `places` (or
 * anywhere), ranked as one ordered query over all their holdings would rank them: nearest specialism first (the
 * smallest distance of any holding), then most senior (the highest level of any holding), open capacity, id.
 *
 * A broad specialism has tens of thousands of holders, so the read avoids touching most of them:
 * - distances are read nearest first, and each distance yields only its own best `$limit` new holders by the levels
 *   of that distance's holdings (a top-k, never a list of all holders; anywhere, read one level band at a time, most
 *   senior first); the read stops at the first distance (`last`) by which `$limit` holders are found;
 * - a holder at the last distance can rank higher through a deeper holding. Any holder of the true top `$limit`
 *   without such a lift is among that distance's top `$limit` already (a deeper holding only ever raises a level),
 *   and a lift below the weakest of those candidates' levels changes nothing. So when the deeper specialisms'
 *   holdings (by degree, weighed by how selective that level is) are fewer than the last distance's, the holders
 *   of deeper holdings at least that senior who also hold at the last distance join the candidates with their level
 *   over both; otherwise, and always in given places (whose join leaves few holders at the last distance), every
 *   holder at the last distance is ranked with their level over both;
 * - holders nearer than `last` (fewer than `$limit`) get their level over all their holdings, one by one.
 * Holders are joined from the specialism side and the places' side (never by expanding SERVES from each holder);
 * `since` is checked after that join. HAS_SPECIALISM starts only at practitioners (graph-schema), so `p` needs no
 * label check.
 */
/** Anywhere: whether the deeper specialisms' holdings (by degree) are few enough to start from their side. */
const FROM_DEEPER = `reduce(n = 0, y IN deeper | n + COUNT { (y)<-[:HAS_SPECIALISM]-() })
           <= reduce(n = 0, x IN atLast | n + COUNT { (x)<-[:HAS_SPECIALISM]-() }) * CASE weakest WHEN 2 THEN 6 ELSE 1 END`;

function holdersQuery(inPlaces: boolean): string {
  const holdersOf = (x: string) =>
    inPlaces
      ? `MATCH (${x})<-[h:HAS_SPECIALISM]-(p)-[:SERVES]->(l:Locality)
      USING JOIN ON p
      WHERE l.id IN places`
      : `MATCH (${x})<-[h:HAS_SPECIALISM]-(p)`;
  // `found`: [holder, distance, level at that distance] per distance read; `seen`: their holders; `last`: the
  // distance at which `$limit` holders were reached (3 when never).
  // One distance: the best new holders by their best holding at that distance. Anywhere, it is read one level band
  // at a time, most senior first, so a broad specialism's thousands of less senior holders are never sorted; in
  // given places the join with the places leaves few holders, and one pass over all levels is cheaper (with `since`
  // read inside the aggregation, so that it is read after the join, on the few rows that survive it).
  const bestOfAllLevels = `WITH p, max(CASE WHEN ${VALID('h')} THEN ${LEVEL_OF('h')} END) AS level, seen
      WITH p, level WHERE level IS NOT NULL AND NOT p IN seen
      WITH p, level ORDER BY level DESC, ${CAPACITY_RANK}, p.id LIMIT $limit`;
  const bestOfLevel = (level: number) => `WITH p, h WHERE ${LEVEL_OF('h')} = ${level} AND ${VALID('h')} AND NOT p IN seen
      WITH DISTINCT p, ${level} AS level ORDER BY ${CAPACITY_RANK}, p.id LIMIT $limit`;
  const step = (d: number, best: string) => `
    CALL (places, xs, ds, seen) {
      WITH places, xs, ds, seen WHERE size(seen) < $limit
      UNWIND range(0, size(xs) - 1) AS i
      WITH places, seen, xs[i] AS x WHERE ds[i] = ${d}
      ${holdersOf('x')}
      ${best}
      RETURN collect([p, ${d}, level]) AS here
    }
    WITH places, xs, ds, found + here AS found, seen + [e IN here | e[0]] AS now, seen, last
    WITH places, xs, ds, found, now AS seen,
         CASE WHEN size(seen) < $limit AND size(now) >= $limit THEN ${d} ELSE last END AS last`;
  const atDistance = (d: number) =>
    inPlaces ? step(d, bestOfAllLevels) : LEVELS.map((level) => step(d, bestOfLevel(level))).join('');
  return `
    MATCH (s)<-[b:BROADER*0..3]-(x:Specialism)
    WITH places, x, min(size(b)) AS d
    WITH places, collect(x) AS xs, collect(d) AS ds, [] AS found, [] AS seen, 3 AS last
    ${DISTANCES.map((d) => atDistance(d)).join('')}
    WITH places, xs, found, last,
         [i IN range(0, size(xs) - 1) WHERE ds[i] = last | xs[i]] AS atLast,
         [i IN range(0, size(xs) - 1) WHERE ds[i] > last | xs[i]] AS deeper,
         [e IN found WHERE e[1] < last | e[0]] AS nearer,
         reduce(m = 2, e IN found | CASE WHEN e[1] = last AND e[2] < m THEN e[2] ELSE m END) AS weakest
    WITH places, xs, found, last, atLast, deeper, nearer, weakest,
         ${inPlaces ? 'false' : FROM_DEEPER} AS fromDeeper
    CALL (places, xs, found, last, atLast, deeper, nearer, weakest, fromDeeper) {
      UNWIND found AS e
      WITH xs, last, e[0] AS p, e[1] AS distance, e[2] AS level
      RETURN p, distance, CASE WHEN distance < last THEN
               reduce(m = level, lv IN [(p)-[h:HAS_SPECIALISM]->(y) WHERE y IN xs AND ${VALID('h')} | ${LEVEL_OF('h')}]
                      | CASE WHEN lv > m THEN lv ELSE m END)
             ELSE level END AS level
    UNION ALL
      // from the deeper specialisms' side: their holders who also hold at the last distance, as senior as the weakest
      // candidate there at least (a less senior holding cannot lift anyone into the top)
      WITH places, last, atLast, deeper, nearer, weakest
      WHERE size(deeper) > 0 AND fromDeeper
      UNWIND deeper AS y
      ${holdersOf('y')}
      WITH p, h, last, atLast, nearer WHERE ${LEVEL_OF('h')} >= weakest AND ${VALID('h')} AND NOT p IN nearer
      WITH p, max(${LEVEL_OF('h')}) AS deepLevel, last, atLast
      // best first by the deeper level: only the first few who also hold at the last distance can matter
      ORDER BY deepLevel DESC, ${CAPACITY_RANK}, p.id
      WITH p, deepLevel, last,
           [(p)-[h:HAS_SPECIALISM]->(x) WHERE x IN atLast AND ${VALID('h')} | ${LEVEL_OF('h')}] AS atLastLevels
      WHERE size(atLastLevels) > 0
      WITH p, deepLevel, last, atLastLevels LIMIT $limit
      RETURN p, last AS distance, reduce(m = deepLevel, lv IN atLastLevels | CASE WHEN lv > m THEN lv ELSE m END) AS level
    UNION ALL
      // from the last distance's side: every holder there, with their level over both
      WITH places, last, atLast, deeper, nearer
      WHERE size(deeper) > 0 AND NOT fromDeeper
      UNWIND atLast AS x
      ${holdersOf('x')}
      WITH DISTINCT p, last, atLast, deeper, nearer WHERE NOT p IN nearer
      WITH p, last, [(p)-[h:HAS_SPECIALISM]->(y) WHERE (y IN atLast OR y IN deeper) AND ${VALID('h')}
                     | [y IN atLast, ${LEVEL_OF('h')}]] AS holdings
      WHERE any(e IN holdings WHERE e[0])
      RETURN p, last AS distance, reduce(m = 0, e IN holdings | CASE WHEN e[1] > m THEN e[1] ELSE m END) AS level
    }
    WITH p, min(distance) AS distance, max(level) AS level
    RETURN p ORDER BY distance ASC, level DESC, ${CAPACITY_RANK}, p.id
    LIMIT $limit`;
}

/** A path search's target: a person, a specialism's holders anywhere, or its holders serving a locality. */
type StartVariant = 'person' | 'anywhere' | 'inPlaces';

/** The locality and its parts, and the wider areas containing it (holders serving any of these count). */
const PLACES = `OPTIONAL MATCH (target:Locality {id: $loc})
  WITH s, CASE WHEN target IS NULL THEN [] ELSE
         [(l:Locality)-[:WITHIN*0..5]->(target) | l.id] + [(target)-[:WITHIN*1..5]->(a:Locality) | a.id] END AS places`;

/**
 * One round trip for the start of a search: both endpoints, the specialism and its holders (serving the locality
 * when given), and the tie rows of the start and of every target. One query text per kind of target: each is
 * planned only when used, and a smaller text plans faster (Neo4j takes seconds to plan the holders' read).
 */
function startQuery(variant: StartVariant): string {
  const holders =
    variant === 'person'
      ? 'WITH f, t, s, [] AS holders'
      : `CALL (s) {
  ${variant === 'inPlaces' ? PLACES : 'WITH s, [] AS places'}
  CALL (s, places) {
    WITH s, places WHERE s IS NOT NULL${holdersQuery(variant === 'inPlaces')}
  }
  RETURN collect([p.id, p.name]) AS holders
}`;
  return `
OPTIONAL MATCH (f:Practitioner {id: $from})
OPTIONAL MATCH (t:Practitioner {id: $to})
OPTIONAL MATCH (s:Specialism {id: $spec})
${holders}
WITH f, t, s, holders, [x IN [f.id, t.id] + [h IN holders | h[0]] WHERE x IS NOT NULL] AS ids
UNWIND range(0, CASE WHEN size(ids) = 0 THEN 0 ELSE size(ids) - 1 END) AS i
OPTIONAL MATCH (p:Practitioner {id: ids[i]})
${TIE_ROW_CALLS}
RETURN CASE i WHEN 0 THEN [f.name, t.name, s.name, holders] END AS head,
       CASE WHEN p IS NULL THEN null ELSE [p.id, p.name, collab, knows, forums, agencies] END AS row`;
}

const START_QUERIES: Record<StartVariant, string> = {
  person: startQuery('person'),
  anywhere: startQuery('anywhere'),
  inPlaces: startQuery('inPlaces'),
};

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
      const variant: StartVariant = !q.specialism ? 'person' : q.locality ? 'inPlaces' : 'anywhere';
      const r = await tx.run(START_QUERIES[variant], {
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

    /**
     * Runs every path query once with ids that match nothing, so that Neo4j plans and compiles them now rather than
     * in the first path search after a start (planning the holders' read takes seconds).
     */
    async warmUp(holders: number): Promise<void> {
      // A plan is reused only for parameters like the ones it was planned with (measured: an empty-string id or
      // another limit missed the cache), so the warm-up passes a search's: id-shaped strings, the same holder limit,
      // null where a search passes null. Each query runs twice, in case a plan is kept only on its second use.
      const [none] = unmatchedIds(1) as [string];
      const common = { asOf: dayOf(undefined), limit: neo4j.int(holders), cap: neo4j.int(WEAK_TIE_CAP), from: none };
      const shapes: Record<StartVariant, { to: string | null; spec: string | null; loc: string | null }> = {
        person: { to: none, spec: null, loc: null },
        anywhere: { to: null, spec: none, loc: null },
        inPlaces: { to: null, spec: none, loc: none },
      };
      for (let round = 0; round < 2; round++) {
        for (const [variant, shape] of Object.entries(shapes) as [StartVariant, (typeof shapes)[StartVariant]][]) {
          await db.read((tx) => tx.run(START_QUERIES[variant], { ...common, ...shape }));
        }
      }
      // the beam's lists vary in size, and a list's size class is part of the plan's key (measured on the
      // neighbourhood's ties read: a list of one did not warm the plan for a list of 78)
      for (const beam of [1, 10, 40]) {
        for (const alsoName of [0, 1, 10]) {
          await db.read((tx) => tx.run(BEAM_QUERY, { ids: unmatchedIds(beam), alsoName: unmatchedIds(alsoName), asOf: common.asOf, cap: common.cap }));
        }
      }
    },
  };
}

export type PathsRepository = ReturnType<typeof createPathsRepository>;
