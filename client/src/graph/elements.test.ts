import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '@knotwork/graph-schema';
import {
  buildView,
  dateRange,
  edgeStyleClasses,
  edgeWidth,
  mergeNeighbourhoods,
  neighbourIndex,
  neighboursOf,
  nodeColour,
  nodeStyleClasses,
  pathNodeIds,
  sectorColours,
  sizeClass,
  tieWords,
  toElements,
  widthClass,
} from './elements';
import { stylesheet } from './stylesheet';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const node = (n: number, label = 'Practitioner', category: string | null = null): GraphNode => ({
  id: id(n),
  label,
  name: `Node ${n}`,
  category,
});
const edge = (a: number, b: number, type = 'COLLABORATED', extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${a}-${b}`,
  type,
  source: id(a),
  target: id(b),
  ...extra,
});

describe('edgeWidth', () => {
  it('grows with tie strength and stays thin for structural edges', () => {
    expect(edgeWidth(undefined)).toBe(1.5);
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(1)).toBe(8);
    expect(edgeWidth(0.5)).toBeGreaterThan(edgeWidth(0.2));
    expect(edgeWidth(7)).toBe(8);
    expect(edgeWidth(-1)).toBe(1.5);
  });
});

describe('nodeColour', () => {
  it('colours agencies by sector and other nodes by type', () => {
    expect(nodeColour({ label: 'Agency', category: 'health' })).toBe(sectorColours.health);
    expect(nodeColour({ label: 'Agency', category: 'unknown' })).not.toBe(sectorColours.health);
    expect(nodeColour({ label: 'Practitioner', category: 'teacher' })).toMatch(/^#/);
  });
});

describe('buildView', () => {
  const data = {
    nodes: [node(1), node(2), node(3, 'Agency', 'health'), node(4, 'Forum'), node(5)],
    edges: [
      edge(1, 2, 'COLLABORATED', { strength: 0.9, since: '2024-03-01' }),
      edge(1, 3, 'WORKS_FOR'),
      edge(1, 4, 'ATTENDS', { since: '2022-01-01' }),
      edge(2, 5, 'KNOWS', { strength: 0.3, since: '2025-06-01' }),
    ],
  };

  it('keeps everything reachable without filters', () => {
    const v = buildView(data, { focusId: id(1) });
    expect(v.nodes.map((n) => n.id)).toEqual([id(1), id(2), id(3), id(4), id(5)]);
    expect(v.edges).toHaveLength(4);
    expect(v.hidden).toBe(0);
    expect(v.filtered).toBe(0);
  });

  it('orders neighbours by tie strength and caps, counting the rest', () => {
    const v = buildView(data, { focusId: id(1), cap: 2 });
    expect(v.nodes.map((n) => n.id)).toEqual([id(1), id(2)]);
    expect(v.edges).toHaveLength(1);
    expect(v.hidden).toBe(3);
  });

  it('hides node types but never the focus, and drops what becomes unreachable', () => {
    const v = buildView(data, { focusId: id(1), hiddenNodeTypes: ['Practitioner', 'Forum'] });
    expect(v.nodes.map((n) => n.id)).toEqual([id(1), id(3)]);
    expect(v.filtered).toBe(3);
  });

  it('hides edge types', () => {
    const v = buildView(data, { focusId: id(1), hiddenEdgeTypes: ['COLLABORATED'] });
    expect(v.nodes.map((n) => n.id).sort()).toEqual([id(1), id(3), id(4)].sort());
  });

  it('replays growth with the time slider: later edges and the nodes they alone reach disappear', () => {
    const v2023 = buildView(data, { focusId: id(1), asOf: '2023-01-01' });
    expect(v2023.nodes.map((n) => n.id).sort()).toEqual([id(1), id(3), id(4)].sort());
    const v2024 = buildView(data, { focusId: id(1), asOf: '2024-12-31' });
    expect(v2024.nodes.map((n) => n.id)).toContain(id(2));
    expect(v2024.nodes.map((n) => n.id)).not.toContain(id(5));
  });

  it('returns an empty view when the focus is not in the data', () => {
    const v = buildView(data, { focusId: id(99) });
    expect(v.nodes).toEqual([]);
    expect(v.edges).toEqual([]);
  });
});

describe('toElements', () => {
  it('maps nodes and edges with shape, colour, width and classes', () => {
    const data = { nodes: [node(1), node(2), node(3, 'Agency', 'vcs')], edges: [edge(1, 2, 'COLLABORATED', { strength: 1 }), edge(2, 3, 'WORKS_FOR')] };
    const view = buildView(data, { focusId: id(1) });
    const els = toElements(view, { focusId: id(1), pathIds: [id(1), id(2)], selectedId: id(3) });
    const n1 = els.find((e) => e.data.id === id(1))!;
    expect(n1.group).toBe('nodes');
    expect(n1.classes).toContain('focus');
    expect(n1.classes).toContain('on-path');
    expect(n1.classes!.split(' ')).toEqual(expect.arrayContaining(['t-practitioner', 'sz-44', 'major']));
    const agency = els.find((e) => e.data.id === id(3))!;
    expect(agency.classes!.split(' ')).toEqual(expect.arrayContaining(['t-agency', 's-vcs', 'selected-node']));
    const e12 = els.find((e) => e.group === 'edges' && e.data.source === id(1))!;
    expect(e12.classes!.split(' ').sort()).toEqual(['et-collaborated', 'on-path', 'w-16']);
    const e23 = els.find((e) => e.group === 'edges' && e.data.source === id(2))!;
    expect(e23.classes).toBe('et-works-for w-3');
    // No per-element style values in data: the stylesheet maps classes only.
    expect(n1.data).not.toHaveProperty('colour');
    expect(e12.data).not.toHaveProperty('width');
  });

  it('gives every node and tie classes the stylesheet has rules for', () => {
    const selectors = new Set(stylesheet.map((r) => r.selector));
    const data = {
      nodes: [node(1), node(2, 'Agency', 'health'), node(3, 'Forum'), node(4, 'Mystery')],
      edges: [edge(1, 2, 'WORKS_FOR'), edge(1, 3, 'ATTENDS', { strength: 0.4 }), edge(3, 4, 'ODD_TIE')],
    };
    for (const el of toElements(buildView(data, { focusId: id(1) }), { focusId: id(1) })) {
      for (const c of el.classes!.split(' ')) {
        if (['focus', 'major', 'on-path', 'selected-node'].includes(c)) continue;
        expect(selectors.has(`${el.group === 'nodes' ? 'node' : 'edge'}.${c}`), `${el.group} class ${c}`).toBe(true);
      }
    }
  });
});

describe('style classes', () => {
  it('bucket sizes and widths', () => {
    expect(sizeClass(10)).toBe('sz-10');
    expect(sizeClass(23)).toBe('sz-24');
    expect(sizeClass(100)).toBe('sz-44');
    expect(widthClass(edgeWidth(0))).toBe('w-3');
    expect(widthClass(edgeWidth(1))).toBe('w-16');
    expect(widthClass(edgeWidth(0.5))).toBe('w-10');
  });

  it('colours agencies by sector, other nodes by type', () => {
    expect(nodeStyleClasses({ label: 'Agency', category: 'health' }, 20)).toBe('t-agency s-health sz-20');
    expect(nodeStyleClasses({ label: 'Agency', category: 'nowhere' }, 20)).toBe('t-agency sz-20');
    expect(nodeStyleClasses({ label: 'Need', category: 'health' }, 20)).toBe('t-need sz-20');
    expect(edgeStyleClasses('HAS_SPECIALISM', null)).toBe('et-has-specialism w-3');
  });

  it('shortens long labels', () => {
    const long = { ...node(1), name: 'A very long name of an agency that goes on and on' };
    const els = toElements(buildView({ nodes: [long], edges: [] }, { focusId: id(1) }), { focusId: id(1) });
    expect(String(els[0]!.data.label).length).toBeLessThanOrEqual(28);
    expect(els[0]!.data.name).toBe(long.name);
  });

  it('stays fast and complete at 2,000 elements', () => {
    const nodes = Array.from({ length: 800 }, (_, i) => node(i + 1, i % 5 ? 'Practitioner' : 'Agency'));
    const edges = Array.from({ length: 1200 }, (_, i) => edge(1 + (i % 800), 1 + ((i * 7 + 3) % 800), 'KNOWS', { id: `k${i}` }));
    const t = performance.now();
    const view = buildView({ nodes, edges: edges.filter((e) => e.source !== e.target) }, { focusId: id(1), cap: 2000 });
    const els = toElements(view, { focusId: id(1) });
    expect(performance.now() - t).toBeLessThan(200);
    expect(els.filter((e) => e.group === 'nodes').length).toBe(view.nodes.length);
  });
});

describe('mergeNeighbourhoods', () => {
  it('unions nodes and edges without duplicates, keeping the stronger tie', () => {
    const a = { nodes: [node(1), node(2)], edges: [edge(1, 2, 'COLLABORATED', { strength: 0.2 })] };
    const b = { nodes: [node(2), node(3)], edges: [edge(1, 2, 'COLLABORATED', { strength: 0.7 }), edge(2, 3)] };
    const m = mergeNeighbourhoods(a, b);
    expect(m.nodes.map((n) => n.id)).toEqual([id(1), id(2), id(3)]);
    expect(m.edges).toHaveLength(2);
    expect(m.edges.find((e) => e.id === '1-2')!.strength).toBe(0.7);
  });
});

describe('helpers', () => {
  it('pathNodeIds lists the nodes of a path in order', () => {
    const hop = (a: number, b: number) => ({ from: { id: id(a) }, to: { id: id(b) } });
    expect(pathNodeIds([hop(1, 2), hop(2, 3)])).toEqual([id(1), id(2), id(3)]);
    expect(pathNodeIds([])).toEqual([]);
  });

  it('dateRange spans dated edges only', () => {
    expect(dateRange([edge(1, 2, 'X', { since: '2023-05-01' }), edge(2, 3, 'X', { since: '2021-01-02T10:00:00Z' }), edge(3, 4)])).toEqual({
      min: '2021-01-02',
      max: '2023-05-01',
    });
    expect(dateRange([edge(1, 2)])).toBeNull();
  });

  it('neighbourIndex gives every node what neighboursOf gives it', () => {
    const data = {
      nodes: [node(1), node(2), node(3, 'Agency', 'health'), node(4, 'Forum')],
      edges: [edge(1, 2, 'COLLABORATED', { strength: 0.2 }), edge(1, 3, 'WORKS_FOR'), edge(2, 4, 'ATTENDS'), edge(4, 1, 'CONVENES', { strength: 0.9 })],
    };
    const view = buildView(data, { focusId: id(1) });
    const index = neighbourIndex(view);
    for (const n of view.nodes) expect(index.get(n.id)).toEqual(neighboursOf(view, n.id));
  });

  it('neighboursOf lists strongest ties first', () => {
    const view = buildView(
      { nodes: [node(1), node(2), node(3)], edges: [edge(1, 2, 'KNOWS', { strength: 0.1 }), edge(3, 1, 'COLLABORATED', { strength: 0.8 })] },
      { focusId: id(1) },
    );
    expect(neighboursOf(view, id(1)).map((x) => x.node.id)).toEqual([id(3), id(2)]);
    expect(neighboursOf(view, id(1)).map((x) => x.direction)).toEqual(['in', 'out']);
  });

  it('tieWords reads a relationship from either end', () => {
    expect(tieWords('WORKS_FOR', 'out')).toBe('works for');
    expect(tieWords('WORKS_FOR', 'in')).toBe('employs');
    expect(tieWords('HAS_SPECIALISM', 'in')).toBe('held by');
    expect(tieWords('COLLABORATED', 'in')).toBe('worked with');
  });
});
