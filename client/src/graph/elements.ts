import type { GraphEdge, GraphNode, NeighbourhoodResponse } from '@knotwork/graph-schema';

/**
 * Pure mapping from the API's neighbourhood payload to Cytoscape element definitions, plus the view
 * operations around it (type filters, the time slider, the size cap, merging expansions). No Cytoscape import:
 * everything here is unit-tested in Node.
 */

export const NODE_TYPES = ['Practitioner', 'Agency', 'Specialism', 'Need', 'Forum', 'Locality', 'Collaboration'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Shape and colour per node type; the shape alone tells the type (colour is never the only signal). */
export const nodeTypeStyle: Record<NodeType, { shape: string; colour: string; symbol: string; plural: string }> = {
  Practitioner: { shape: 'ellipse', colour: '#1d4ed8', symbol: '●', plural: 'Practitioners' },
  Agency: { shape: 'round-rectangle', colour: '#0f766e', symbol: '▬', plural: 'Agencies' },
  Specialism: { shape: 'diamond', colour: '#7c3aed', symbol: '◆', plural: 'Specialisms' },
  Need: { shape: 'triangle', colour: '#b45309', symbol: '▲', plural: 'Needs' },
  Forum: { shape: 'hexagon', colour: '#be185d', symbol: '⬢', plural: 'Forums' },
  Locality: { shape: 'round-tag', colour: '#4d7c0f', symbol: '⬟', plural: 'Localities' },
  Collaboration: { shape: 'star', colour: '#475569', symbol: '★', plural: 'Collaborations' },
};

/** Agency fill by sector (the sector is also written in the side panel and list view). */
export const sectorColours: Record<string, string> = {
  education: '#1e40af',
  health: '#047857',
  'social-care': '#9d174d',
  'youth-justice': '#7c2d12',
  police: '#1e3a8a',
  housing: '#a16207',
  vcs: '#6d28d9',
  'local-authority': '#334155',
  other: '#57534e',
};

export const EDGE_TYPES = [
  'COLLABORATED',
  'KNOWS',
  'WORKS_FOR',
  'HAS_SPECIALISM',
  'OFFERS',
  'ATTENDS',
  'CONVENES',
  'SERVES',
  'MEETS_IN',
  'ADDRESSED_BY',
  'PARTICIPATED_IN',
  'ADDRESSED',
  'PART_OF',
  'BROADER',
  'WITHIN',
  'IN',
] as const;

export const edgeTypeStyle: Record<string, { colour: string; line: 'solid' | 'dashed' | 'dotted'; words: string }> = {
  COLLABORATED: { colour: '#1d4ed8', line: 'solid', words: 'worked together' },
  KNOWS: { colour: '#0369a1', line: 'dashed', words: 'knows' },
  WORKS_FOR: { colour: '#0f766e', line: 'solid', words: 'works for' },
  HAS_SPECIALISM: { colour: '#7c3aed', line: 'dotted', words: 'has specialism' },
  OFFERS: { colour: '#7c3aed', line: 'dashed', words: 'offers' },
  ATTENDS: { colour: '#be185d', line: 'dashed', words: 'attends' },
  CONVENES: { colour: '#be185d', line: 'solid', words: 'convenes' },
  SERVES: { colour: '#4d7c0f', line: 'dotted', words: 'serves' },
  MEETS_IN: { colour: '#4d7c0f', line: 'dashed', words: 'meets in' },
  ADDRESSED_BY: { colour: '#b45309', line: 'dotted', words: 'addressed by' },
};
export const defaultEdgeStyle = { colour: '#64748b', line: 'solid' as const, words: '' };

/** How a tie reads from its end node: "Agency X employs …" rather than "works for". */
const inverseWords: Record<string, string> = {
  COLLABORATED: 'worked with',
  KNOWS: 'known by',
  WORKS_FOR: 'employs',
  HAS_SPECIALISM: 'held by',
  OFFERS: 'offered by',
  ATTENDS: 'attended by',
  CONVENES: 'convened by',
  SERVES: 'served by',
  MEETS_IN: 'meeting place of',
  ADDRESSED_BY: 'addresses',
  PARTICIPATED_IN: 'with',
  ADDRESSED: 'addressed in',
  PART_OF: 'includes',
  BROADER: 'narrower',
  WITHIN: 'contains',
  IN: 'place of',
};
const forwardWords: Record<string, string> = { COLLABORATED: 'worked with', PARTICIPATED_IN: 'took part in', ADDRESSED: 'addressed', IN: 'in' };

/** Words for a tie seen from one node: `out` when that node is where the relationship starts. */
export function tieWords(type: string, direction: 'out' | 'in'): string {
  if (direction === 'in') return inverseWords[type] ?? `${edgeWords(type)} (from)`;
  return forwardWords[type] ?? edgeWords(type);
}

export function edgeWords(type: string): string {
  return edgeTypeStyle[type]?.words || type.toLowerCase().replaceAll('_', ' ');
}

/** Edge width in pixels from the derived tie strength in [0, 1]; structural edges stay thin. */
export function edgeWidth(strength: number | undefined | null): number {
  if (strength === undefined || strength === null || Number.isNaN(strength)) return 1.5;
  const s = Math.min(1, Math.max(0, strength));
  return Math.round((1.5 + s * 6.5) * 10) / 10;
}

export function nodeColour(node: Pick<GraphNode, 'label' | 'category'>): string {
  if (node.label === 'Agency' && node.category && sectorColours[node.category]) return sectorColours[node.category]!;
  return nodeTypeStyle[node.label as NodeType]?.colour ?? '#57534e';
}

/*
 * Style classes. The stylesheet (stylesheet.ts) has one rule per node type, agency sector, size bucket, tie type
 * and width bucket, so Cytoscape matches a few class selectors instead of evaluating a data() mapper per element
 * and property; elements in the same classes also share cached style and textures.
 */
const slug = (s: string) => s.toLowerCase().replaceAll('_', '-');
export const typeClass = (label: string) => `t-${slug(label)}`;
export const sectorClass = (sector: string) => `s-${slug(sector)}`;
export const edgeTypeClass = (type: string) => `et-${slug(type)}`;
/** Node sizes are rounded to even pixels: one rule per size from 10 to 44 px. */
export const NODE_SIZES = Array.from({ length: 18 }, (_, i) => 10 + 2 * i);
export const sizeClass = (px: number) => `sz-${Math.min(44, Math.max(10, 2 * Math.round(px / 2)))}`;
/** Tie widths are rounded to half pixels: class w-N means N/2 px (w-3 … w-16). */
export const EDGE_WIDTH_STEPS = Array.from({ length: 14 }, (_, i) => 3 + i);
export const widthClass = (px: number) => `w-${Math.min(16, Math.max(3, Math.round(px * 2)))}`;

/** Classes giving a node its shape, colour (by type; agencies by sector) and size. */
export function nodeStyleClasses(node: Pick<GraphNode, 'label' | 'category'>, sizePx: number): string {
  const sector = node.label === 'Agency' && node.category && sectorColours[node.category] ? ` ${sectorClass(node.category)}` : '';
  const type = nodeTypeStyle[node.label as NodeType] ? typeClass(node.label) : 't-other';
  return `${type}${sector} ${sizeClass(sizePx)}`;
}

/** Classes giving a tie its colour, line style (by type) and width (by strength). */
export function edgeStyleClasses(type: string, strength: number | undefined | null): string {
  return `${edgeTypeStyle[type] ? edgeTypeClass(type) : 'et-other'} ${widthClass(edgeWidth(strength))}`;
}

export interface ViewOptions {
  focusId: string;
  /** Node labels to hide (the focus node always stays). */
  hiddenNodeTypes?: readonly string[];
  hiddenEdgeTypes?: readonly string[];
  /** Time slider: drop edges that began after this date (YYYY-MM-DD); undated edges stay. */
  asOf?: string | null;
  /** At most this many nodes (focus included); the rest are counted in `hidden`. */
  cap?: number;
  /** Ids of nodes on a highlighted path. */
  pathIds?: readonly string[];
  selectedId?: string | null;
}

export interface ElementDefinition {
  group: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string };
  classes?: string;
}

