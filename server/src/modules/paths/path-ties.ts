import { TieGraph } from '../../graph/paths.js';
import { type TieEvidence, noEvidence, tieStrength } from '../../graph/tie-strength.js';
import { asOfDate, pairKey, type Tie, type TieSet } from '../graph/ties.repository.js';

/** One practitioner's ties as read by the paths queries: [id, name, collab [[partner, dates]], knows, forums, agencies]. */
export type TieRow = [
  string,
  string,
  Array<[string, string[]]>,
  string[],
  Array<[string, string[]]>,
  Array<[string, string[]]>,
];

export type PathTieSet = TieSet;

type MutableEvidence = { collaborationDates: string[]; knows: boolean; sharedForums: string[]; sameAgency: string | null };

/**
 * The tie set of one path search, built from the rows of the paths queries with the same evidence rules as
 * ties.repository's loadTies (collaborations counted once per pair, KNOWS from either side, forums merged by name,
 * the first shared agency), and an adjacency index so the beam and the search never scan every tie.
 */
export class PathTieBuilder implements TieSet {
  readonly ties = new Map<string, Tie>();
  readonly names = new Map<string, string>();
  readonly collabCounted = new Set<string>();
  private readonly adj = new Map<string, Map<string, Tie>>();
  private readonly when: Date;
  private readonly decayByDate = new Map<string, number>();
  private readonly touched = new Set<Tie>();

  constructor(asOf?: string) {
    this.when = asOfDate(asOf);
  }

  private evidenceOf(a: string, b: string): MutableEvidence {
    const key = pairKey(a, b);
    let tie = this.ties.get(key);
    if (!tie) {
      tie = { a: a < b ? a : b, b: a < b ? b : a, evidence: noEvidence(), strength: 0 };
      this.ties.set(key, tie);
      this.link(a, b, tie);
      this.link(b, a, tie);
    }
    this.touched.add(tie);
    return tie.evidence as MutableEvidence;
  }

  private link(a: string, b: string, tie: Tie) {
    let m = this.adj.get(a);
    if (!m) this.adj.set(a, (m = new Map()));
    m.set(b, tie);
  }

  private collaborations(a: string, b: string, dates: readonly string[]) {
    const key = pairKey(a, b);
    if (this.collabCounted.has(key)) return;
    this.collabCounted.add(key);
    if (dates.length > 0) this.evidenceOf(a, b).collaborationDates.push(...dates);
  }

  private forum(a: string, b: string, forum: string) {
    const ev = this.evidenceOf(a, b);
    if (!ev.sharedForums.includes(forum)) ev.sharedForums.push(forum);
  }

  private finish() {
    for (const tie of this.touched) tie.strength = tieStrength(tie.evidence as TieEvidence, this.when, this.decayByDate);
    this.touched.clear();
  }

  /** Tie rows (the start and the targets): every tie they list, or those between pairs `keep` accepts. */
  addRows(rows: readonly TieRow[], keep?: (a: string, b: string) => boolean): void {
    for (const [p, name, collab, knows, forums, agencies] of rows) {
      this.names.set(p, name);
      const ok = keep ? (q: string) => keep(p, q) : () => true;
      for (const [q, dates] of collab) if (ok(q)) this.collaborations(p, q, dates);
      for (const q of knows) if (ok(q)) this.evidenceOf(p, q).knows = true;
      for (const [forum, qs] of forums) for (const q of qs) if (ok(q)) this.forum(p, q, forum);
      for (const [agency, qs] of agencies) for (const q of qs) if (ok(q)) this.evidenceOf(p, q).sameAgency ??= agency;
    }
    this.finish();
  }

  /**
   * The beam's tie rows (level 2), keeping only ties that can be an inner tie of a simple path of ≤ 4 hops from
   * `from` to a target (most of a practitioner's ties lead nowhere near the other end; scoring them and searching
   * through them cost more than reading them). With A* / B* the practitioners tied to the start / to a target and
   * N(X) those tied to someone in X, every inner tie of start–n1–n2–target or start–n1–n2–n3–target joins
   * n1 ∈ A* to n2 ∈ B* ∪ N(B*), or n2 ∈ N(A*) to n3 ∈ B*; a tie to an end is always kept. A beam member whose row
   * lists an end joins A* / B* (the weak-tie caps can make a tie visible from one side only).
   */
  addBeamRows(rows: readonly TieRow[], from: string, targets: readonly string[]): void {
    const ends = new Set([from, ...targets]);
    const inA = this.neighbourIds([from]);
    const inB = this.neighbourIds(targets);
    const partners = rows.map(([, , collab, knows, forums, agencies]) => {
      const out: string[] = [];
      for (const [q] of collab) out.push(q);
      out.push(...knows);
      for (const [, qs] of forums) out.push(...qs);
      for (const [, qs] of agencies) out.push(...qs);
      return out;
    });
    rows.forEach(([p], i) => {
      for (const q of partners[i]!) {
        if (q === from) inA.add(p);
        else if (ends.has(q)) inB.add(p);
      }
    });
    const nearA = new Set<string>();
    const nearB = new Set<string>();
    rows.forEach(([p], i) => {
      const pA = inA.has(p);
      const pB = inB.has(p);
      for (const q of partners[i]!) {
        if (pA) nearA.add(q);
        if (pB) nearB.add(q);
        if (inA.has(q)) nearA.add(p);
        if (inB.has(q)) nearB.add(p);
      }
    });
    const keep = (u: string, v: string) =>
      ends.has(u) ||
      ends.has(v) ||
      (inA.has(u) && (inB.has(v) || nearB.has(v))) ||
      (inA.has(v) && (inB.has(u) || nearB.has(u))) ||
      (inB.has(u) && nearA.has(v)) ||
      (inB.has(v) && nearA.has(u));
    this.addRows(rows, keep);
  }

  /** Practitioners tied to any of `ids` (excluding nothing). */
  neighbourIds(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of ids) for (const n of this.adj.get(id)?.keys() ?? []) out.add(n);
    return out;
  }

  /**
   * The `beam` strongest neighbours of `ids` (each scored by its strongest tie to one of them), leaving out `done`;
   * strongest first, then by id.
   */
  strongestNeighbours(ids: readonly string[], done: ReadonlySet<string>, beam: number): string[] {
    const scores = new Map<string, number>();
    for (const id of ids)
      for (const [n, tie] of this.adj.get(id) ?? [])
        if (!done.has(n)) scores.set(n, Math.max(scores.get(n) ?? 0, tie.strength));
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, beam)
      .map(([id]) => id);
  }

  /**
   * The search graph: every tie, less those to a practitioner with no other tie who is not an end (a dead end
   * can be on no path, so leaving it out changes no answer and no bound of the search).
   */
  graph(ends: ReadonlySet<string>): TieGraph {
    const g = new TieGraph();
    const live = (id: string) => ends.has(id) || (this.adj.get(id)?.size ?? 0) > 1;
    for (const t of this.ties.values()) if (live(t.a) && live(t.b)) g.addTie(t.a, t.b, t.strength);
    return g;
  }
}
