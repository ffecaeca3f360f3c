import type { GraphEdge, GraphNode, NeighbourhoodResponse } from '@knotwork/graph-schema';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchNeighbourhood, graphKeys, useNeighbourhood, usePaths } from '../api/graph';
import { useSearch } from '../api/search';
import { EntityLink, ErrorMessage, Loading, TypeBadge } from '../components/ui';
import { CyGraph, type CyGraphHandle } from '../graph/CyGraph';
import {
  buildView,
  dateRange,
  EDGE_TYPES,
  edgeTypeStyle,
  edgeWords,
  mergeNeighbourhoods,
  neighbourIndex,
  neighboursOf,
  NODE_TYPES,
  nodeTypeStyle,
  pathNodeIds,
  sectorColours,
  tieWords,
  toElements,
} from '../graph/elements';
import { parseExplorerState, serialiseExplorerState, type ExplorerState } from '../graph/url-state';
import { formatDate, professionName, sectorName } from '../lib/format';
import { PathList } from './Profile';

const dayMs = 86_400_000;
const toDay = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
const fromDay = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);

function StartPicker() {
  const [q, setQ] = useState('');
  const search = useSearch({ q, limit: 8 }, q.trim().length > 1);
  return (
    <div className="card start-picker">
      <h2>Start from someone or something</h2>
      <label htmlFor="start-q">Search for a person, agency, specialism, need or forum</label>
      <input id="start-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      <ul className="pick-list">
        {(search.data?.hits ?? []).map((h) => (
          <li key={h.id}>
            <Link to={`/network?focus=${h.id}`}>
              {h.name}
            </Link>{' '}
            <TypeBadge type={h.type} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function describeNode(n: GraphNode) {
  if (n.label === 'Practitioner') return professionName(n.category);
  if (n.label === 'Agency') return sectorName(n.category);
  return n.category ? n.category.replaceAll('-', ' ') : '';
}

/** Phones and tablets (a coarse pointer or any touch points): their help says tap, not double-click. */
const touchScreen = () => window.matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0;

export default function ExplorerPage() {
  const [sp, setSp] = useSearchParams();
  const state = parseExplorerState(sp);
  const pathFrom = sp.get('pathFrom');
  const graph = useRef<CyGraphHandle>(null);
  const update = (patch: Partial<ExplorerState>) => {
    const next = serialiseExplorerState({ ...state, ...patch });
    if (pathFrom) next.set('pathFrom', pathFrom);
    setSp(next, { replace: true });
  };

  const limit = Math.min(2000, Math.max(200, state.cap * 3));
  // The time slider is applied on the client (to the full history), so the fetch is not keyed by date.
  const base = useNeighbourhood(state.focus ?? undefined, { depth: state.depth, limit });
  const expansions = useQueries({
    queries: state.expanded.map((id) => ({
      queryKey: graphKeys.neighbourhood(id, { depth: 1, limit: 200 }),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchNeighbourhood(id, { depth: 1, limit: 200 }, signal),
      staleTime: 60_000,
    })),
  });
  // With the time slider, the introduction path is the one that existed on that date.
  const paths = usePaths({ from: pathFrom, to: state.focus ?? undefined, asOf: state.asOf ?? undefined });
  const bestPath = paths.data?.paths[0];
  const pathIds = useMemo(() => (bestPath ? pathNodeIds(bestPath.hops) : []), [bestPath]);

  const merged = useMemo((): Pick<NeighbourhoodResponse, 'nodes' | 'edges'> | null => {
    if (!base.data) return null;
    let m: Pick<NeighbourhoodResponse, 'nodes' | 'edges'> = base.data;
    for (const q of expansions) if (q.data) m = mergeNeighbourhoods(m, q.data);
    if (bestPath) {
      const nodes: GraphNode[] = [];
      const edges: GraphEdge[] = [];
      for (const h of bestPath.hops) {
        nodes.push({ id: h.from.id, label: 'Practitioner', name: h.from.name, category: null });
        nodes.push({ id: h.to.id, label: 'Practitioner', name: h.to.name, category: null });
        edges.push({ id: `path:${h.from.id}:${h.to.id}`, type: 'COLLABORATED', source: h.from.id, target: h.to.id, strength: h.strength });
      }
      m = mergeNeighbourhoods(m, { nodes, edges });
    }
    return m;
  }, [base.data, expansions.map((q) => q.dataUpdatedAt).join(','), bestPath]);

  const view = useMemo(
    () =>
      merged && state.focus
        ? buildView(merged, {
            focusId: state.focus,
            hiddenNodeTypes: state.hideNodes,
            hiddenEdgeTypes: state.hideEdges,
            asOf: state.asOf,
            cap: Math.max(state.cap, pathIds.length),
          })
        : null,
    [merged, state.focus, state.hideNodes.join(), state.hideEdges.join(), state.asOf, state.cap, pathIds.length],
  );
  const elements = useMemo(
    () => (view && state.focus ? toElements(view, { focusId: state.focus, pathIds, selectedId: state.selected }) : []),
    [view, state.focus, pathIds, state.selected],
  );
  const range = useMemo(() => (merged ? dateRange(merged.edges) : null), [merged]);
  const presentTypes = useMemo(() => new Set(merged?.nodes.map((n) => n.label)), [merged]);
  const presentEdgeTypes = useMemo(() => new Set(merged?.edges.map((e) => e.type)), [merged]);

  const selectedNode = view?.nodes.find((n) => n.id === state.selected) ?? null;
  const focusNode = merged?.nodes.find((n) => n.id === state.focus) ?? null;

  const toggleList = (key: 'hideNodes' | 'hideEdges', value: string) => {
    const cur = new Set(state[key]);
    if (cur.has(value)) cur.delete(value);
    else cur.add(value);
    update({ [key]: [...cur] });
  };
  const expand = (id: string) => {
    if (id !== state.focus && !state.expanded.includes(id)) update({ expanded: [...state.expanded, id], selected: id });
  };

  if (!state.focus) {
    return (
      <div>
        <h1>Network explorer</h1>
        <p className="muted">See who works with whom, which forums bring agencies together, and how the network grew.</p>
        <StartPicker />
      </div>
    );
  }

  const expanding = expansions.some((q) => q.isFetching);

  return (
    <div className="explorer">
      <div className="explorer-head">
        <h1>
          Network around {focusNode ? focusNode.name : '…'}
        </h1>
        <div className="view-toggle" role="group" aria-label="View">
          <button type="button" aria-pressed={state.view === 'graph'} onClick={() => update({ view: 'graph' })}>
            Graph
          </button>
          <button type="button" aria-pressed={state.view === 'list'} onClick={() => update({ view: 'list' })}>
            List
          </button>
        </div>
      </div>
      <div className="toolbar" role="toolbar" aria-label="Network controls">
        <label>
          Depth{' '}
          <select value={state.depth} onChange={(e) => update({ depth: Number(e.target.value) as 1 | 2 | 3, expanded: [] })}>
            <option value={1}>1 step</option>
            <option value={2}>2 steps</option>
            <option value={3}>3 steps</option>
          </select>
        </label>
        {state.view === 'graph' ? (
          <>
            <button type="button" onClick={() => graph.current?.fit()}>
              Fit
            </button>
            <button type="button" onClick={() => graph.current?.zoom(1.3)} aria-label="Zoom in">
              +
            </button>
            <button type="button" onClick={() => graph.current?.zoom(1 / 1.3)} aria-label="Zoom out">
              −
            </button>
            <button type="button" onClick={() => graph.current?.relayout()}>
              Re-layout
            </button>
          </>
        ) : null}
        {range ? (
          <div className="time-slider">
            <label htmlFor="as-of">Network as of</label>
            <input
              id="as-of"
              type="range"
              min={toDay(range.min)}
              max={toDay(range.max)}
              value={state.asOf ? Math.min(toDay(state.asOf), toDay(range.max)) : toDay(range.max)}
              onChange={(e) => {
                const d = fromDay(Number(e.target.value));
                update({ asOf: d >= range.max ? null : d });
              }}
              aria-valuetext={state.asOf ? formatDate(state.asOf) : 'today'}
            />
            <output htmlFor="as-of">{state.asOf ? formatDate(state.asOf) : 'Today'}</output>
            {state.asOf ? (
              <button type="button" className="link-button" onClick={() => update({ asOf: null })}>
                Back to today
              </button>
            ) : null}
          </div>
        ) : null}
      </div>

      {pathFrom ? (
        <div className="card path-card">
          <h2>Introduction path</h2>
          {paths.isLoading ? <Loading what="Finding paths" /> : null}
          {paths.isError ? <ErrorMessage error={paths.error} /> : null}
          {paths.data ? <PathList data={{ ...paths.data, paths: paths.data.paths.slice(0, 3) }} /> : null}
          <p className="muted small">The best route is drawn in red on the graph.</p>
        </div>
      ) : null}

      <div className="explorer-body">
        <aside className="legend" aria-label="Legend and filters">
          <fieldset>
            <legend>Show node types</legend>
            {NODE_TYPES.filter((t) => presentTypes.has(t)).map((t) => {
              const st = nodeTypeStyle[t];
              return (
                <div className="check" key={t}>
                  <input
                    id={`nt-${t}`}
                    type="checkbox"
                    checked={!state.hideNodes.includes(t)}
                    onChange={() => toggleList('hideNodes', t)}
                  />
                  <label htmlFor={`nt-${t}`}>
                    <span className="swatch" style={{ color: st.colour }} aria-hidden="true">
                      {st.symbol}
                    </span>{' '}
                    {st.plural}
                  </label>
                </div>
              );
            })}
          </fieldset>
          {presentTypes.has('Agency') ? (
            <details>
              <summary>Agency colours by sector</summary>
              <ul className="sector-legend">
                {Object.entries(sectorColours).map(([s, c]) => (
                  <li key={s}>
                    <span className="swatch" style={{ color: c }} aria-hidden="true">
                      ▬
                    </span>{' '}
                    {sectorName(s)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <fieldset>
            <legend>Show ties</legend>
            {EDGE_TYPES.filter((t) => presentEdgeTypes.has(t)).map((t) => {
              const st = edgeTypeStyle[t];
              return (
                <div className="check" key={t}>
                  <input
                    id={`et-${t}`}
                    type="checkbox"
                    checked={!state.hideEdges.includes(t)}
                    onChange={() => toggleList('hideEdges', t)}
                  />
                  <label htmlFor={`et-${t}`}>
                    <span
                      className="line-sample"
                      aria-hidden="true"
                      style={{ borderTopColor: st?.colour ?? '#64748b', borderTopStyle: st?.line ?? 'solid' }}
                    />{' '}
                    {edgeWords(t)}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <p className="muted small">Thicker lines are stronger ties (recent joint work weighs most).</p>
        </aside>

        <section className="canvas-area" aria-label={state.view === 'graph' ? 'Graph' : 'List of the neighbourhood'}>
          {base.isLoading ? <Loading what="Loading the neighbourhood" /> : null}
          {base.isError ? <ErrorMessage error={base.error} /> : null}
          {view ? (
            <p className="view-status" aria-live="polite">
              Showing {view.nodes.length} of {view.nodes.length + view.hidden} connected
              {view.filtered ? ` (${view.filtered} hidden by filters or date)` : ''}.{expanding ? ' Expanding…' : ''}
              {view.hidden > 0 ? (
                <button type="button" onClick={() => update({ cap: Math.min(2000, state.cap + 100) })}>
                  Show {Math.min(100, view.hidden)} more
                </button>
              ) : null}
            </p>
          ) : null}
          {state.view === 'graph' ? (
            <>
              <CyGraph
                ref={graph}
                elements={elements}
                onSelect={(id) => update({ selected: id })}
                onExpand={expand}
                ariaLabel={`Network graph around ${focusNode?.name ?? 'the chosen node'}; the same data is available in the list view.`}
              />
              <p className="muted small graph-help">
                {touchScreen()
                  ? 'Tap a node to see its details and the Expand button below. Pinch to zoom, drag to pan.'
                  : 'Click a node to see its details; double-click to expand it. Scroll to zoom, drag to pan.'}
              </p>
            </>
          ) : view ? (
            <ListView view={view} focusId={state.focus} onSelect={(id) => update({ selected: id })} onExpand={expand} selected={state.selected} />
          ) : null}
        </section>

        <aside className="side-panel" aria-label="Selected node">
          {selectedNode && view ? (
            <div>
              <TypeBadge type={selectedNode.label} />
              <h2>{selectedNode.name}</h2>
              <p className="muted">{describeNode(selectedNode)}</p>
              <div className="actions">
                <EntityLink label={selectedNode.label} id={selectedNode.id}>
                  Open profile
                </EntityLink>
                {selectedNode.id !== state.focus ? (
                  <>
                    <button type="button" onClick={() => expand(selectedNode.id)} disabled={state.expanded.includes(selectedNode.id)}>
                      {state.expanded.includes(selectedNode.id) ? 'Expanded' : 'Expand'}
                    </button>
                    <button type="button" onClick={() => update({ focus: selectedNode.id, expanded: [], selected: null })}>
                      Centre here
                    </button>
                  </>
                ) : null}
              </div>
              <h3>Ties shown</h3>
              <ul className="tie-list">
                {neighboursOf(view, selectedNode.id).slice(0, 30).map((r) => (
                  <li key={`${r.type}:${r.node.id}`}>
                    <button type="button" className="link-button" onClick={() => update({ selected: r.node.id })}>
                      {r.node.name}
                    </button>{' '}
                    <span className="muted">
                      {tieWords(r.type, r.direction)}
                      {r.strength !== undefined ? ` · ${Math.round(r.strength * 100)}%` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">Select a node to see its details here.</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function ListView({
  view,
  focusId,
  selected,
  onSelect,
  onExpand,
}: {
  view: ReturnType<typeof buildView>;
  focusId: string;
  selected: string | null;
  onSelect: (id: string) => void;
  onExpand: (id: string) => void;
}) {
  const groups = NODE_TYPES.map((t) => [t, view.nodes.filter((n) => n.label === t)] as const).filter(([, ns]) => ns.length);
  const ties = useMemo(() => neighbourIndex(view), [view]);
  return (
    <div className="list-view">
      {groups.map(([t, nodes]) => (
        <section key={t}>
          <h2>
            {nodeTypeStyle[t].plural} ({nodes.length})
          </h2>
          <ul>
            {nodes.map((n) => {
              const nodeTies = ties.get(n.id) ?? [];
              return (
                <li key={n.id} className={n.id === selected ? 'selected' : ''}>
                  <EntityLink label={n.label} id={n.id}>
                    {n.name}
                  </EntityLink>
                  {n.id === focusId ? <strong> (centre)</strong> : null} <span className="muted">{describeNode(n)}</span>
                  <span className="list-actions">
                    <button type="button" onClick={() => onSelect(n.id)} aria-label={`Details of ${n.name}`}>
                      Details
                    </button>
                    {n.id !== focusId ? (
                      <button type="button" onClick={() => onExpand(n.id)} aria-label={`Expand ${n.name}`}>
                        Expand
                      </button>
                    ) : null}
                  </span>
                  <div className="muted small">
                    {nodeTies
                      .slice(0, 6)
                      .map((r) => `${tieWords(r.type, r.direction)} ${r.node.name}${r.strength !== undefined ? ` (${Math.round(r.strength * 100)}%)` : ''}`)
                      .join('; ')}
                    {nodeTies.length > 6 ? `; and ${nodeTies.length - 6} more` : ''}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
