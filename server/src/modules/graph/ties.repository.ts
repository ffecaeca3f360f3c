import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { type TieEvidence, noEvidence, tieStrength } from '../../graph/tie-strength.js';

/**
 * Derives practitioner–practitioner ties around given practitioners with bounded Cypher (one expansion step from
 * each id through collaborations, KNOWS, forums and agencies — never a global scan). Used by paths, team,
 * onboarding and the neighbourhood walk; the formula that turns evidence into strength is graph/tie-strength.ts.
 */

export interface Tie {
  a: string;
  b: string;
  evidence: TieEvidence;
  strength: number;
}

export interface TieSet {
  ties: Map<string, Tie>;
  /** Names of the practitioners whose ties were loaded (or added with loadNames). */
  names: Map<string, string>;
  /**
   * Pairs whose shared collaborations have been counted. Every load returns ALL shared collaborations of a pair it
   * reports (collaborations are never capped), so a pair counted once is complete and later loads skip it.
   */
  collabCounted: Set<string>;
}

export const emptyTieSet = (): TieSet => ({ ties: new Map(), names: new Map(), collabCounted: new Set() });

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Today as YYYY-MM-DD, or the given date. */
export const dayOf = (asOf?: string) => asOf ?? new Date().toISOString().slice(0, 10);
/** End of the given day as a Date (evidence dated that day counts). */
export const asOfDate = (asOf?: string) => (asOf ? new Date(`${asOf}T23:59:59.999Z`) : new Date());

/** The date a collaboration counts from for recency: its end, else its start; never after asOf. */
export function collaborationDate(startedOn: string, endedOn: string | null, asOf: string): string {
  const d = endedOn && endedOn <= asOf ? endedOn : startedOn;
  return d > asOf ? asOf : d;
}

/** Cypher for collaborationDate on `c` (rows are already filtered to c.startedOn <= $asOf). */
export const COLLAB_DATE = `CASE WHEN c.endedOn IS NOT NULL AND c.endedOn <= $asOf THEN c.endedOn ELSE c.startedOn END`;

/** Practitioners who share a forum (or agency) with `p`, at most $cap, grouped by its name; fixed labels only. */
const sharedMembership = (rel: 'ATTENDS' | 'WORKS_FOR', label: 'Forum' | 'Agency', as: 'forums' | 'agencies') => `
  CALL (p) {
    CALL (p) {
      MATCH (p)-[r1:${rel}]->(g:${label})<-[r2:${rel}]-(q:Practitioner)
      WHERE q <> p AND coalesce(r1.since, '') <= $asOf AND coalesce(r2.since, '') <= $asOf
      RETURN q, g LIMIT $cap
    }
    WITH g, collect(q.id) AS qs
    RETURN collect([g.name, qs]) AS ${as}
  }`;

/**
 * A practitioner `p`'s ties to anyone, as one compact row: collaboration partners with the dates of their shared work
 * and KNOWS partners (never capped), forum co-attendees and agency colleagues (at most $cap each), grouped by forum
 * and agency name. Used by TIE_QUERY and inside the paths' first query.
 * PARTICIPATED_IN always joins a Practitioner to a Collaboration (graph-schema relationships), so its ends carry no
 * label checks, and each collaboration's date is read once, not once per partner.
 */
export const TIE_ROW_CALLS = `
  CALL (p) {
    MATCH (p)-[:PARTICIPATED_IN]->(c)
    WHERE c.startedOn <= $asOf AND c.confirmation IS NULL
    WITH c, ${COLLAB_DATE} AS date
    MATCH (c)<-[:PARTICIPATED_IN]-(q)
    WHERE q <> p
    WITH q, collect(date) AS dates
    RETURN collect([q.id, dates]) AS collab
  }
  CALL (p) {
    MATCH (p)-[k:KNOWS]-(q:Practitioner)
    WHERE q <> p AND coalesce(k.since, '') <= $asOf
    RETURN collect(DISTINCT q.id) AS knows
  }
${sharedMembership('ATTENDS', 'Forum', 'forums')}
${sharedMembership('WORKS_FOR', 'Agency', 'agencies')}`;

/**
 * Ties of each practitioner to anyone, one compact row per practitioner (few, small values: decoding thousands of
 * rows costs more than the expansion itself).
 */
export const TIE_QUERY = `
UNWIND $ids AS pid
MATCH (p:Practitioner {id: pid})
${TIE_ROW_CALLS}
RETURN p.id AS pid, p.name AS pname, collab, knows, forums, agencies`;

/**
 * A practitioner's forums, agencies and KNOWS partners as [type, name or id] pairs (ties among a set intersect
 * these in JS), read in one pass over the practitioner's relationships.
 */
const MEMBERSHIP = `{
    id: p.id, name: p.name,
    links: [(p)-[r:ATTENDS|WORKS_FOR|KNOWS]-(x) WHERE coalesce(r.since, '') <= $asOf AND x <> p
            AND (type(r) <> 'KNOWS' OR x:Practitioner) AND (type(r) = 'KNOWS' OR startNode(r) = p)
            | [type(r), CASE type(r) WHEN 'KNOWS' THEN x.id ELSE x.name END]]
  }`;

