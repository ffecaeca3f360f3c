import cytoscape, { type Core, type ElementDefinition as CyElement } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { ElementDefinition } from './elements';
import { stylesheet } from './stylesheet';

let registered = false;
function ensureRegistered() {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
}

export interface CyGraphHandle {
  fit(): void;
  zoom(factor: number): void;
  relayout(): void;
  center(id: string): void;
}

interface Props {
  elements: ElementDefinition[];
  onSelect?: (id: string | null) => void;
  onExpand?: (id: string) => void;
  /** Called after each layout with the time it took (ms), for the benchmark. */
  onLayoutDone?: (ms: number, phases: { addMs: number; layoutMs: number; renderMs: number }) => void;
  ariaLabel: string;
  /** Layout options over the defaults (benchmarks). */
  layout?: Record<string, unknown>;
}

/**
 * Above this many nodes fcose runs only its spectral ("draft") phase: its force-directed phase costs about a
 * second of CPU per 300 nodes here (bench/RESULTS.md, Client). Same threshold as the smaller nodes of elements.ts.
 */
export const LARGE_GRAPH = 300;

function layoutOptions(n: number, randomize: boolean, override?: Record<string, unknown>) {
  const large = n > LARGE_GRAPH;
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    randomize,
    animate: !large,
    animationDuration: 400,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => (large ? 60 : 70),
    numIter: 2500,
    packComponents: true,
    ...override,
  } as cytoscape.LayoutOptions;
}

/**
 * Expanding a node of a large graph: fcose's draft quality cannot keep the placed nodes where they are (it only
 * lays out from scratch), and its full quality would take seconds, so the new nodes go on a ring around the
 * placed neighbour they came with.
 */
export function placeAroundAnchors(cy: Core, newNodes: cytoscape.NodeCollection) {
  const byAnchor = new Map<string, cytoscape.NodeSingular[]>();
  const centre = { x: (cy.extent().x1 + cy.extent().x2) / 2, y: (cy.extent().y1 + cy.extent().y2) / 2 };
  newNodes.forEach((n) => {
    const anchor = n.neighborhood('node').filter((m) => !newNodes.contains(m)).max((m) => (m as cytoscape.NodeSingular).degree(false)).ele as cytoscape.NodeSingular | undefined;
    const key = anchor?.id() ?? '';
    (byAnchor.get(key) ?? byAnchor.set(key, []).get(key)!).push(n);
  });
  cy.batch(() => {
    for (const [anchorId, nodes] of byAnchor) {
      const p = anchorId ? cy.getElementById(anchorId).position() : centre;
      const radius = 40 + nodes.length * 4;
      nodes.forEach((n, i) => {
        const a = (2 * Math.PI * i) / nodes.length;
        n.position({ x: p.x + radius * Math.cos(a), y: p.y + radius * Math.sin(a) });
      });
    }
  });
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/**
 * Labels that do not pile up. Labels scale with the zoom, so two labels that overlap at one zoom overlap at every
 * zoom: after each layout, walk the nodes by priority (focus, path, selection, best-connected first) and call a
 * node crowded when its label or body would overlap the label or body of a node already kept (a uniform grid
 * keeps this linear).
 * Which labels are drawn then depends on the zoom level (labelLevel): the uncrowded best-connected ("major") nodes
 * when zoomed out, every uncrowded node from zoom 1.1, all from zoom 2.5; focus, selection and path always.
 * Only nodes whose label changes are restyled, once the zoom gesture has stopped.
 */
export function crowdedLabels(cy: Core): Set<string> {
  const rank = (n: cytoscape.NodeSingular) =>
    (n.hasClass('focus') ? 4e6 : 0) + (n.hasClass('on-path') ? 2e6 : 0) + (n.hasClass('selected-node') ? 1e6 : 0) + (n.hasClass('major') ? 1e5 : 0) + n.degree(false);
  const nodes = cy.nodes().map((n) => ({ n, r: rank(n) })).sort((a, b) => b.r - a.r);
  const cell = 80;
  const grid = new Map<string, { x1: number; x2: number; y1: number; y2: number }[]>();
  const crowded = new Set<string>();
  type Box = { x1: number; x2: number; y1: number; y2: number };
  const cellsOf = (b: Box) => {
    const out: string[] = [];
    for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++)
      for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++) out.push(`${gx},${gy}`);
    return out;
  };
  const hits = (b: Box) => cellsOf(b).some((c) => grid.get(c)?.some((o) => b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2));
  for (const { n, r } of nodes) {
    const p = n.position();
    // The label's box (11 px font, text below the node; see stylesheet.ts) and the node's own box: a labelled
    // node is drawn over unlabelled ones, so its body must not cover a kept label either, nor the other way round.
    const w = String(n.data('label') ?? '').length * 6.4 + 4;
    const half = n.width() / 2;
    const top = p.y + n.height() / 2 + 3;
    const label = { x1: p.x - w / 2, x2: p.x + w / 2, y1: top, y2: top + 15 };
    const body = { x1: p.x - half, x2: p.x + half, y1: p.y - half, y2: p.y + half };
    if (r < 1e6 && (hits(label) || hits(body))) crowded.add(n.id());
    else for (const b of [label, body]) for (const c of cellsOf(b)) (grid.get(c) ?? grid.set(c, []).get(c)!).push(b);
  }
  return crowded;
}

