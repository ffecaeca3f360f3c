import type { AbstractGraph } from 'graphology-types';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';

/**
 * Structural measures of the undirected practitioner tie graph (a graphology Graph whose edges carry `strength`).
 * From libraries: exact betweenness (graphology-metrics) and the Brandes single-source step used for sampling
 * (graphology-shortest-path). Written here because no graphology package offers them: articulation points and
 * bridges (Tarjan/Hopcroft, iterative so 100k nodes do not overflow the stack), Burt's constraint and effective
 * size, and the Krackhardt–Stern E–I index.
 */

type Graph = AbstractGraph;

// CommonJS module whose typings declare an ES default export: take whichever the runtime gives.
const betweennessCentrality = ((betweennessModule as unknown as { default?: unknown }).default ??
  betweennessModule) as unknown as (
  graph: Graph,
  options: { getEdgeWeight: null; normalized: boolean },
) => Record<string, number>;

export interface CutStructure {
  articulationPoints: string[];
  bridges: Array<[string, string]>;
  /** For each articulation point, sizes of the groups its removal leaves apart (largest first). */
  splitSizes: Map<string, number[]>;
}

/** Articulation points (nodes whose removal splits a component) and bridges (edges whose removal does). */
export function cutStructure(graph: Graph): CutStructure {
  const disc = new Map<string, number>();
  const low = new Map<string, number>();
  const size = new Map<string, number>();
  const cut = new Map<string, number[]>();
  const points = new Set<string>();
  const bridges: Array<[string, string]> = [];
  let time = 0;
  for (const root of graph.nodes()) {
    if (disc.has(root)) continue;
    // stack frames: node, parent, neighbour list, next index
    const stack: Array<{ v: string; parent: string | null; nbrs: string[]; i: number; children: number }> = [];
    const componentCuts: string[] = [];
    disc.set(root, time);
    low.set(root, time++);
    size.set(root, 1);
    stack.push({ v: root, parent: null, nbrs: graph.neighbors(root), i: 0, children: 0 });
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (f.i < f.nbrs.length) {
        const w = f.nbrs[f.i++]!;
        if (w === f.parent) continue;
        if (disc.has(w)) {
          low.set(f.v, Math.min(low.get(f.v)!, disc.get(w)!));
        } else {
          disc.set(w, time);
          low.set(w, time++);
          size.set(w, 1);
          f.children++;
          stack.push({ v: w, parent: f.v, nbrs: graph.neighbors(w), i: 0, children: 0 });
        }
      } else {
        stack.pop();
        const p = stack[stack.length - 1];
        if (!p) {
          if (f.children > 1) points.add(f.v);
          // Sizes of the parts: for every cut vertex, the recorded child subtrees plus the rest of the component.
          const total = size.get(f.v)!;
          for (const v of componentCuts) {
            if (!points.has(v)) continue;
            const parts = cut.get(v)!;
            const rest = total - 1 - parts.reduce((a, b) => a + b, 0);
            if (rest > 0) parts.push(rest);
            parts.sort((a, b) => b - a);
          }
          continue;
        }
        size.set(p.v, size.get(p.v)! + size.get(f.v)!);
        low.set(p.v, Math.min(low.get(p.v)!, low.get(f.v)!));
        if (low.get(f.v)! > disc.get(p.v)!) bridges.push(p.v < f.v ? [p.v, f.v] : [f.v, p.v]);
        if (low.get(f.v)! >= disc.get(p.v)!) {
          if (p.parent !== null) points.add(p.v);
          let parts = cut.get(p.v);
          if (!parts) {
            parts = [];
            cut.set(p.v, parts);
            componentCuts.push(p.v);
          }
          parts.push(size.get(f.v)!);
        }
      }
    }
  }
  const splitSizes = new Map<string, number[]>();
  for (const v of points) splitSizes.set(v, [...(cut.get(v) ?? [])]);
  return { articulationPoints: [...points].sort(), bridges, splitSizes };
}

/** Sizes of the parts a node's removal leaves behind in its component (for "who is cut off" wording). */
export function componentSizesWithout(graph: Graph, removed: string): number[] {
  const seen = new Set<string>([removed]);
  const sizes: number[] = [];
  for (const start of graph.neighbors(removed)) {
    if (seen.has(start)) continue;
    let size = 0;
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const v = queue.pop()!;
      size++;
      for (const w of graph.neighbors(v)) {
        if (!seen.has(w)) {
          seen.add(w);
          queue.push(w);
        }
      }
    }
    sizes.push(size);
  }
  return sizes.sort((a, b) => b - a);
}

