import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { unmatchedIds } from '../../lib/unmatched-ids.js';
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

/** Specialism id → the needs it addresses, with how well (see NEED_SPECIALISMS). */
export type NeedSpecialisms = Map<string, Array<{ needId: string; name: string; match: number; addressedBy: number }>>;

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

/** The specialisms that address each need: exact, narrower up to 2 levels (they cover it), broader up to 2 (partly). */
const NEED_SPECIALISMS = `
UNWIND $needs AS nid
MATCH (n:Need {id: nid})-[ab:ADDRESSED_BY]->(s:Specialism)
CALL (s) {
  MATCH (s)<-[:BROADER*0..2]-(x:Specialism) RETURN x, CASE WHEN x = s THEN 1.0 ELSE 0.9 END AS match
  UNION
  MATCH (s)-[:BROADER*1..2]->(x:Specialism) RETURN x, 0.6 AS match
}
RETURN n.id AS needId, x.id AS specialismId, x.name AS specialismName, match, coalesce(ab.strength, 1.0) AS addressedBy`;

/** A holding `h` of practitioner `p` that counts for a child of $age as of $asOf. */
const QUALIFIES = `coalesce(h.since, '') <= $asOf AND coalesce(p.ageMin, 0) <= $age AND coalesce(p.ageMax, 25) >= $age`;

/**
 * Holders of the given specialisms of the child's age who serve one of $localities. Joined on the practitioner
 * from both ends — the specialisms' holders and the localities' servers — because expanding SERVES from each of
 * tens of thousands of holders reads their whole relationship chains (they are not dense nodes). At most $cap rows
 * (only a request for a very wide area reaches it), leads and open capacity first.
 */
const LOCAL_HOLDERS = `
MATCH (x:Specialism)<-[h:HAS_SPECIALISM]-(p:Practitioner)-[:SERVES]->(l:Locality)
USING JOIN ON p
WHERE x.id IN $specialisms AND l.id IN $localities
WITH x, p, h, collect(l.id) AS served
WHERE ${QUALIFIES}
RETURN x.id AS specialismId, p.id AS practitionerId, coalesce(h.level, 'practitioner') AS level, served
ORDER BY CASE h.level WHEN 'lead' THEN 0 WHEN 'practitioner' THEN 1 ELSE 2 END, p.id
LIMIT $cap`;

/**
 * The same without a place: holders anywhere (for needs no related locality covers). Expanded from each
 * specialism in a subquery: as one pattern, Neo4j planned a scan of every practitioner for a list of 12 or more
 * specialisms (0.6–1.3 s at 100k, against 5–130 ms).
 */
const ANY_HOLDERS = `
MATCH (x:Specialism) WHERE x.id IN $specialisms
CALL (x) {
  MATCH (x)<-[h:HAS_SPECIALISM]-(p:Practitioner)
  WHERE ${QUALIFIES}
  RETURN p, h
}
WITH x, p, h ORDER BY CASE h.level WHEN 'lead' THEN 0 WHEN 'practitioner' THEN 1 ELSE 2 END, p.id LIMIT $cap
RETURN x.id AS specialismId, p.id AS practitionerId, coalesce(h.level, 'practitioner') AS level,
       [(p)-[:SERVES]->(l:Locality) | l.id] AS served`;

/** Of the given specialisms, those someone of the child's age holds: stops at the first such holder of each. */
const HELD_SPECIALISMS = `
UNWIND $specialisms AS sid
MATCH (x:Specialism {id: sid})
WHERE EXISTS { MATCH (x)<-[h:HAS_SPECIALISM]-(p:Practitioner) WHERE ${QUALIFIES} }
RETURN x.id AS id`;

const HOLDER_DETAILS = `
UNWIND $ids AS pid
MATCH (p:Practitioner {id: pid})
OPTIONAL CALL (p) { MATCH (p)-[:WORKS_FOR]->(g:Agency) RETURN g.name AS agencyName ORDER BY g.name LIMIT 1 }
RETURN p.id AS id, p.name AS name, p.profession AS profession, agencyName,
       coalesce(p.capacity, 'open') AS capacity, p.lastVerifiedAt AS lastVerifiedAt`;

/** The requester's strongest ties through whom a two-step "known to X, whom you know" closeness is looked for. */
const REQUESTER_NEIGHBOURS = 50;