export interface View {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes left out by the cap (not by filters). */
  hidden: number;
  /** Nodes left out by type filters or the date. */
  filtered: number;
}

/** Union of two neighbourhoods (expanding a node adds its neighbours to what is shown). */
export function mergeNeighbourhoods(
  a: Pick<NeighbourhoodResponse, 'nodes' | 'edges'>,
  b: Pick<NeighbourhoodResponse, 'nodes' | 'edges'>,
): Pick<NeighbourhoodResponse, 'nodes' | 'edges'> {
  const nodes = new Map<string, GraphNode>();
  for (const n of a.nodes) nodes.set(n.id, n);
  for (const n of b.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>();
  for (const e of [...a.edges, ...b.edges]) {
    const key = edgeKey(e);
    const prev = edges.get(key);
    if (!prev || (e.strength ?? 0) > (prev.strength ?? 0)) edges.set(key, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

function edgeKey(e: GraphEdge): string {
  return e.id || `${e.type}:${e.source}:${e.target}`;
}

/**
 * Applies the type filters, the date and the cap. Nodes that lose every edge to the date or the edge-type
 * filter are dropped too (except the focus), so the slider really replays how the network grew.
 * The cap keeps the nodes closest to the focus (by hops), strongest ties first.
 */
export function buildView(data: Pick<NeighbourhoodResponse, 'nodes' | 'edges'>, opts: ViewOptions): View {
  const hiddenN = new Set(opts.hiddenNodeTypes ?? []);
  const hiddenE = new Set(opts.hiddenEdgeTypes ?? []);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const keepNode = (n: GraphNode | undefined) => Boolean(n) && (n!.id === opts.focusId || !hiddenN.has(n!.label));

  const edges = data.edges.filter(
    (e) =>
      !hiddenE.has(e.type) &&
      keepNode(byId.get(e.source)) &&
      keepNode(byId.get(e.target)) &&
      !(opts.asOf && e.since && e.since.slice(0, 10) > opts.asOf),
  );
  // Connected to the focus through the remaining edges.
  const adj = new Map<string, { other: string; strength: number }[]>();
  for (const e of edges) {
    const s = e.strength ?? 0;
    (adj.get(e.source) ?? adj.set(e.source, []).get(e.source)!).push({ other: e.target, strength: s });
    (adj.get(e.target) ?? adj.set(e.target, []).get(e.target)!).push({ other: e.source, strength: s });
  }
  const order: string[] = [];
  const seen = new Set<string>();
  if (byId.has(opts.focusId)) {
    seen.add(opts.focusId);
    let frontier = [opts.focusId];
    while (frontier.length) {
      const next: { id: string; strength: number }[] = [];
      for (const id of frontier) {
        order.push(id);
        for (const { other, strength } of adj.get(id) ?? []) {
          if (!seen.has(other)) {
            seen.add(other);
            next.push({ id: other, strength });
          }
        }
      }
      next.sort((x, y) => y.strength - x.strength || (byId.get(x.id)!.name < byId.get(y.id)!.name ? -1 : 1));
      frontier = next.map((x) => x.id);
    }
  }
  const reachable = order.length;
  const cap = opts.cap && opts.cap > 0 ? opts.cap : Infinity;
  const keptIds = new Set(order.slice(0, cap));
  const nodes = order.slice(0, cap).map((id) => byId.get(id)!);
  return {
    nodes,
    edges: edges.filter((e) => keptIds.has(e.source) && keptIds.has(e.target)),
    hidden: Math.max(0, reachable - nodes.length),
    filtered: data.nodes.length - reachable,
  };
}

/** Cytoscape element definitions of a view. Labels are shown for the focus, path and best-connected nodes. */
export function toElements(view: View, opts: Pick<ViewOptions, 'focusId' | 'pathIds' | 'selectedId'>): ElementDefinition[] {
  const degree = new Map<string, number>();
  for (const e of view.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const path = new Set(opts.pathIds ?? []);
  // Always-on labels for the 40 best-connected nodes; the rest appear when zoomed in.
  const major = new Set(
    [...view.nodes]
      .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0))
      .slice(0, 40)
      .map((n) => n.id),
  );
  const pathEdges = new Set<string>();
  const pathList = opts.pathIds ?? [];
  for (let i = 0; i + 1 < pathList.length; i++) {
    pathEdges.add(`${pathList[i]}|${pathList[i + 1]}`);
    pathEdges.add(`${pathList[i + 1]}|${pathList[i]}`);
  }
  const out: ElementDefinition[] = [];
  const big = view.nodes.length > 300;
  for (const n of view.nodes) {
    const d = degree.get(n.id) ?? 0;
    // Big neighbourhoods get smaller nodes so that the layout has room between them.
    const size = n.id === opts.focusId ? 44 : big ? 10 + Math.min(12, d) : 22 + Math.min(18, d * 1.5);
    const classes = [
      nodeStyleClasses(n, size),
      n.id === opts.focusId ? 'focus' : '',
      path.has(n.id) ? 'on-path' : '',
      n.id === opts.selectedId ? 'selected-node' : '',
      major.has(n.id) || n.id === opts.focusId || path.has(n.id) ? 'major' : '',
    ].filter(Boolean);
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        label: n.name.length > 28 ? `${n.name.slice(0, 27)}…` : n.name,
        name: n.name,
        type: n.label,
        category: n.category,
      },
      classes: classes.join(' '),
    });
  }
  for (const e of view.edges) {
    const onPath = pathEdges.has(`${e.source}|${e.target}`);
    out.push({
      group: 'edges',
      data: {
        id: `e:${edgeKey(e)}`,
        source: e.source,
        target: e.target,
        type: e.type,
        strength: e.strength ?? null,
      },
      classes: edgeStyleClasses(e.type, e.strength) + (onPath ? ' on-path' : ''),
    });
  }
  return out;
}