/**
 * Restricted mode, one round trip: collaborations shared by members of $ids, and every member's memberships.
 * Collaborations are grouped before any property is read: only the few shared ones have their dates read.
 */
const TIES_AMONG_QUERY = `
CALL () {
  UNWIND $ids AS pid
  MATCH (:Practitioner {id: pid})-[:PARTICIPATED_IN]->(c)
  WITH c, collect(DISTINCT pid) AS members
  WHERE size(members) > 1 AND c.startedOn <= $asOf AND c.confirmation IS NULL
  RETURN collect([members, ${COLLAB_DATE}]) AS shared
}
CALL () {
  UNWIND $ids AS pid
  MATCH (p:Practitioner {id: pid})
  RETURN collect(${MEMBERSHIP}) AS memberships
}
RETURN shared, memberships`;

const NAMES_QUERY = `UNWIND $ids AS pid MATCH (p:Practitioner {id: pid}) RETURN p.id AS id, p.name AS name`;

type MutableEvidence = { collaborationDates: string[]; knows: boolean; sharedForums: string[]; sameAgency: string | null };

/** The tie-set under construction: evidence is added per pair, strengths recomputed for touched pairs at the end. */
function tieWriter(into: TieSet) {
  const touched = new Set<string>();
  const evidenceOf = (a: string, b: string): MutableEvidence => {
    const key = pairKey(a, b);
    let tie = into.ties.get(key);
    if (!tie) {
      tie = { a: a < b ? a : b, b: a < b ? b : a, evidence: noEvidence(), strength: 0 };
      into.ties.set(key, tie);
    }
    touched.add(key);
    return tie.evidence as MutableEvidence;
  };
  return {
    /** All shared collaborations of a pair, once per pair across loads. */
    collaborations(a: string, b: string, dates: readonly string[]) {
      const key = pairKey(a, b);
      if (into.collabCounted.has(key)) return;
      into.collabCounted.add(key);
      if (dates.length > 0) evidenceOf(a, b).collaborationDates.push(...dates);
    },
    knows(a: string, b: string) {
      evidenceOf(a, b).knows = true;
    },
    forum(a: string, b: string, forum: string) {
      const ev = evidenceOf(a, b);
      if (!ev.sharedForums.includes(forum)) ev.sharedForums.push(forum);
    },
    agency(a: string, b: string, agency: string) {
      evidenceOf(a, b).sameAgency ??= agency;
    },
    finish(when: Date) {
      const decayByDate = new Map<string, number>();
      for (const key of touched) {
        const tie = into.ties.get(key)!;
        tie.strength = tieStrength(tie.evidence, when, decayByDate);
      }
    },
  };
}

/**
 * Ties of each practitioner in `ids` (to anyone, or only to practitioners in `restrictTo`), as of `asOf`.
 * Unrestricted: forum and same-agency ties are capped at `cap` per practitioner (large forums and agencies would
 * otherwise turn one expansion into thousands of weak ties); collaboration and KNOWS ties are never capped.
 * Restricted: every tie between an id and a member of the set, from each member's own lists (no cap needed);
 * with `collaboratorsOnly`, only pairs who share a collaboration (with all their evidence: KNOWS, forums, agency).
 */
export async function loadTies(
  tx: ManagedTransaction,
  ids: readonly string[],
  options: { asOf?: string; restrictTo?: readonly string[]; collaboratorsOnly?: boolean; cap?: number } = {},
  into: TieSet = emptyTieSet(),
): Promise<TieSet> {
  if (ids.length === 0) return into;
  const asOf = dayOf(options.asOf);
  const writer = tieWriter(into);
  if (options.restrictTo)
    await loadTiesAmong(tx, ids, options.restrictTo, asOf, writer, into, options.collaboratorsOnly ?? false);
  else {
    const res = await tx.run(TIE_QUERY, { ids: [...new Set(ids)], asOf, cap: neo4j.int(options.cap ?? 60) });
    for (const r of res.records) {
      const p = r.get('pid') as string;
      into.names.set(p, r.get('pname') as string);
      for (const [q, dates] of r.get('collab') as Array<[string, string[]]>) writer.collaborations(p, q, dates);
      for (const q of r.get('knows') as string[]) writer.knows(p, q);
      for (const [forum, qs] of r.get('forums') as Array<[string, string[]]>) for (const q of qs) writer.forum(p, q, forum);
      for (const [agency, qs] of r.get('agencies') as Array<[string, string[]]>)
        for (const q of qs) writer.agency(p, q, agency);
    }
  }
  writer.finish(asOfDate(options.asOf));
  return into;
}

interface Membership {
  id: string;
  name: string;
  links: Array<['ATTENDS' | 'WORKS_FOR' | 'KNOWS', string]>;
}