/** Rows read before the per-need limit; bounds a request for the whole authority. */
const HOLDERS_CAP = 5_000;
const LEVEL_RANK: Record<string, number> = { lead: 0, practitioner: 1 };

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

    /** The specialisms that address each of the needs (exact, narrower, broader), by specialism id. */
    async needSpecialisms(needIds: readonly string[]): Promise<NeedSpecialisms> {
      const specs = await tx.run(NEED_SPECIALISMS, { needs: needIds });
      const bySpecialism: NeedSpecialisms = new Map();
      for (const r of specs.records) {
        const id = r.get('specialismId') as string;
        const list = bySpecialism.get(id) ?? [];
        list.push({
          needId: r.get('needId') as string,
          name: r.get('specialismName') as string,
          match: r.get('match') as number,
          addressedBy: r.get('addressedBy') as number,
        });
        bySpecialism.set(id, list);
      }
      return bySpecialism;
    },

    /**
     * Holders of the specialisms that address each need (from `needSpecialisms`), of the child's age, serving one
     * of `localities` (or anywhere when null). Per need at most `limit` rows, best match and level first.
     */
    async holders(
      bySpecialism: NeedSpecialisms,
      age: number,
      localities: readonly string[] | null,
      asOf: string | undefined,
      limit: number,
    ): Promise<HolderRow[]> {
      if (bySpecialism.size === 0) return [];
      const found = await tx.run(localities ? LOCAL_HOLDERS : ANY_HOLDERS, {
        specialisms: [...bySpecialism.keys()],
        localities,
        age: neo4j.int(age),
        asOf: dayOf(asOf),
        cap: neo4j.int(HOLDERS_CAP),
      });
      const perNeed = new Map<string, Array<Omit<HolderRow, 'name' | 'profession' | 'agencyName' | 'capacity' | 'lastVerifiedAt'>>>();
      for (const r of found.records) {
        const practitionerId = r.get('practitionerId') as string;
        const level = r.get('level') as string;
        const served = r.get('served') as string[];
        for (const s of bySpecialism.get(r.get('specialismId') as string) ?? []) {
          const list = perNeed.get(s.needId) ?? [];
          list.push({ needId: s.needId, practitionerId, specialismName: s.name, match: s.match, level, addressedBy: s.addressedBy, served });
          perNeed.set(s.needId, list);
        }
      }
      const chosen = [...perNeed.values()].flatMap((list) =>
        list
          .sort(
            (a, b) =>
              b.match - a.match ||
              (LEVEL_RANK[a.level] ?? 2) - (LEVEL_RANK[b.level] ?? 2) ||
              (a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : 0),
          )
          .slice(0, limit),
      );
      const details = await tx.run(HOLDER_DETAILS, { ids: [...new Set(chosen.map((c) => c.practitionerId))] });
      const byId = new Map(details.records.map((r) => [r.get('id') as string, r.toObject()]));
      return chosen.map((c) => {
        const d = byId.get(c.practitionerId)!;
        return {
          ...c,
          name: d.name as string,
          profession: d.profession as string,
          agencyName: (d.agencyName as string | null) ?? null,
          capacity: d.capacity as string,
          lastVerifiedAt: (d.lastVerifiedAt as string | null) ?? null,
        };
      });
    },

    /** Of the given specialisms, those someone of the child's age holds, anywhere. */
    async heldSpecialisms(specialismIds: readonly string[], age: number, asOf: string | undefined): Promise<Set<string>> {
      if (specialismIds.length === 0) return new Set();
      const r = await tx.run(HELD_SPECIALISMS, { specialisms: specialismIds, age: neo4j.int(age), asOf: dayOf(asOf) });
      return new Set(r.records.map((x) => x.get('id') as string));
    },

    /** Recorded joint work on a need per (practitioner, need): count and most recent date. */
    async needEvidence(pairs: Array<{ practitionerId: string; needId: string }>, asOf: string | undefined) {
      if (pairs.length === 0) return new Map<string, { collaborations: number; lastOn: string | null }>();
      return (async () => {
        const r = await tx.run(
          `UNWIND $pairs AS pair
           MATCH (p:Practitioner {id: pair.practitionerId})-[:PARTICIPATED_IN]->(c:Collaboration)-[:ADDRESSED]->(n:Need {id: pair.needId})
           WHERE c.startedOn <= $asOf AND c.confirmation IS NULL
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
            .slice(0, REQUESTER_NEIGHBOURS)
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

    /**
     * Runs a suggestion's queries with ids that match nothing and lists of the sizes suggestions pass, so that
     * Neo4j plans them now rather than in the first suggestion after a start (over half a second at 100k).
     */
    async warmUp(): Promise<void> {
      const common = { age: neo4j.int(9), asOf: dayOf(undefined), cap: neo4j.int(HOLDERS_CAP) };
      for (const size of [3, 30, 300]) {
        const ids = unmatchedIds(size);
        await db.read(async (tx) => {
          const ops = teamOps(tx);
          await ops.needs(ids.slice(0, 3));
          await ops.localities();
          await tx.run(NEED_SPECIALISMS, { needs: ids.slice(0, 3) });
          await tx.run(LOCAL_HOLDERS, { ...common, specialisms: ids, localities: ids.slice(0, 3) });
          await tx.run(ANY_HOLDERS, { ...common, specialisms: ids, localities: null });
          await tx.run(HOLDER_DETAILS, { ids });
          await tx.run(HELD_SPECIALISMS, { ...common, specialisms: ids });
          await ops.needEvidence(ids.map((id) => ({ practitionerId: id, needId: id })), undefined);
          await ops.teamTies(ids[0]!, ids, undefined);
        });
      }
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