/** 0: major labels only; 1: every uncrowded label; 2: all labels. */
export const labelLevel = (zoom: number) => (zoom < 1.1 ? 0 : zoom < 2.5 ? 1 : 2);

function applyLabels(cy: Core, crowded: Set<string>, level: number) {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const isCrowded = crowded.has(n.id());
      if (isCrowded !== n.hasClass('crowded') && n.hasClass('major')) n.toggleClass('crowded', isCrowded);
      if (!isCrowded && n.hasClass('crowded')) n.removeClass('crowded');
      const show = level === 2 || (level === 1 && !isCrowded);
      if (show !== n.hasClass('show-label')) n.toggleClass('show-label', show);
    });
  });
}

/** Classes CyGraph sets itself (labels), kept when an element's classes are replaced. */
const ownClasses = (el: cytoscape.SingularElementArgument) =>
  (el.hasClass('crowded') ? ' crowded' : '') + (el.hasClass('show-label') ? ' show-label' : '');

/**
 * Cytoscape driven directly: created once, changes batched, destroyed on unmount
 * (CONVENTIONS: no thin React wrapper). Single tap selects, double tap (or Enter in the list view) expands.
 */
export const CyGraph = forwardRef<CyGraphHandle, Props>(function CyGraph(
  { elements, onSelect, onExpand, onLayoutDone, ariaLabel, layout: layoutOverride },
  ref,
) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const layoutRef = useRef<cytoscape.Layouts | null>(null);
  /** The element definitions last applied, to update only what changed. */
  const defsRef = useRef(new Map<string, ElementDefinition>());
  const labelsRef = useRef({ crowded: new Set<string>(), level: 0 });
  const handlers = useRef({ onSelect, onExpand, onLayoutDone });
  handlers.current = { onSelect, onExpand, onLayoutDone };

  useEffect(() => {
    ensureRegistered();
    const cy = cytoscape({
      container: container.current,
      style: stylesheet,
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      hideEdgesOnViewport: true,
      textureOnViewport: false,
      motionBlur: false,
      pixelRatio: 1,
      boxSelectionEnabled: false,
    });
    cyRef.current = cy;
    cy.on('tap', 'node', (evt) => handlers.current.onSelect?.(evt.target.id()));
    cy.on('dbltap', 'node', (evt) => handlers.current.onExpand?.(evt.target.id()));
    cy.on('tap', (evt) => {
      if (evt.target === cy) handlers.current.onSelect?.(null);
    });
    // Labels follow the zoom level once the gesture has stopped (edges are hidden while it lasts).
    let timer: ReturnType<typeof setTimeout> | undefined;
    cy.on('zoom', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const level = labelLevel(cy.zoom());
        if (level !== labelsRef.current.level) {
          labelsRef.current.level = level;
          applyLabels(cy, labelsRef.current.crowded, level);
        }
      }, 120);
    });
    return () => {
      clearTimeout(timer);
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const t0 = performance.now();
    const wanted = new Map(elements.map((e) => [e.data.id, e]));
    const previous = defsRef.current;
    let added = 0;
    let newNodes: cytoscape.NodeCollection | null = null;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      const toAdd: CyElement[] = [];
      for (const e of elements) {
        const existing = cy.getElementById(e.data.id);
        if (existing.nonempty()) {
          // Only what changed: setting data or classes restyles the element (selecting a node must not restyle 2,000).
          const before = previous.get(e.data.id);
          if (!before || !sameData(before.data, e.data)) existing.data(e.data);
          if (!before || (before.classes ?? '') !== (e.classes ?? '')) {
            existing.classes(`${e.classes ?? ''}${ownClasses(existing)}`);
          }
        } else {
          toAdd.push({ group: e.group, data: e.data, classes: e.classes ?? '' } as CyElement);
        }
      }
      added = toAdd.length;
      const hadNodes = cy.nodes().length > 0;
      // One add, nodes before edges so edges find their endpoints.
      const fresh = cy.add(toAdd.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1)));
      newNodes = fresh.nodes();
      // Incremental: start new nodes next to a placed neighbour (never all on one spot, which degenerates fcose).
      if (hadNodes) {
        newNodes.forEach((n) => {
          const anchor = n.neighborhood('node').filter((m) => !newNodes!.contains(m)).first() as cytoscape.NodeSingular;
          const p = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
          n.position({ x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 });
        });
      }
    });
    defsRef.current = wanted;
    if (added > 0) {
      const n = cy.nodes().length;
      const randomize = added >= n / 2 || n < 3;
      layoutRef.current?.stop();
      const t1 = performance.now();
      const settled = () => {
        const t2 = performance.now();
        // A handful of nodes should not be blown up to fill the canvas.
        if (cy.zoom() > 1.4) {
          cy.zoom(1.4);
          cy.center();
        }
        labelsRef.current.crowded = crowdedLabels(cy);
        labelsRef.current.level = labelLevel(cy.zoom());
        applyLabels(cy, labelsRef.current.crowded, labelsRef.current.level);
        // Done when Cytoscape has drawn the laid-out graph (its 'render' event; two frames at most if nothing was
        // left to draw) and the browser has painted that frame (the task after it).
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          cy.off('render', finish);
          setTimeout(() => {
            const t3 = performance.now();
            handlers.current.onLayoutDone?.(t3 - t0, { addMs: t1 - t0, layoutMs: t2 - t1, renderMs: t3 - t2 });
          }, 0);
        };
        cy.one('render', finish);
        requestAnimationFrame(() => requestAnimationFrame(finish));
      };
      if (!randomize && n > LARGE_GRAPH && newNodes && !layoutOverride) {
        placeAroundAnchors(cy, newNodes);
        settled();
      } else {
        const layout = cy.layout(layoutOptions(n, randomize, layoutOverride));
        layoutRef.current = layout;
        layout.one('layoutstop', settled);
        layout.run();
      }
    }
  }, [elements]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => cyRef.current?.animate({ fit: { eles: cyRef.current.elements(), padding: 30 }, duration: 200 }),
      zoom: (factor: number) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      relayout: () => {
        const cy = cyRef.current;
        if (!cy) return;
        layoutRef.current?.stop();
        layoutRef.current = cy.layout(layoutOptions(cy.nodes().length, true));
        layoutRef.current.one('layoutstop', () => {
          labelsRef.current.crowded = crowdedLabels(cy);
          applyLabels(cy, labelsRef.current.crowded, labelsRef.current.level);
        });
        layoutRef.current.run();
      },
      center: (id: string) => {
        const cy = cyRef.current;
        const el = cy?.getElementById(id);
        if (cy && el?.nonempty()) cy.animate({ center: { eles: el }, duration: 200 });
      },
    }),
    [],
  );

  return <div ref={container} className="cy" role="img" aria-label={ariaLabel} />;
});
