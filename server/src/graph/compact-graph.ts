/**
 * An undirected weighted graph in compressed sparse row form: node i's neighbours are
 * `targets[offsets[i] .. offsets[i + 1])`, sorted, with their weights alongside. Built once, read many times.
 *
 * Why not graphology here: the whole-system tie graph has ~100k nodes and ~3M edges at benchmark scale, where a
 * graphology graph (an object per node and edge) takes minutes and gigabytes to build; typed arrays take seconds
 * and tens of megabytes. Small graphs in tests are built with `CompactGraph.fromEdges`.
 */
export class CompactGraph {
  private readonly index: Map<string, number>;

  private constructor(
    readonly ids: readonly string[],
    readonly offsets: Int32Array,
    readonly targets: Int32Array,
    readonly weights: Float64Array,
  ) {
    this.index = new Map(ids.map((id, i) => [id, i]));
  }

  /** Number of nodes. */
  get order(): number {
    return this.ids.length;
  }

  /** Number of (undirected) edges. */
  get size(): number {
    return this.targets.length / 2;
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  degree(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  neighbours(i: number): Int32Array {
    return this.targets.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  neighbourWeights(i: number): Float64Array {
    return this.weights.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Weight of the edge i–j, or 0 when there is none (binary search in i's sorted neighbours). */
  weight(i: number, j: number): number {
    let lo = this.offsets[i]!;
    let hi = this.offsets[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.targets[mid]!;
      if (t === j) return this.weights[mid]!;
      if (t < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Every undirected edge once, with i < j. */
  forEachEdge(f: (i: number, j: number, weight: number) => void): void {
    for (let i = 0; i < this.ids.length; i++)
      for (let k = this.offsets[i]!; k < this.offsets[i + 1]!; k++) {
        const j = this.targets[k]!;
        if (i < j) f(i, j, this.weights[k]!);
      }
  }

  /**
   * From node ids and edges given as parallel arrays of node indexes (each undirected edge once, no duplicates,
   * no self loops).
   */
  static fromIndexedEdges(ids: readonly string[], from: ArrayLike<number>, to: ArrayLike<number>, weight: ArrayLike<number>): CompactGraph {
    const n = ids.length;
    const m = from.length;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      offsets[from[e]! + 1]!++;
      offsets[to[e]! + 1]!++;
    }
    for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(2 * m);
    const weights = new Float64Array(2 * m);
    for (let e = 0; e < m; e++) {
      const a = from[e]!;
      const b = to[e]!;
      targets[fill[a]!] = b;
      weights[fill[a]!++] = weight[e]!;
      targets[fill[b]!] = a;
      weights[fill[b]!++] = weight[e]!;
    }
    // Sort each adjacency by target (weights alongside) so weight() can binary-search. Edges given in (from, to)
    // order with from < to come out sorted already: only unsorted adjacencies are sorted.
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      let sorted = true;
      for (let k = start + 1; k < end && sorted; k++) sorted = targets[k - 1]! < targets[k]!;
      if (sorted) continue;
      order.length = 0;
      for (let k = start; k < end; k++) order.push(k);
      order.sort((x, y) => targets[x]! - targets[y]!);
      const t = order.map((k) => targets[k]!);
      const w = order.map((k) => weights[k]!);
      targets.set(t, start);
      weights.set(w, start);
    }
    return new CompactGraph(ids, offsets, targets, weights);
  }

  /** For tests and small graphs: edges as [a, b, weight?] by id (nodes created as met; duplicates merged). */
  static fromEdges(edges: ReadonlyArray<readonly [string, string, number?]>, nodes: readonly string[] = []): CompactGraph {
    const ids: string[] = [];
    const index = new Map<string, number>();
    const node = (id: string) => {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        ids.push(id);
        index.set(id, i);
      }
      return i;
    };
    for (const id of nodes) node(id);
    const seen = new Map<string, number>();
    const from: number[] = [];
    const to: number[] = [];
    const weight: number[] = [];
    for (const [a, b, w] of edges) {
      const i = node(a);
      const j = node(b);
      if (i === j) continue;
      const key = i < j ? `${i}|${j}` : `${j}|${i}`;
      const e = seen.get(key);
      if (e !== undefined) {
        weight[e] = w ?? 1;
        continue;
      }
      seen.set(key, from.length);
      from.push(i);
      to.push(j);
      weight.push(w ?? 1);
    }
    return CompactGraph.fromIndexedEdges(ids, from, to, weight);
  }
}