/** Node ids along a path's hops, in order (A, B, C for A→B, B→C). */
export function pathNodeIds(hops: readonly { from: { id: string }; to: { id: string } }[]): string[] {
  if (!hops.length) return [];
  return [hops[0]!.from.id, ...hops.map((h) => h.to.id)];
}

/** Dated edges' range, for the time slider's bounds. */
export function dateRange(edges: readonly GraphEdge[]): { min: string; max: string } | null {
  let min: string | null = null;
  let max: string | null = null;
  for (const e of edges) {
    if (!e.since) continue;
    const d = e.since.slice(0, 10);
    if (!min || d < min) min = d;
    if (!max || d > max) max = d;
  }
  return min && max ? { min, max } : null;
}

/** Neighbours of a node in a view, grouped by relationship words, for the side panel and list view. */
export interface Neighbour {
  node: GraphNode;
  type: string;
  /** out: the relationship starts at the node asked about. */
  direction: 'out' | 'in';
  strength?: number;
}

export function neighboursOf(view: View, id: string): Neighbour[] {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const out: Neighbour[] = [];
  for (const e of view.edges) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    if (!other) continue;
    const node = byId.get(other);
    const direction = e.source === id ? 'out' : 'in';
    if (node) out.push({ node, type: e.type, direction, ...(e.strength !== undefined ? { strength: e.strength } : {}) });
  }
  return out.sort((a, b) => (b.strength ?? -1) - (a.strength ?? -1) || a.node.name.localeCompare(b.node.name));
}

/** neighboursOf for every node at once (the list view): one pass over the ties instead of one per node. */
export function neighbourIndex(view: View): Map<string, Neighbour[]> {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const index = new Map<string, Neighbour[]>(view.nodes.map((n) => [n.id, []]));
  for (const e of view.edges) {
    const strength = e.strength !== undefined ? { strength: e.strength } : {};
    const target = byId.get(e.target);
    const source = byId.get(e.source);
    if (target) index.get(e.source)?.push({ node: target, type: e.type, direction: 'out', ...strength });
    if (source && e.source !== e.target) index.get(e.target)?.push({ node: source, type: e.type, direction: 'in', ...strength });
  }
  for (const list of index.values()) {
    list.sort((a, b) => (b.strength ?? -1) - (a.strength ?? -1) || a.node.name.localeCompare(b.node.name));
  }
  return index;
}