export interface BetweennessResult {
  scores: Map<string, number>;
  /** 'exact' (all sources) or 'sampled' (k random sources, scaled by n/k). */
  method: 'exact' | 'sampled';
  sources: number;
}

/**
 * Betweenness centrality on the unweighted tie graph (shortest paths in hops: who sits between otherwise separate
 * groups), normalised as in graphology-metrics (divided by (n−1)(n−2)).
 * Exact (graphology-metrics) up to `exactLimit` nodes; above it, Brandes from `samples` sources chosen by a seeded
 * generator (Brandes & Pich 2007), scaled by n / samples — an unbiased estimate whose top ranks are stable.
 */
export function betweenness(
  graph: Graph,
  options: { exactLimit?: number; samples?: number; seed?: number } = {},
): BetweennessResult {
  const n = graph.order;
  const exactLimit = options.exactLimit ?? 3000;
  if (n <= exactLimit) {
    const res = betweennessCentrality(graph, { getEdgeWeight: null, normalized: true });
    return { scores: new Map(Object.entries(res)), method: 'exact', sources: n };
  }
  const samples = Math.min(options.samples ?? 256, n);
  const brandes = createUnweightedIndexedBrandes(graph);
  const index = (brandes as unknown as { index: { nodes: string[] } }).index;
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  let state = (options.seed ?? 42) >>> 0;
  const rand = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chosen = new Set<number>();
  while (chosen.size < samples) chosen.add(Math.floor(rand() * n));
  for (const s of chosen) {
    const [S, P, sigma] = brandes(s);
    const items = (S as unknown as { items: ArrayLike<number> }).items;
    for (let j = 0; j < S.size; j++) delta[items[j]!] = 0;
    while (S.size !== 0) {
      const w = S.pop()!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      const preds = P[w]!;
      for (let j = 0; j < preds.length; j++) {
        const v = preds[j]!;
        delta[v] = delta[v]! + sigma[v]! * coefficient;
      }
      if (w !== s) centrality[w] = centrality[w]! + delta[w]!;
    }
  }
  // Same normalisation as graphology-metrics (normalized: divide by (n-1)(n-2)), scaled up from the sample.
  const scale = (n / samples) * (n > 2 ? 1 / ((n - 1) * (n - 2)) : 1);
  const scores = new Map<string, number>();
  for (let i = 0; i < n; i++) scores.set(index.nodes[i]!, centrality[i]! * scale);
  return { scores, method: 'sampled', sources: samples };
}

/**
 * Burt's structural holes, weighted by tie strength (`strength` edge attribute):
 *   p_ij = w_ij / Σ_k w_ik (proportional investment of i in j)
 *   constraint c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²
 *   effective size e_i = Σ_{j∈N(i)} (1 − Σ_{q≠j} p_iq m_jq), m_jq = w_jq / max_k w_jk
 * Low constraint and high effective size mark brokers spanning structural holes. Isolated nodes get null.
 */
export function structuralHoles(graph: Graph, node: string): { constraint: number | null; effectiveSize: number | null } {
  const nbrs = graph.neighbors(node);
  if (nbrs.length === 0) return { constraint: null, effectiveSize: null };
  const w = (a: string, b: string): number => {
    const e = graph.edge(a, b);
    return e === undefined ? 0 : ((graph.getEdgeAttribute(e, 'strength') as number | undefined) ?? 1);
  };
  const sumW = (a: string) => graph.neighbors(a).reduce((s, x) => s + w(a, x), 0);
  const maxW = (a: string) => graph.neighbors(a).reduce((m, x) => Math.max(m, w(a, x)), 0);
  const totalI = sumW(node);
  const p = (a: string, b: string, total: number) => (total > 0 ? w(a, b) / total : 0);
  const totals = new Map<string, number>(nbrs.map((q) => [q, sumW(q)]));
  let constraint = 0;
  let effective = 0;
  for (const j of nbrs) {
    let indirect = 0;
    let redundancy = 0;
    const maxJ = maxW(j);
    for (const q of nbrs) {
      if (q === j) continue;
      const wqj = w(q, j);
      if (wqj === 0) continue;
      indirect += p(node, q, totalI) * p(q, j, totals.get(q)!);
      redundancy += p(node, q, totalI) * (maxJ > 0 ? wqj / maxJ : 0);
    }
    constraint += (p(node, j, totalI) + indirect) ** 2;
    effective += 1 - redundancy;
  }
  return { constraint, effectiveSize: effective };
}

/** Krackhardt–Stern E–I index: (external − internal) / (external + internal); null when there are no ties. */
export function eiIndex(external: number, internal: number): number | null {
  const total = external + internal;
  return total === 0 ? null : (external - internal) / total;
}
