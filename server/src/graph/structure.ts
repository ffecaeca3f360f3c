import { seededRandom } from '../lib/seeded-random.js';
import type { CompactGraph } from './compact-graph.js';

/**
 * Structural measures of the undirected practitioner tie graph (a CompactGraph whose edge weights are tie
 * strengths). Written by hand on typed arrays because the library versions (graphology-metrics betweenness,
 * graphology-shortest-path's Brandes) need a graphology graph, which at ~100k nodes and ~3M edges costs more to
 * build than the whole computation; structure.test.ts checks betweenness against graphology-metrics. No package
 * offers the others: articulation points and bridges (Tarjan/Hopcroft, iterative so 100k nodes do not overflow
 * the stack), Burt's constraint and effective size, and the Krackhardt–Stern E–I index.
 */

export interface CutStructure {
  articulationPoints: string[];
  bridges: Array<[string, string]>;
  /** For each articulation point, sizes of the groups its removal leaves apart (largest first). */
  splitSizes: Map<string, number[]>;
}

/** Articulation points (nodes whose removal splits a component) and bridges (edges whose removal does). */
export function cutStructure(graph: CompactGraph): CutStructure {
  const n = graph.order;
  const { offsets, targets, ids } = graph;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const size = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const next = new Int32Array(n); // next adjacency position to look at, per node on the stack
  const children = new Int32Array(n);
  const stack = new Int32Array(n);
  const cut = new Map<number, number[]>();
  const points = new Set<number>();
  const bridges: Array<[string, string]> = [];
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    const componentCuts: number[] = [];
    let top = 0;
    stack[top++] = root;
    disc[root] = low[root] = time++;
    size[root] = 1;
    next[root] = offsets[root]!;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (next[v]! < offsets[v + 1]!) {
        const w = targets[next[v]!++]!;
        if (w === parent[v]) continue;
        if (disc[w] !== -1) {
          if (disc[w]! < low[v]!) low[v] = disc[w]!;
        } else {
          disc[w] = low[w] = time++;
          size[w] = 1;
          parent[w] = v;
          next[w] = offsets[w]!;
          children[v]!++;
          stack[top++] = w;
        }
        continue;
      }
      top--;
      const p = parent[v]!;
      if (p === -1) {
        if (children[v]! > 1) points.add(v);
        // Sizes of the parts: for every cut vertex, the recorded child subtrees plus the rest of the component.
        const total = size[v]!;
        for (const c of componentCuts) {
          if (!points.has(c)) continue;
          const parts = cut.get(c)!;
          const rest = total - 1 - parts.reduce((a, b) => a + b, 0);
          if (rest > 0) parts.push(rest);
          parts.sort((a, b) => b - a);
        }
        continue;
      }
      size[p]! += size[v]!;
      if (low[v]! < low[p]!) low[p] = low[v]!;
      if (low[v]! > disc[p]!) bridges.push(ids[p]! < ids[v]! ? [ids[p]!, ids[v]!] : [ids[v]!, ids[p]!]);
      if (low[v]! >= disc[p]!) {
        if (parent[p] !== -1) points.add(p);
        let parts = cut.get(p);
        if (!parts) {
          parts = [];
          cut.set(p, parts);
          componentCuts.push(p);
        }
        parts.push(size[v]!);
      }
    }
  }
  const splitSizes = new Map<string, number[]>();
  for (const v of points) splitSizes.set(ids[v]!, [...(cut.get(v) ?? [])]);
  return { articulationPoints: [...points].map((v) => ids[v]!).sort(), bridges, splitSizes };
}

