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

const LABEL_ZOOM = 1.1;

function layoutOptions(n: number, randomize: boolean, override?: Record<string, unknown>) {
  return {
    name: 'fcose',
    quality: n > 600 ? 'draft' : 'default',
    randomize,
    animate: n < 300,
    animationDuration: 400,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => (n > 600 ? 60 : 70),
    numIter: n > 600 ? 1200 : 2500,
    packComponents: true,
    ...override,
  } as cytoscape.LayoutOptions;
}

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
    let zoomedIn = false;
    cy.on('zoom', () => {
      const z = cy.zoom() > LABEL_ZOOM;
      if (z !== zoomedIn) {
        zoomedIn = z;
        container.current?.classList.toggle('zoomed-in', z);
        cy.batch(() => cy.nodes().toggleClass('show-label', z));
      }
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const t0 = performance.now();
    const wanted = new Map(elements.map((e) => [e.data.id, e]));
    let added = 0;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      const toAdd: CyElement[] = [];
      for (const e of elements) {
        const existing = cy.getElementById(e.data.id);
        if (existing.nonempty()) {
          existing.data(e.data);
          existing.classes(e.classes ?? '');
        } else {
          toAdd.push({ group: e.group, data: e.data, classes: e.classes ?? '' } as CyElement);
        }
      }
      added = toAdd.length;
      const hadNodes = cy.nodes().length > 0;
      // Nodes first so edges find their endpoints.
      const newNodes = cy.add(toAdd.filter((e) => e.group === 'nodes'));
      cy.add(toAdd.filter((e) => e.group === 'edges'));
      // Incremental: start new nodes next to a placed neighbour (never all on one spot, which degenerates fcose).
      if (hadNodes) {
        newNodes.forEach((n) => {
          const anchor = n.neighborhood('node').filter((m) => !newNodes.contains(m)).first() as cytoscape.NodeSingular;
          const p = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
          n.position({ x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 });
        });
      }
      if (cy.zoom() > LABEL_ZOOM) cy.nodes().addClass('show-label');
    });
    if (added > 0) {
      const n = cy.nodes().length;
      layoutRef.current?.stop();
      const layout = cy.layout(layoutOptions(n, added >= n / 2 || n < 3, layoutOverride));
      layoutRef.current = layout;
      const t1 = performance.now();
      layout.one('layoutstop', () => {
        const t2 = performance.now();
        // A handful of nodes should not be blown up to fill the canvas.
        if (cy.zoom() > 1.4) {
          cy.zoom(1.4);
          cy.center();
        }
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
      });
      layout.run();
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
