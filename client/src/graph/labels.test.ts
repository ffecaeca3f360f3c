import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { crowdedLabels, labelLevel, placeAroundAnchors } from './CyGraph';
import { stylesheet } from './stylesheet';

const graph = () =>
  cytoscape({
    headless: true,
    styleEnabled: true,
    style: stylesheet,
    layout: { name: 'preset' },
    elements: [
      { group: 'nodes', data: { id: 'f', label: 'Focus person' }, classes: 't-practitioner sz-44 focus major', position: { x: 0, y: 0 } },
      { group: 'nodes', data: { id: 'a', label: 'Right next to it' }, classes: 't-agency sz-20 major', position: { x: 10, y: 12 } },
      { group: 'nodes', data: { id: 'b', label: 'Far away' }, classes: 't-forum sz-20 major', position: { x: 400, y: 0 } },
      { group: 'nodes', data: { id: 'c', label: 'Also far, minor' }, classes: 't-need sz-12', position: { x: 0, y: 300 } },
      { group: 'edges', data: { id: 'fa', source: 'f', target: 'a' }, classes: 'et-works-for w-3' },
      { group: 'edges', data: { id: 'fb', source: 'f', target: 'b' }, classes: 'et-attends w-3' },
    ],
  });

describe('crowdedLabels', () => {
  it('keeps the focus label and hides labels that would cover it', () => {
    const crowded = crowdedLabels(graph());
    expect(crowded.has('f')).toBe(false);
    expect(crowded.has('a')).toBe(true);
    expect(crowded.has('b')).toBe(false);
    expect(crowded.has('c')).toBe(false);
  });

  it('never hides the selected node', () => {
    const cy = graph();
    cy.getElementById('a').addClass('selected-node');
    expect(crowdedLabels(cy).has('a')).toBe(false);
  });
});

describe('labelLevel', () => {
  it('shows more labels as the zoom grows', () => {
    expect(labelLevel(0.5)).toBe(0);
    expect(labelLevel(1.2)).toBe(1);
    expect(labelLevel(3)).toBe(2);
  });
});

describe('placeAroundAnchors', () => {
  it('puts the nodes of an expansion on a ring around the placed neighbour they came with', () => {
    const cy = cytoscape({ headless: true, layout: { name: 'preset' } });
    cy.add({ group: 'nodes', data: { id: 'old' }, position: { x: 100, y: 50 } });
    const fresh = cy.add([
      ...['n1', 'n2', 'n3'].map((id) => ({ group: 'nodes' as const, data: { id } })),
      ...['n1', 'n2', 'n3'].map((id) => ({ group: 'edges' as const, data: { id: `e${id}`, source: 'old', target: id } })),
    ]);
    placeAroundAnchors(cy, fresh.nodes());
    const ps = fresh.nodes().map((n) => n.position());
    for (const p of ps) expect(Math.hypot(p.x - 100, p.y - 50)).toBeCloseTo(52, 5);
    expect(new Set(ps.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBe(3);
  });
});
