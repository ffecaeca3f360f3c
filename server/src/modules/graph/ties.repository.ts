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
  names: Map<string, string>;
  /** Collaboration ids already counted per pair (so repeated loads never double count). */
  collabIds: Map<string, Set<string>>;
}

export const emptyTieSet = (): TieSet => ({ ties: new Map(), names: new Map(), collabIds: new Map() });

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

export const TIE_QUERY = `
UNWIND $ids AS pid
MATCH (p:Practitioner {id: pid})
CALL (p) {
  MATCH (p)-[:PARTICIPATED_IN]->(c:Collaboration)<-[:PARTICIPATED_IN]-(q:Practitioner)
  WHERE q <> p AND c.startedOn <= $asOf AND ($restrict IS NULL OR q.id IN $restrict)
  RETURN q, 'collab' AS kind, collect([c.id, c.startedOn, c.endedOn]) AS vals
  UNION ALL
  MATCH (p)-[k:KNOWS]-(q:Practitioner)
  WHERE q <> p AND coalesce(k.since, '') <= $asOf AND ($restrict IS NULL OR q.id IN $restrict)
  RETURN q, 'knows' AS kind, [[coalesce(k.since, '')]] AS vals
  UNION ALL
  CALL (p) {
    MATCH (p)-[a1:ATTENDS]->(f:Forum)<-[a2:ATTENDS]-(q:Practitioner)
    WHERE q <> p AND coalesce(a1.since, '') <= $asOf AND coalesce(a2.since, '') <= $asOf
      AND ($restrict IS NULL OR q.id IN $restrict)
    RETURN q, f LIMIT $cap
  }
  RETURN q, 'forum' AS kind, collect([f.name]) AS vals
  UNION ALL
  CALL (p) {
    MATCH (p)-[w1:WORKS_FOR]->(g:Agency)<-[w2:WORKS_FOR]-(q:Practitioner)
    WHERE q <> p AND coalesce(w1.since, '') <= $asOf AND coalesce(w2.since, '') <= $asOf
      AND ($restrict IS NULL OR q.id IN $restrict)
    RETURN q, g LIMIT $cap
  }
  RETURN q, 'team' AS kind, collect([g.name]) AS vals
}
RETURN p.id AS pid, p.name AS pname, q.id AS qid, q.name AS qname, kind, vals`;

/**
 * Ties among a known set (restricted mode): collaborations and KNOWS inside the set from Cypher; shared forums and
 * agencies by intersecting each member's own lists in JS — never walking a big forum's or agency's membership.
 */
const TIES_AMONG_QUERY = `
UNWIND $ids AS pid
MATCH (p:Practitioner {id: pid})
CALL (p) {
  MATCH (p)-[:PARTICIPATED_IN]->(c:Collaboration)<-[:PARTICIPATED_IN]-(q:Practitioner)
  WHERE q <> p AND c.startedOn <= $asOf AND q.id IN $restrict
  RETURN q, 'collab' AS kind, collect([c.id, c.startedOn, c.endedOn]) AS vals
  UNION ALL
  MATCH (p)-[k:KNOWS]-(q:Practitioner)
  WHERE q <> p AND coalesce(k.since, '') <= $asOf AND q.id IN $restrict
  RETURN q, 'knows' AS kind, [[coalesce(k.since, '')]] AS vals
}
RETURN p.id AS pid, p.name AS pname, q.id AS qid, q.name AS qname, kind, vals`;

const MEMBERSHIP_QUERY = `
UNWIND $ids AS pid
MATCH (p:Practitioner {id: pid})
RETURN p.id AS id, p.name AS name,
       [(p)-[a:ATTENDS]->(f:Forum) WHERE coalesce(a.since, '') <= $asOf | f.name] AS forums,
       [(p)-[w:WORKS_FOR]->(g:Agency) WHERE coalesce(w.since, '') <= $asOf | g.name] AS agencies`;

/**
 * Ties of each practitioner in `ids` (to anyone, or only to practitioners in `restrictTo`), as of `asOf`.
 * Forum and same-agency ties are capped at `cap` per practitioner (large forums and agencies would otherwise
 * turn one expansion into thousands of weak ties); collaboration and KNOWS ties are never capped.
 */
