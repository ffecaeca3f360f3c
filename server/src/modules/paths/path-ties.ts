import type { WeightedTieGraph } from '../../graph/paths.js';
import { noEvidence, tieStrength } from '../../graph/tie-strength.js';
import { asOfDate, type Tie } from '../graph/ties.repository.js';

/** One practitioner's ties as read by the paths queries: [id, name, collab [[partner, dates]], knows, forums, agencies]. */
export type TieRow = [
  string,
  string,
  Array<[string, string[]]>,
  string[],
  Array<[string, string[]]>,
  Array<[string, string[]]>,
];

const END = 1;
const IN_A = 2;
const IN_B = 4;
const NEAR_A = 8;
const NEAR_B = 16;

interface PathTie extends Tie {
  evidence: { collaborationDates: string[]; knows: boolean; sharedForums: string[]; sameAgency: string | null };
  /** The pair's shared collaborations are in (every row lists all of them, so once is complete). */
  counted: boolean;
  /** Evidence added since the strength was last computed. */
  dirty: boolean;
}

/**
 * The tie set of one path search, built from the rows of the paths queries with the same evidence rules as
 * ties.repository's loadTies (collaborations counted once per pair, KNOWS from either side, forums merged by name,
 * the first shared agency). Ties live in an adjacency index (practitioner → partner → tie), which the beam, the
 * filters and the search read directly.
 */
export class PathTieBuilder {
  readonly names = new Map<string, string>();
  private readonly adj = new Map<string, Map<string, PathTie>>();
  private readonly when: Date;
  private readonly decayByDate = new Map<string, number>();
  private dirty: PathTie[] = [];

  constructor(asOf?: string) {
    this.when = asOfDate(asOf);
  }

  /** The tie between two practitioners, if any was read. */
  tie(a: string, b: string): Tie | undefined {
    return this.adj.get(a)?.get(b);
  }

  private partnersOf(id: string): Map<string, PathTie> {
    let m = this.adj.get(id);
    if (!m) this.adj.set(id, (m = new Map()));
    return m;
  }

  /** The tie between `p` (whose partner map is `mine`) and `q`, created if new, marked for re-scoring. */
  private tieOf(p: string, mine: Map<string, PathTie>, q: string): PathTie {
    let tie = mine.get(q);
    if (!tie) {
      tie = { a: p < q ? p : q, b: p < q ? q : p, evidence: noEvidence() as PathTie['evidence'], strength: 0, counted: false, dirty: false };
      mine.set(q, tie);
      this.partnersOf(q).set(p, tie);
    }
    if (!tie.dirty) {
      tie.dirty = true;
      this.dirty.push(tie);
    }
    return tie;
  }

  /** Scores the ties with new evidence (tie-strength.ts's formula; each date's decay computed once per search). */
  private finish() {
    for (const tie of this.dirty) {
      tie.strength = tieStrength(tie.evidence, this.when, this.decayByDate);
      tie.dirty = false;
    }
    this.dirty = [];
  }

  /** Tie rows (the start and the targets): every tie they list, or those with the partners `keep(p)` accepts. */
  addRows(rows: readonly TieRow[], keepFor?: (p: string) => (q: string) => boolean): void {
    for (const [p, name, collab, knows, forums, agencies] of rows) {
      this.names.set(p, name);
      const mine = this.partnersOf(p);
      const keep = keepFor?.(p);
      for (const [q, dates] of collab) {
        if (q === p || (keep && !keep(q))) continue;
        const tie = this.tieOf(p, mine, q);
        if (!tie.counted) {
          tie.counted = true;
          tie.evidence.collaborationDates.push(...dates);
        }
      }
      for (const q of knows) if (q !== p && (!keep || keep(q))) this.tieOf(p, mine, q).evidence.knows = true;
      for (const [forum, qs] of forums)
        for (const q of qs) {
          if (q === p || (keep && !keep(q))) continue;
          const shared = this.tieOf(p, mine, q).evidence.sharedForums;
          if (!shared.includes(forum)) shared.push(forum);
        }
      for (const [agency, qs] of agencies)
        for (const q of qs) if (q !== p && (!keep || keep(q))) this.tieOf(p, mine, q).evidence.sameAgency ??= agency;
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
    // One bit set per practitioner: END, IN_A (A*), IN_B (B*), NEAR_A (N(A*)), NEAR_B (N(B*)).
    const flags = new Map<string, number>();
    const mark = (id: string, bit: number) => flags.set(id, (flags.get(id) ?? 0) | bit);
    for (const n of this.adj.get(from)?.keys() ?? []) mark(n, IN_A);
    for (const t of targets) for (const n of this.adj.get(t)?.keys() ?? []) mark(n, IN_B);
    mark(from, END);
    for (const t of targets) mark(t, END);
    const eachPartner = (row: TieRow, f: (q: string) => void) => {
      for (const [q] of row[2]) f(q);
      for (const q of row[3]) f(q);
      for (const [, qs] of row[4]) for (const q of qs) f(q);
      for (const [, qs] of row[5]) for (const q of qs) f(q);
    };
    for (const row of rows) {
      const p = row[0];
      eachPartner(row, (q) => {
        if (q === from) mark(p, IN_A);
        else if ((flags.get(q) ?? 0) & END) mark(p, IN_B);
      });
    }
    for (const row of rows) {
      const p = row[0];
      const fp = flags.get(p) ?? 0;
      let near = 0;
      eachPartner(row, (q) => {
        const fq = flags.get(q) ?? 0;
        const add = (fp & IN_A ? NEAR_A : 0) | (fp & IN_B ? NEAR_B : 0);
        if (add && (fq & add) !== add) flags.set(q, fq | add);
        near |= (fq & IN_A ? NEAR_A : 0) | (fq & IN_B ? NEAR_B : 0);
      });
      if (near) mark(p, near);
    }
    const keepFor = (p: string) => {
      const fp = flags.get(p) ?? 0;
      return (q: string) => {
        const fq = flags.get(q) ?? 0;
        return Boolean(
          fp & END ||
            fq & END ||
            (fp & IN_A && fq & (IN_B | NEAR_B)) ||
            (fq & IN_A && fp & (IN_B | NEAR_B)) ||
            (fp & IN_B && fq & NEAR_A) ||
            (fq & IN_B && fp & NEAR_A),
        );
      };
    };
    this.addRows(rows, keepFor);
  }

  /** Practitioners tied to any of `ids`. */
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
   * The search graph over these ties, less the ties to a practitioner with no other tie who is not an end (a dead
   * end can be on no path, so leaving it out changes no answer and no bound of the search). Neighbour lists are
   * built on first use, for the nodes the search reaches.
   */
  graph(ends: ReadonlySet<string>): WeightedTieGraph {
    const live = (id: string) => ends.has(id) || (this.adj.get(id)?.size ?? 0) > 1;
    const lists = new Map<string, Array<[string, number]>>();
    return {
      neighbours: (id: string) => {
        let list = lists.get(id);
        if (!list) {
          list = [];
          if (live(id))
            for (const [n, tie] of this.adj.get(id) ?? []) if (tie.strength > 0 && live(n)) list.push([n, Math.min(1, tie.strength)]);
          lists.set(id, list);
        }
        return list;
      },
    };
  }
}
