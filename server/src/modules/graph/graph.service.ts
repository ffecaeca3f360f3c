import type { GraphEdge, GraphNode, NeighbourhoodQuery, NeighbourhoodResponse } from '@knotwork/graph-schema';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { WALK_LABELS, type GraphRepository, type WalkNode, type WalkOps } from './graph.repository.js';

/** Above this many practitioners in a view, derived ties are not computed (the view is a crowd, not a network). */
export const MAX_TIE_PRACTITIONERS = 400;

/**
 * Network walk: breadth-first from the focus node through real relationships, only through the requested labels,
 * to `depth`, at most `limit` nodes. Each level gives every frontier node an equal share of the remaining budget
 * (so one dense node — a locality served by thousands — cannot crowd out the rest). `omitted` estimates the nodes
 * left out: neighbours beyond a node's share (from its degree) plus neighbours found but over the limit.
 * When practitioners are shown, derived ties (type COLLABORATED) join practitioners in view who share at least one
 * collaboration, carrying the full tie strength (graph/tie-strength.ts: also KNOWS, forums, same agency) and the
 * date of their first shared collaboration as `since`.
 */
export function createGraphService(repo: GraphRepository) {
  return {
    neighbourhood(id: string, query: NeighbourhoodQuery): Promise<NeighbourhoodResponse> {
      return repo.walk((ops) => this.walk(ops, id, query));
    },

    async walk(repo: WalkOps, id: string, query: NeighbourhoodQuery): Promise<NeighbourhoodResponse> {
      let allowed: readonly string[] = WALK_LABELS;
      if (query.types) {
        const wanted = query.types.split(',').map((t) => t.trim()).filter(Boolean);
        const unknown = wanted.filter((t) => !(WALK_LABELS as readonly string[]).includes(t));
        if (unknown.length > 0)
          throw new BadRequestError(`Unknown node type: ${unknown.join(', ')}; use ${WALK_LABELS.join(', ')}`);
        allowed = wanted;
      }
      const shareOf = (room: number, frontier: number) => Math.max(3, Math.ceil((room * 1.5) / frontier));
      const start = await repo.start(id, allowed, shareOf(query.limit - 1, 1), query.asOf);
      if (!start) throw new NotFoundError('Node', id);
      const { focus } = start;
      const nodes = new Map<string, WalkNode>([[focus.eid, focus]]);
      const edges = new Map<string, GraphEdge & { sourceEid: string; targetEid: string }>();
      let omitted = 0;
      let frontier = [focus.eid];
      for (let depth = 1; depth <= query.depth && frontier.length > 0; depth++) {
        const room = query.limit - nodes.size;
        if (room <= 0) break;
        const perNode = shareOf(room, frontier.length);
        const rows = depth === 1 ? start.rows : await repo.level(frontier, allowed, perNode, query.asOf);
        const returned = new Map<string, number>();
        const next: string[] = [];
        const cut = new Set<string>();
        for (const row of rows) {
          returned.set(row.from, (returned.get(row.from) ?? 0) + 1);
          if (!nodes.has(row.node.eid)) {
            if (nodes.size >= query.limit) {
              cut.add(row.node.eid);
              continue;
            }
            nodes.set(row.node.eid, row.node);
            next.push(row.node.eid);
          }
          edges.set(row.edge.id, {
            id: row.edge.id,
            type: row.edge.type,
            source: '',
            target: '',
            sourceEid: row.edge.source,
            targetEid: row.edge.target,
            since: row.edge.since ?? null,
          });
        }
        const degrees = new Map(rows.map((r) => [r.from, r.degree]));
        for (const [from, n] of returned) if (n >= perNode) omitted += Math.max(0, (degrees.get(from) ?? n) - n);
        omitted += cut.size;
        frontier = next;
      }
      const out: GraphNode[] = [...nodes.values()].map((n) => ({ id: n.id, label: n.label, name: n.name, category: n.category }));
      const idOf = (eid: string) => nodes.get(eid)?.id;
      const outEdges: GraphEdge[] = [];
      for (const e of edges.values()) {
        const source = idOf(e.sourceEid);
        const target = idOf(e.targetEid);
        if (!source || !target) continue;
        outEdges.push({ id: e.id, type: e.type, source, target, since: e.since });
      }
      const practitioners = [...nodes.values()].filter((n) => n.label === 'Practitioner').map((n) => n.id);
      if (practitioners.length >= 2 && practitioners.length <= MAX_TIE_PRACTITIONERS) {
        // Only pairs who worked together: KNOWS is a real edge already, forums and agencies are nodes in view.
        const ties = await repo.collaborationTiesAmong(practitioners, query.asOf);
        for (const t of ties.ties.values()) {
          if (t.evidence.collaborationDates.length === 0) continue;
          const first = [...t.evidence.collaborationDates].sort()[0] ?? null;
          outEdges.push({
            id: `tie:${t.a}|${t.b}`,
            type: 'COLLABORATED',
            source: t.a,
            target: t.b,
            strength: Math.round(t.strength * 1000) / 1000,
            since: first,
          });
        }
      }
      return { nodes: out, edges: outEdges, omitted };
    },
  };
}