/** Sizes of the parts a node's removal leaves behind in its component (for "who is cut off" wording). */
export function componentSizesWithout(graph: CompactGraph, removed: string): number[] {
  const r = graph.indexOf(removed);
  if (r === undefined) return [];
  const seen = new Uint8Array(graph.order);
  seen[r] = 1;
  const sizes: number[] = [];
  const queue: number[] = [];
  for (const start of graph.neighbours(r)) {
    if (seen[start]) continue;
    let size = 0;
    queue.push(start);
    seen[start] = 1;
    while (queue.length > 0) {
      const v = queue.pop()!;
      size++;
      for (const w of graph.neighbours(v)) {
        if (!seen[w]) {
          seen[w] = 1;
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

/** Default number of sources for sampled betweenness (enough for stable top ranks; see bench/RESULTS.md). */
export const BETWEENNESS_SAMPLES = 64;

/**
 * Betweenness centrality on the unweighted tie graph (shortest paths in hops: who sits between otherwise separate
 * groups), normalised as in graphology-metrics (divided by (n−1)(n−2)). Brandes' algorithm from every node up to
 * `exactLimit` nodes; above it, from `samples` sources chosen by a seeded generator (Brandes & Pich 2007), scaled
 * by n / samples — an unbiased estimate whose top ranks are stable.
 */
export function betweenness(
  graph: CompactGraph,
  options: { exactLimit?: number; samples?: number; seed?: number } = {},
): BetweennessResult {
  const n = graph.order;
  const exactLimit = options.exactLimit ?? 3000;
  const exact = n <= exactLimit;
  const samples = exact ? n : Math.min(options.samples ?? BETWEENNESS_SAMPLES, n);
  let sources: Iterable<number>;
  if (exact) sources = Array.from({ length: n }, (_, i) => i);
  else {
    const rand = seededRandom(options.seed ?? 42);
    const chosen = new Set<number>();
    while (chosen.size < samples) chosen.add(Math.floor(rand() * n));
    sources = chosen;
  }
  const { offsets, targets } = graph;
  const dist = new Int32Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const centrality = new Float64Array(n);
  for (const s of sources) {
    dist.fill(-1);
    dist[s] = 0;
    sigma[s] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++]!;
      const dv = dist[v]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = targets[k]!;
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          sigma[w] = 0;
          order[tail++] = w;
        }
        if (dist[w] === dv + 1) sigma[w]! += sigma[v]!;
      }
    }
    for (let k = 0; k < tail; k++) delta[order[k]!] = 0;
    for (let k = tail - 1; k >= 0; k--) {
      const w = order[k]!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      const dw = dist[w]!;
      for (let e = offsets[w]!; e < offsets[w + 1]!; e++) {
        const v = targets[e]!;
        if (dist[v] === dw - 1) delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }
  const scale = (n / samples) * (n > 2 ? 1 / ((n - 1) * (n - 2)) : 1);
  const scores = new Map<string, number>();
  for (let i = 0; i < n; i++) scores.set(graph.ids[i]!, centrality[i]! * scale);
  return { scores, method: exact ? 'exact' : 'sampled', sources: samples };
}

/**
 * Burt's structural holes, weighted by tie strength (the edge weights):
 *   p_ij = w_ij / Σ_k w_ik (proportional investment of i in j)
 *   constraint c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²
 *   effective size e_i = Σ_{j∈N(i)} (1 − Σ_{q≠j} p_iq m_jq), m_jq = w_jq / max_k w_jk
 * Low constraint and high effective size mark brokers spanning structural holes. Isolated nodes get null.
 */
export function structuralHoles(graph: CompactGraph, node: string): { constraint: number | null; effectiveSize: number | null } {
  const i = graph.indexOf(node);
  if (i === undefined || graph.degree(i) === 0) return { constraint: null, effectiveSize: null };
  const nbrs = graph.neighbours(i);
  const sumW = (a: number) => graph.neighbourWeights(a).reduce((s, x) => s + x, 0);
  const maxW = (a: number) => graph.neighbourWeights(a).reduce((m, x) => Math.max(m, x), 0);
  const totalI = sumW(i);
  const p = (a: number, b: number, total: number) => (total > 0 ? graph.weight(a, b) / total : 0);
  const totals = new Map<number, number>(Array.from(nbrs, (q) => [q, sumW(q)]));
  let constraint = 0;
  let effective = 0;
  for (const j of nbrs) {
    let indirect = 0;
    let redundancy = 0;
    const maxJ = maxW(j);
    for (const q of nbrs) {
      if (q === j) continue;
      const wqj = graph.weight(q, j);
      if (wqj === 0) continue;
      indirect += p(i, q, totalI) * p(q, j, totals.get(q)!);
      redundancy += p(i, q, totalI) * (maxJ > 0 ? wqj / maxJ : 0);
    }
    constraint += (p(i, j, totalI) + indirect) ** 2;
    effective += 1 - redundancy;
  }
  return { constraint, effectiveSize: effective };
}

/** Krackhardt–Stern E–I index: (external − internal) / (external + internal); null when there are no ties. */
export function eiIndex(external: number, internal: number): number | null {
  const total = external + internal;
  return total === 0 ? null : (external - internal) / total;
}
