import type { StylesheetJson } from 'cytoscape';
import {
  defaultEdgeStyle,
  EDGE_WIDTH_STEPS,
  edgeTypeClass,
  edgeTypeStyle,
  NODE_SIZES,
  nodeTypeStyle,
  sectorClass,
  sectorColours,
  typeClass,
} from './elements';

/**
 * Cytoscape style built from the same tables as the legend (elements.ts), so legend and graph agree.
 *
 * Every look is a class rule (type, sector, size bucket, tie type, width bucket: see nodeStyleClasses and
 * edgeStyleClasses) with fixed values — no data() mappers, which Cytoscape evaluates and parses per element.
 * Each element gets as few properties as possible: applying a property to an element is the costly part of
 * styling 2,000 of them, so the text properties go only to the nodes whose label is shown.
 *
 * Labels (CyGraph decides which): the best-connected nodes ("major") and, when zoomed in, "show-label" nodes;
 * "crowded" ones (covering a more important label) only when zoomed far in; focus, selection and path always.
 */
const LABELLED = 'node.major, node.show-label, node.focus, node.selected-node, node.on-path';
export const stylesheet: StylesheetJson = [
  { selector: 'node', style: { 'border-width': 2, 'border-color': '#ffffff' } },
  { selector: 'node.t-other', style: { 'background-color': '#57534e' } },
  ...Object.entries(nodeTypeStyle).map(([type, st]) => ({
    selector: `node.${typeClass(type)}`,
    style: { 'background-color': st.colour, shape: st.shape as never },
  })),
  ...Object.entries(sectorColours).map(([sector, colour]) => ({
    selector: `node.${sectorClass(sector)}`,
    style: { 'background-color': colour },
  })),
  ...NODE_SIZES.map((px) => ({ selector: `node.sz-${px}`, style: { width: px, height: px } })),
  {
    selector: LABELLED,
    style: {
      label: 'data(label)',
      'font-size': 11,
      'min-zoomed-font-size': 7,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      // Labelled nodes (and so their labels) are drawn over the unlabelled ones.
      'z-index': 5,
    },
  },
  { selector: 'node.crowded', style: { label: '', 'z-index': 0 } },
  { selector: 'node.crowded.show-label', style: { label: 'data(label)', 'z-index': 5 } },
  { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold' } },
  { selector: 'node.selected-node', style: { 'border-width': 4, 'border-color': '#f59e0b', 'overlay-opacity': 0 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
  { selector: 'edge', style: { opacity: 0.55, 'curve-style': 'haystack' } },
  { selector: 'edge.et-other', style: { 'line-color': defaultEdgeStyle.colour } },
  ...Object.entries(edgeTypeStyle).map(([type, st]) => ({
    selector: `edge.${edgeTypeClass(type)}`,
    // 'solid' is Cytoscape's default line style: not set, one property less per edge.
    style: st.line === 'solid' ? { 'line-color': st.colour } : { 'line-color': st.colour, 'line-style': st.line as never },
  })),
  ...EDGE_WIDTH_STEPS.map((n) => ({ selector: `edge.w-${n}`, style: { width: n / 2 } })),
  { selector: 'node.on-path', style: { 'border-width': 5, 'border-color': '#dc2626' } },
  {
    selector: 'edge.on-path',
    style: { 'line-color': '#dc2626', opacity: 1, width: 6, 'z-index': 10, 'line-style': 'solid' },
  },
  // Focus, selection and path: label at every zoom, over a crowded one.
  { selector: 'node.focus, node.selected-node, node.on-path', style: { label: 'data(label)', 'min-zoomed-font-size': 0, 'z-index': 10 } },
  { selector: '.faded', style: { opacity: 0.15 } },
];
