import type { StylesheetJson } from 'cytoscape';

/** Cytoscape style: shape and colour come from element data (see elements.ts), so legend and graph agree. */
export const stylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      shape: 'data(shape)' as never,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 2,
      'border-color': '#ffffff',
      label: '',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#0f172a',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'text-max-width': '120px',
      'text-wrap': 'ellipsis',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'node.major', style: { label: 'data(label)' } },
  { selector: '.zoomed-in node', style: { label: 'data(label)' } },
  { selector: 'node.show-label', style: { label: 'data(label)' } },
  { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold' } },
  {
    selector: 'node.selected-node',
    style: { 'border-width': 4, 'border-color': '#f59e0b', 'overlay-opacity': 0, label: 'data(label)' },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(colour)',
      'line-style': 'data(line)' as never,
      opacity: 0.55,
      'curve-style': 'haystack',
    },
  },
  { selector: 'node.on-path', style: { 'border-width': 5, 'border-color': '#dc2626', label: 'data(label)' } },
  {
    selector: 'edge.on-path',
    style: { 'line-color': '#dc2626', opacity: 1, width: 6, 'z-index': 10, 'line-style': 'solid' },
  },
  { selector: '.faded', style: { opacity: 0.15 } },
];
