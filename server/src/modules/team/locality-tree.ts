import type { LocalityRow } from './team.repository.js';

/** The WITHIN tree of localities (small: hundreds of nodes), for distances and nesting. */
export class LocalityTree {
  readonly byId: Map<string, LocalityRow>;
  constructor(rows: LocalityRow[]) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }
  /** [self, parent, grandparent, …] (first parent path; cycles guarded). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let cur: string | undefined = id;
    while (cur && !out.includes(cur) && out.length < 20) {
      out.push(cur);
      cur = this.byId.get(cur)?.parents[0];
    }
    return out;
  }
  descendants(id: string): string[] {
    const out: string[] = [];
    for (const r of this.byId.values()) if (r.id !== id && this.ancestors(r.id).includes(id)) out.push(r.id);
    return out;
  }
  /** Steps through the tree between two localities (via their nearest common ancestor); Infinity if unrelated. */
  distance(a: string, b: string): number {
    const aa = this.ancestors(a);
    const bb = this.ancestors(b);
    let best = Infinity;
    aa.forEach((x, i) => {
      const j = bb.indexOf(x);
      if (j >= 0) best = Math.min(best, i + j);
    });
    return best;
  }
  name(id: string) {
    return this.byId.get(id)?.name ?? null;
  }
  /**
   * The localities related to `id` (sharing an ancestor), nearest first, in bands of equal distance, leaving out
   * `exclude`. Unrelated localities are in no band.
   */
  bandsAround(id: string, exclude: ReadonlySet<string>): string[][] {
    const byDistance = new Map<number, string[]>();
    for (const other of this.byId.keys()) {
      if (exclude.has(other)) continue;
      const d = this.distance(id, other);
      if (!Number.isFinite(d)) continue;
      byDistance.set(d, [...(byDistance.get(d) ?? []), other]);
    }
    return [...byDistance.entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids);
  }
}
