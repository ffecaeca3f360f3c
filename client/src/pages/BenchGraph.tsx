import type { GraphEdge, GraphNode } from '@knotwork/graph-schema';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useSearchParams } from 'react-router';
import { CyGraph, type CyGraphHandle } from '../graph/CyGraph';
import { buildView, NODE_TYPES, sectorColours, toElements } from '../graph/elements';

const SECTORS = Object.keys(sectorColours);

declare global {
  interface Window {
    __knotworkBench?: {
      elements: number;
      nodes: number;
      edges: number;
      /** Mapping the payload to elements + adding them + layout + the first painted frame. */
      totalMs: number;
      layoutMs: number;
      mapMs: number;
      phases: { mapMs: number; addMs: number; layoutMs: number; renderMs: number };
    };
    __knotworkBenchStart?: () => void;
    /** Selects node i as a click in the explorer would (new elements with the selection class). */
    __knotworkBenchSelect?: (i: number) => void;
    /** Zooms around the centre of the canvas (the screenshot of labels when zoomed in). */
    __knotworkBenchZoom?: (factor: number) => void;
  }
}

const nodeId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A seeded pseudo-random graph (no API): used by bench/client.ts to time layout + render in Chromium. */
function synthetic(n: number, seed = 42): { nodes: GraphNode[]; edges: GraphEdge[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const id = nodeId;
  const nodeCount = Math.round(n * 0.4);
  const nodes: GraphNode[] = Array.from({ length: nodeCount }, (_, i) => {
    const label = i === 0 ? 'Practitioner' : NODE_TYPES[Math.floor(rnd() * 6)]!;
    // Agencies carry a sector (their fill colour), as in a real neighbourhood.
    return { id: id(i), label, name: `Node ${i}`, category: label === 'Agency' ? SECTORS[i % SECTORS.length]! : null };
  });
  // Tie types follow the endpoint types (as the API's would), so the graph mixes line styles and colours.
  const tieType = (a: number, b: number, fallback: string) => {
    const pair = new Set([nodes[a]!.label, nodes[b]!.label]);
    if (pair.size === 1) return fallback;
    if (pair.has('Need')) return 'ADDRESSED_BY';
    if (pair.has('Locality')) return pair.has('Forum') ? 'MEETS_IN' : 'SERVES';
    if (pair.has('Practitioner')) return pair.has('Agency') ? 'WORKS_FOR' : pair.has('Specialism') ? 'HAS_SPECIALISM' : 'ATTENDS';
    if (pair.has('Agency')) return pair.has('Forum') ? 'CONVENES' : 'OFFERS';
    return fallback;
  };
  const edges: GraphEdge[] = [];
  // A spanning tree keeps everything connected to the focus, then random extra ties (clustered).
  for (let i = 1; i < nodeCount; i++) {
    const parent = Math.floor(rnd() * i);
    edges.push({ id: `t${i}`, type: tieType(parent, i, 'KNOWS'), source: id(parent), target: id(i), strength: rnd() });
  }
  while (nodes.length + edges.length < n) {
    const a = Math.floor(rnd() * nodeCount);
    const b = Math.min(nodeCount - 1, a + 1 + Math.floor(rnd() * 30));
    if (a !== b) edges.push({ id: `x${edges.length}`, type: tieType(a, b, 'COLLABORATED'), source: id(a), target: id(b), strength: rnd() });
  }
  return { nodes, edges };
}

export default function BenchGraphPage() {
  const [sp] = useSearchParams();
  const n = Math.min(5000, Number(sp.get('n') ?? 2000) || 2000);
  // start=manual: wait for window.__knotworkBenchStart(), so that the benchmark can read the CPU counters right
  // before the elements are handed over (page load, React and Cytoscape start-up are then not counted).
  const [started, setStarted] = useState(sp.get('start') !== 'manual');
  const [selected, setSelected] = useState<string | null>(null);
  const graph = useRef<CyGraphHandle>(null);
  useEffect(() => {
    window.__knotworkBenchStart = () => flushSync(() => setStarted(true));
    window.__knotworkBenchSelect = (i: number) => flushSync(() => setSelected(nodeId(i)));
    window.__knotworkBenchZoom = (factor: number) => graph.current?.zoom(factor);
  }, []);
  const layout = useMemo(() => {
    try {
      return sp.get('layout') ? (JSON.parse(sp.get('layout')!) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }, [sp]);
  const data = useMemo(() => synthetic(n), [n]);
  const { elements, mapMs } = useMemo(() => {
    if (!started) return { elements: [], mapMs: 0 };
    const t = performance.now();
    const focusId = data.nodes[0]!.id;
    const els = toElements(buildView(data, { focusId, cap: 5000 }), { focusId, selectedId: selected });
    return { elements: els, mapMs: performance.now() - t };
  }, [data, started, selected]);
  return (
    <div>
      <h1>Graph benchmark ({elements.length} elements)</h1>
      <div style={{ height: 700 }} className="bench-canvas">
        <CyGraph
          ref={graph}
          elements={elements}
          ariaLabel="Synthetic benchmark graph"
          layout={layout}
          onLayoutDone={(layoutMs, phases) => {
            window.__knotworkBench = {
              elements: elements.length,
              nodes: elements.filter((e) => e.group === 'nodes').length,
              edges: elements.filter((e) => e.group === 'edges').length,
              totalMs: mapMs + layoutMs,
              layoutMs,
              mapMs,
              phases: { mapMs, ...phases },
            };
          }}
        />
      </div>
    </div>
  );
}
