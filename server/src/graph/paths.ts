/**
 * Introduction paths: the k strongest simple paths of at most `maxHops` ties between a practitioner and a target
 * (one practitioner, or any of several — e.g. the holders of a specialism).
 *
 * Path strength is the product of its ties' strengths (a chain is as likely to work as all its links together), so
 * the strongest path is the shortest under cost −ln(strength). The search is a best-first enumeration of simple
 * paths ordered by cost, bounded by `maxHops`: the first k complete paths popped are the k strongest (costs are
 * never negative). To bound work on dense graphs, each node is expanded at most `perNodeExpansions` times
 * (default 10·k — the answer stays exact unless a node lies on more than that many stronger partial paths) and at
 * most `maxExpansions` partial paths are expanded overall. Ties of equal strength are ordered by fewer hops, then
 * by node ids, so answers are deterministic.
 */

export interface WeightedTieGraph {
  /** Neighbours of a node with the tie strength in (0, 1]. Undirected: both directions must be present. */
  neighbours(id: string): Iterable<[string, number]>;
}

export interface FoundPath {
  nodes: string[];
  strength: number;
}

/** Adjacency map graph, built from undirected ties. */
export class TieGraph implements WeightedTieGraph {
  readonly adj = new Map<string, Map<string, number>>();
  addTie(a: string, b: string, strength: number): void {
    if (a === b || !(strength > 0)) return;
    const s = Math.min(1, strength);
    if (!this.adj.has(a)) this.adj.set(a, new Map());
    if (!this.adj.has(b)) this.adj.set(b, new Map());
    this.adj.get(a)!.set(b, s);
    this.adj.get(b)!.set(a, s);
  }
  strength(a: string, b: string): number {
    return this.adj.get(a)?.get(b) ?? 0;
  }
  neighbours(id: string): Iterable<[string, number]> {
    return this.adj.get(id)?.entries() ?? [];
  }
}

interface Entry {
  cost: number;
  nodes: string[];
}

/** Minimal binary heap keyed by (cost, hops, path ids). */
class Heap {
  private items: Entry[] = [];
  get size() {
    return this.items.length;
  }
  private less(a: Entry, b: Entry): boolean {
    if (a.cost !== b.cost) return a.cost < b.cost;
    if (a.nodes.length !== b.nodes.length) return a.nodes.length < b.nodes.length;
    return a.nodes.join('|') < b.nodes.join('|');
  }
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

export function kBestPaths(
  graph: WeightedTieGraph,
  from: string,
  targets: ReadonlySet<string> | string,
  options: { k?: number; maxHops?: number; maxExpansions?: number; perNodeExpansions?: number } = {},
): FoundPath[] {
  const k = options.k ?? 3;
  const maxHops = options.maxHops ?? 4;
  const maxExpansions = options.maxExpansions ?? 200_000;
  const perNode = options.perNodeExpansions ?? 10 * k;
  const isTarget = typeof targets === 'string' ? (id: string) => id === targets : (id: string) => targets.has(id);
  const found: FoundPath[] = [];
  const expanded = new Map<string, number>();
  const heap = new Heap();
  heap.push({ cost: 0, nodes: [from] });
  let expansions = 0;
  while (heap.size > 0 && found.length < k && expansions < maxExpansions) {
    const e = heap.pop()!;
    const last = e.nodes[e.nodes.length - 1]!;
    if (e.nodes.length > 1 && isTarget(last)) {
      found.push({ nodes: e.nodes, strength: Math.exp(-e.cost) });
      continue;
    }
    const times = expanded.get(last) ?? 0;
    if (times >= perNode) continue;
    expanded.set(last, times + 1);
    if (e.nodes.length - 1 >= maxHops) continue;
    expansions++;
    for (const [next, s] of graph.neighbours(last)) {
      if (!(s > 0) || e.nodes.includes(next)) continue;
      heap.push({ cost: e.cost - Math.log(Math.min(1, s)), nodes: [...e.nodes, next] });
    }
  }
  return found;
}