function pairsOfSharedCollaborations(
  shared: ReadonlyArray<{ members: readonly string[]; date: string }>,
  wanted: (a: string, b: string) => boolean,
) {
  const datesByPair = new Map<string, { a: string; b: string; dates: string[] }>();
  for (const { members, date } of shared)
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (!wanted(a, b)) continue;
        const key = pairKey(a, b);
        const entry = datesByPair.get(key) ?? { a, b, dates: [] };
        entry.dates.push(date);
        datesByPair.set(key, entry);
      }
  return datesByPair;
}


function addTo(groups: Map<string, string[]>, key: string, id: string) {
  const list = groups.get(key);
  if (list) list.push(id);
  else groups.set(key, [id]);
}


function addMembershipTies(
  members: readonly Membership[],
  wanted: (a: string, b: string) => boolean,
  writer: ReturnType<typeof tieWriter>,
  into: TieSet,
) {
  const byForum = new Map<string, string[]>();
  const byAgency = new Map<string, string[]>();
  for (const { id, name, links } of members) {
    into.names.set(id, name);
    const forums = new Set<string>();
    const agencies = new Set<string>();
    for (const [type, value] of links) {
      if (type === 'ATTENDS') forums.add(value);
      else if (type === 'WORKS_FOR') agencies.add(value);
      else if (wanted(id, value)) writer.knows(id, value);
    }
    for (const f of forums) addTo(byForum, f, id);
    for (const g of agencies) addTo(byAgency, g, id);
  }
  for (const [forum, list] of byForum) for (const a of list) for (const b of list) if (wanted(a, b)) writer.forum(a, b, forum);
  for (const [agency, list] of byAgency) for (const a of list) for (const b of list) if (wanted(a, b)) writer.agency(a, b, agency);
}

/** Membership evidence for the given pairs only: linear in pairs, not quadratic in forum and agency sizes. */
function addMembershipTiesOfPairs(
  members: readonly Membership[],
  pairs: Iterable<{ a: string; b: string }>,
  writer: ReturnType<typeof tieWriter>,
  into: TieSet,
) {
  const linksOf = new Map<string, Membership['links']>();
  for (const { id, name, links } of members) {
    into.names.set(id, name);
    linksOf.set(id, links);
  }
  for (const { a, b } of pairs) {
    const ofB = linksOf.get(b) ?? [];
    for (const [type, value] of linksOf.get(a) ?? []) {
      if (type === 'KNOWS') {
        if (value === b) writer.knows(a, b);
      } else if (ofB.some(([t, v]) => t === type && v === value)) {
        if (type === 'ATTENDS') writer.forum(a, b, value);
        else writer.agency(a, b, value);
      }
    }
    if (ofB.some(([t, v]) => t === 'KNOWS' && v === a)) writer.knows(a, b);
  }
}

async function loadTiesAmong(
  tx: ManagedTransaction,
  ids: readonly string[],
  restrictTo: readonly string[],
  asOf: string,
  writer: ReturnType<typeof tieWriter>,
  into: TieSet,
  collaboratorsOnly: boolean,
) {
  const idSet = new Set(ids);
  const restrict = new Set(restrictTo);
  const everyone = [...new Set([...ids, ...restrictTo])];
  /** A pair this load reports: one end among `ids`, the other in the restricting set. */
  const wanted = (a: string, b: string) => a !== b && ((idSet.has(a) && restrict.has(b)) || (idSet.has(b) && restrict.has(a)));
  const row = (await tx.run(TIES_AMONG_QUERY, { ids: everyone, asOf })).records[0];
  if (!row) return;
  const pairs = pairsOfSharedCollaborations(
    (row.get('shared') as Array<[string[], string]>).map(([members, date]) => ({ members, date })),
    wanted,
  );
  for (const { a, b, dates } of pairs.values()) writer.collaborations(a, b, dates);
  const members = row.get('memberships') as Membership[];
  if (collaboratorsOnly) addMembershipTiesOfPairs(members, pairs.values(), writer, into);
  else addMembershipTies(members, wanted, writer, into);
}

/** Adds to `names` the given practitioners it does not name yet. */
export async function loadNames(tx: ManagedTransaction, ids: readonly string[], names: Map<string, string>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  if (missing.length === 0) return;
  const r = await tx.run(NAMES_QUERY, { ids: missing });
  for (const x of r.records) names.set(x.get('id') as string, x.get('name') as string);
}

/** Neighbours of one practitioner in a tie set, strongest first. */
export function neighboursOf(set: TieSet, id: string): Array<{ id: string; strength: number }> {
  const out: Array<{ id: string; strength: number }> = [];
  for (const t of set.ties.values()) {
    if (t.a === id) out.push({ id: t.b, strength: t.strength });
    else if (t.b === id) out.push({ id: t.a, strength: t.strength });
  }
  return out.sort((x, y) => y.strength - x.strength || (x.id < y.id ? -1 : 1));
}
