/** The explorer's state in the URL, so a view can be shared and bookmarked. */
export interface ExplorerState {
  focus: string | null;
  depth: 1 | 2 | 3;
  hideNodes: string[];
  hideEdges: string[];
  asOf: string | null;
  cap: number;
  view: 'graph' | 'list';
  selected: string | null;
  /** Ids of nodes expanded by clicking. */
  expanded: string[];
}

export const DEFAULT_CAP = 150;

const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
const isDate = (v: string | null) => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));

export function parseExplorerState(params: URLSearchParams): ExplorerState {
  const depth = Number(params.get('depth'));
  const cap = Number(params.get('cap'));
  return {
    focus: params.get('focus') || null,
    depth: depth === 2 || depth === 3 ? depth : 1,
    hideNodes: list(params.get('hideNodes')),
    hideEdges: list(params.get('hideEdges')),
    asOf: isDate(params.get('asOf')) ? params.get('asOf') : null,
    cap: Number.isInteger(cap) && cap > 0 && cap <= 2000 ? cap : DEFAULT_CAP,
    view: params.get('view') === 'list' ? 'list' : 'graph',
    selected: params.get('selected') || null,
    expanded: list(params.get('expanded')).slice(0, 20),
  };
}

/** Only non-default values are written, so URLs stay short. */
export function serialiseExplorerState(s: ExplorerState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.focus) p.set('focus', s.focus);
  if (s.depth !== 1) p.set('depth', String(s.depth));
  if (s.hideNodes.length) p.set('hideNodes', s.hideNodes.join(','));
  if (s.hideEdges.length) p.set('hideEdges', s.hideEdges.join(','));
  if (s.asOf) p.set('asOf', s.asOf);
  if (s.cap !== DEFAULT_CAP) p.set('cap', String(s.cap));
  if (s.view !== 'graph') p.set('view', s.view);
  if (s.selected) p.set('selected', s.selected);
  if (s.expanded.length) p.set('expanded', s.expanded.join(','));
  return p;
}