export async function loadTies(
  tx: ManagedTransaction,
  ids: readonly string[],
  options: { asOf?: string; restrictTo?: readonly string[]; cap?: number } = {},
  into: TieSet = emptyTieSet(),
): Promise<TieSet> {
  if (ids.length === 0) return into;
  const asOf = dayOf(options.asOf);
  const when = asOfDate(options.asOf);
  const restricted = Boolean(options.restrictTo);
  const res = await tx.run(restricted ? TIES_AMONG_QUERY : TIE_QUERY, {
    ids: [...new Set(ids)],
    asOf,
    restrict: options.restrictTo ? [...options.restrictTo] : null,
    cap: neo4j.int(options.cap ?? 60),
  });
  const touched = new Set<string>();
  for (const r of res.records) {
    const pid = r.get('pid') as string;
    const qid = r.get('qid') as string;
    into.names.set(pid, r.get('pname') as string);
    into.names.set(qid, r.get('qname') as string);
    const key = pairKey(pid, qid);
    let tie = into.ties.get(key);
    if (!tie) {
      tie = { a: pid < qid ? pid : qid, b: pid < qid ? qid : pid, evidence: noEvidence(), strength: 0 };
      into.ties.set(key, tie);
    }
    touched.add(key);
    const vals = r.get('vals') as Array<Array<string | null>>;
    const ev = tie.evidence as { collaborationDates: string[]; knows: boolean; sharedForums: string[]; sameAgency: string | null };
    switch (r.get('kind') as string) {
      case 'collab': {
        let seen = into.collabIds.get(key);
        if (!seen) {
          seen = new Set();
          into.collabIds.set(key, seen);
        }
        for (const [id, started, ended] of vals) {
          if (seen.has(id!)) continue;
          seen.add(id!);
          ev.collaborationDates.push(collaborationDate(started!, ended ?? null, asOf));
        }
        break;
      }
      case 'knows':
        ev.knows = true;
        break;
      case 'forum':
        for (const [name] of vals) if (!ev.sharedForums.includes(name!)) ev.sharedForums.push(name!);
        break;
      case 'team':
        ev.sameAgency = vals[0]?.[0] ?? ev.sameAgency;
        break;
    }
  }
  if (restricted) {
    // Shared forums and same agency between every id and every member of the set, from membership lists.
    const everyone = [...new Set([...ids, ...options.restrictTo!])];
    const m = await tx.run(MEMBERSHIP_QUERY, { ids: everyone, asOf });
    const members = new Map(
      m.records.map((r) => [
        r.get('id') as string,
        { name: r.get('name') as string, forums: r.get('forums') as string[], agencies: r.get('agencies') as string[] },
      ]),
    );
    const byForum = new Map<string, string[]>();
    const byAgency = new Map<string, string[]>();
    for (const [id, x] of members) {
      into.names.set(id, x.name);
      for (const f of new Set(x.forums)) byForum.set(f, [...(byForum.get(f) ?? []), id]);
      for (const a of new Set(x.agencies)) byAgency.set(a, [...(byAgency.get(a) ?? []), id]);
    }
    const idSet = new Set(ids);
    const tieOf = (a: string, b: string) => {
      const key = pairKey(a, b);
      let tie = into.ties.get(key);
      if (!tie) {
        tie = { a: a < b ? a : b, b: a < b ? b : a, evidence: noEvidence(), strength: 0 };
        into.ties.set(key, tie);
      }
      touched.add(key);
      return tie.evidence as unknown as { sharedForums: string[]; sameAgency: string | null };
    };
    for (const [forum, list] of byForum)
      for (const a of list)
        if (idSet.has(a))
          for (const b of list) {
            if (a === b) continue;
            const ev = tieOf(a, b);
            if (!ev.sharedForums.includes(forum)) ev.sharedForums.push(forum);
          }
    for (const [agency, list] of byAgency)
      for (const a of list)
        if (idSet.has(a))
          for (const b of list) if (a !== b) tieOf(a, b).sameAgency ??= agency;
  }
  for (const key of touched) {
    const tie = into.ties.get(key)!;
    tie.strength = tieStrength(tie.evidence, when);
  }
  return into;
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
