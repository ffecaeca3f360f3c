/**
 * Introduction paths: the k strongest simple paths of at most `maxHops` ties between a practitioner and a target
 * (one practitioner, or any of several — e.g. the holders of a specialism).
 *
 * Path strength is the product of its ties' strengths (a chain is as likely to work as all its links together), so
 * the strongest path is the shortest under cost −ln(strength). The search is an A* best-first enumeration of simple
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
  /** Priority: cost so far plus the lower bound still to go. */
  cost: number;
  nodes: string[];
  /** Cost so far (−ln of the path's strength). */
  spent?: number;
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

/**
 * Lower bounds towards the targets, computed once over the loaded graph: the cheapest cost (−ln strength) and
 * the fewest hops from each node to any target. Used to order the search (A*: cost so far + cheapest cost still
 * to go, which never overestimates, so complete paths still come out strongest first) and to drop partial paths
 * that cannot reach a target within the hop limit.
 */
function boundsToTargets(graph: WeightedTieGraph, targets: Iterable<string>, maxHops: number) {
  const hops = new Map<string, number>();
  const cost = new Map<string, number>();
  let frontier = [...targets];
  for (const t of frontier) {
    hops.set(t, 0);
    cost.set(t, 0);
  }
  // Hop distances by BFS, limited to maxHops.
  for (let h = 1; h <= maxHops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const v of frontier)
      for (const [w] of graph.neighbours(v))
        if (!hops.has(w)) {
          hops.set(w, h);
          next.push(w);
        }
    frontier = next;
  }
  // Cheapest cost by Dijkstra over the nodes within reach (small: the bounded neighbourhood), on a plain binary
  // heap of (cost, node) — the order among equal costs does not change the distances.
  const costs: number[] = [];
  const nodes: string[] = [];
  const push = (c: number, v: string) => {
    let i = costs.length;
    costs.push(c);
    nodes.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (costs[p]! <= c) break;
      costs[i] = costs[p]!;
      nodes[i] = nodes[p]!;
      i = p;
    }
    costs[i] = c;
    nodes[i] = v;
  };
  const pop = (): [number, string] => {
    const top: [number, string] = [costs[0]!, nodes[0]!];
    const c = costs.pop()!;
    const v = nodes.pop()!;
    const n = costs.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const m = l + 1 < n && costs[l + 1]! < costs[l]! ? l + 1 : l;
        if (costs[m]! >= c) break;
        costs[i] = costs[m]!;
        nodes[i] = nodes[m]!;
        i = m;
      }
      costs[i] = c;
      nodes[i] = v;
    }
    return top;
  };
  for (const t of targets) push(0, t);
  const done = new Set<string>();
  while (costs.length > 0) {
    const [c, v] = pop();
    if (done.has(v)) continue;
    done.add(v);
    for (const [w, s] of graph.neighbours(v)) {
      if (!hops.has(w) || !(s > 0)) continue;
      const next = c - Math.log(Math.min(1, s));
      if (next < (cost.get(w) ?? Infinity)) {
        cost.set(w, next);
        push(next, w);
      }
    }
  }
  return { hops, cost };
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
  const targetSet = typeof targets === 'string' ? new Set([targets]) : targets;
  const isTarget = (id: string) => targetSet.has(id);
  const bounds = boundsToTargets(graph, targetSet, maxHops);
  const found: FoundPath[] = [];
  if (!bounds.hops.has(from) && !isTarget(from)) return found;
  const expanded = new Map<string, number>();
  const heap = new Heap();
  // Entries carry the A* priority in `cost`; the path's own cost is recomputed from the priority on completion.
  heap.push({ cost: bounds.cost.get(from) ?? 0, nodes: [from], spent: 0 } as Entry);
  let expansions = 0;
  while (heap.size > 0 && found.length < k && expansions < maxExpansions) {
    const e = heap.pop()! as Entry & { spent: number };
    const last = e.nodes[e.nodes.length - 1]!;
    if (e.nodes.length > 1 && isTarget(last)) {
      found.push({ nodes: e.nodes, strength: Math.exp(-e.spent) });
      continue;
    }
    const times = expanded.get(last) ?? 0;
    if (times >= perNode) continue;
    expanded.set(last, times + 1);
    const hopsSoFar = e.nodes.length - 1;
    if (hopsSoFar >= maxHops) continue;
    expansions++;
    for (const [next, s] of graph.neighbours(last)) {
      if (!(s > 0) || e.nodes.includes(next)) continue;
      const toGo = bounds.hops.get(next);
      if (toGo === undefined || hopsSoFar + 1 + toGo > maxHops) continue;
      const spent = e.spent - Math.log(Math.min(1, s));
      heap.push({ cost: spent + (bounds.cost.get(next) ?? 0), nodes: [...e.nodes, next], spent } as Entry);
    }
  }
  return found;
}
