import { relationshipTypes, type DirectoryLabel, type RelationshipType } from '@knotwork/graph-schema';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../lib/db.js';
import {
  DIRECTORY_LABELS,
  fileNameFor,
  nodeColumns,
  nodeToCells,
  RELATIONSHIP_TYPES,
  relationshipColumns,
  relationshipToCells,
} from './csv-format.js';
import { countByLabel, neighbourhood, nodesPage, relationshipsPage } from './transfer.repository.js';

const PAGE = 5_000;

export interface ExportOptions {
  /** only nodes whose `source` is one of these (and relationships between such nodes) */
  sources?: string[] | null;
  /** redact practitioners' phone/bio where visibility is 'coordinators' (exports for non-coordinators) */
  redactForViewer?: boolean;
  onProgress?: (done: number, label: string) => void;
}

function redact(node: Record<string, unknown>): Record<string, unknown> {
  const out = { ...node };
  if (out.phoneVisibility === 'coordinators') out.phone = null;
  if (out.bioVisibility === 'coordinators') out.bio = '';
  return out;
}

const csvLine = (cells: string[]) => stringify([cells], { record_delimiter: '\n' });

/** Streams one CSV file (header + rows, ordered by id / start id, end id) as text chunks. */
export async function* csvChunks(db: Db, what: DirectoryLabel | RelationshipType, options: ExportOptions = {}): AsyncGenerator<string> {
  const sources = options.sources?.length ? options.sources : null;
  if ((DIRECTORY_LABELS as string[]).includes(what)) {
    const label = what as DirectoryLabel;
    yield csvLine(nodeColumns[label]);
    let after = '';
    for (;;) {
      const page = await db.read((tx) => nodesPage(tx, label, after, PAGE, sources));
      if (!page.length) break;
      let out = '';
      for (const n of page) out += csvLine(nodeToCells(label, label === 'Practitioner' && options.redactForViewer ? redact(n) : n));
      yield out;
      after = String(page[page.length - 1]!.id);
      options.onProgress?.(page.length, label);
      if (page.length < PAGE) break;
    }
    return;
  }
  const type = what as RelationshipType;
  const spec = relationshipTypes[type];
  yield csvLine(relationshipColumns(type));
  for (const fromLabel of spec.from as readonly DirectoryLabel[]) {
    for (const toLabel of spec.to as readonly DirectoryLabel[]) {
      let after = '';
      for (;;) {
        const page = await db.read((tx) => relationshipsPage(tx, type, fromLabel, toLabel, after, PAGE, sources));
        if (page.lastFrom === null) break;
        const rows = page.rows
          .map((r) => ({ ...r, fromLabel, toLabel, key: JSON.stringify(r.properties, Object.keys(r.properties).sort()) }))
          .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        let out = '';
        for (const r of rows) out += csvLine(relationshipToCells(type, r));
        if (out) yield out;
        options.onProgress?.(rows.length, type);
        after = page.lastFrom;
      }
    }
  }
}

export async function csvText(db: Db, what: DirectoryLabel | RelationshipType, options: ExportOptions = {}): Promise<string> {
  let text = '';
  for await (const chunk of csvChunks(db, what, options)) text += chunk;
  return text;
}

/** Every node and relationship file of the Knotwork CSV layout, in a fixed order. */
export const CSV_FILES: (DirectoryLabel | RelationshipType)[] = [...DIRECTORY_LABELS, ...RELATIONSHIP_TYPES];
export { fileNameFor };

export async function totalDirectoryNodes(db: Db): Promise<number> {
  let n = 0;
  for (const label of DIRECTORY_LABELS) n += await db.read((tx) => countByLabel(tx, label));
  return n;
}

// JSON and GraphML ----------------------------------------------------------------------------------------------

export interface GraphDocument {
  nodes: { id: string; label: string; properties: Record<string, unknown> }[];
  relationships: { type: string; from: string; to: string; properties: Record<string, unknown> }[];
}

/** The whole graph (optionally only some sources) or the neighbourhood of one node, as plain data. */
export async function graphDocument(
  db: Db,
  options: ExportOptions & { around?: string; depth?: number; cap?: number },
): Promise<GraphDocument | null> {
  if (options.around) {
    const sub = await neighbourhood(db, options.around, options.depth ?? 1, options.cap ?? 2_000);
    if (!sub) return null;
    const nodes = sub.nodes
      .map((n) => ({ id: String(n.props.id), label: n.label, properties: sortKeys(stripPrivate(n.props)) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const relationships = sub.rels
      .map((r) => ({ type: r.type, from: r.from, to: r.to, properties: sortKeys(r.props) }))
      .sort((a, b) => `${a.type} ${a.from} ${a.to}`.localeCompare(`${b.type} ${b.from} ${b.to}`));
    return { nodes, relationships };
  }
  const sources = options.sources?.length ? options.sources : null;
  const nodes: GraphDocument['nodes'] = [];
  for (const label of DIRECTORY_LABELS) {
    let after = '';
    for (;;) {
      const page = await db.read((tx) => nodesPage(tx, label, after, PAGE, sources));
      for (const p of page) nodes.push({ id: String(p.id), label, properties: sortKeys(p) });
      if (page.length < PAGE) break;
      after = String(page[page.length - 1]!.id);
    }
  }
  const relationships: GraphDocument['relationships'] = [];
  for (const type of RELATIONSHIP_TYPES) {
    const spec = relationshipTypes[type];
    for (const fromLabel of spec.from as readonly DirectoryLabel[])
      for (const toLabel of spec.to as readonly DirectoryLabel[]) {
        let after = '';
        for (;;) {
          const page = await db.read((tx) => relationshipsPage(tx, type, fromLabel, toLabel, after, PAGE, sources));
          if (page.lastFrom === null) break;
          for (const r of page.rows.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)))
            relationships.push({ type, from: r.from, to: r.to, properties: sortKeys(r.properties) });
          after = page.lastFrom;
        }
      }
  }
  return { nodes, relationships };
}

function stripPrivate(p: Record<string, unknown>): Record<string, unknown> {
  const { passwordHash: _p, ...rest } = p;
  return rest;
}
function sortKeys(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(p).sort().map((k) => [k, p[k]]));
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function graphmlType(v: unknown): string {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  return 'string';
}
function graphmlValue(v: unknown): string {
  if (Array.isArray(v) || (v && typeof v === 'object')) return JSON.stringify(v);
  return String(v);
}

/**
 * GraphML 1.0 (readable by Gephi, yEd, Cytoscape, NetworkX): node attribute `labels` (e.g. ":Practitioner"),
 * edge attribute `label` (the relationship type), every property as a typed <data> key; lists as JSON text.
 */
export function toGraphml(doc: GraphDocument): string {
  const nodeKeys = new Map<string, string>([['labels', 'string']]);
  const edgeKeys = new Map<string, string>([['label', 'string']]);
  for (const n of doc.nodes) for (const [k, v] of Object.entries(n.properties)) if (v !== null && !nodeKeys.has(k)) nodeKeys.set(k, graphmlType(v));
  for (const r of doc.relationships) for (const [k, v] of Object.entries(r.properties)) if (v !== null && !edgeKeys.has(k)) edgeKeys.set(k, graphmlType(v));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [k, t] of [...nodeKeys].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  <key id="n_${xmlEscape(k)}" for="node" attr.name="${xmlEscape(k)}" attr.type="${t}"/>`);
  for (const [k, t] of [...edgeKeys].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  <key id="e_${xmlEscape(k)}" for="edge" attr.name="${xmlEscape(k)}" attr.type="${t}"/>`);
  lines.push('  <graph id="knotwork" edgedefault="directed">');
  for (const n of doc.nodes) {
    lines.push(`    <node id="${xmlEscape(n.id)}">`);
    lines.push(`      <data key="n_labels">:${xmlEscape(n.label)}</data>`);
    for (const [k, v] of Object.entries(n.properties)) {
      if (v === null || v === undefined) continue;
      lines.push(`      <data key="n_${xmlEscape(k)}">${xmlEscape(graphmlValue(v))}</data>`);
    }
    lines.push('    </node>');
  }
  doc.relationships.forEach((r, i) => {
    lines.push(`    <edge id="e${i}" source="${xmlEscape(r.from)}" target="${xmlEscape(r.to)}" label="${r.type}">`);
    lines.push(`      <data key="e_label">${r.type}</data>`);
    for (const [k, v] of Object.entries(r.properties)) {
      if (v === null || v === undefined) continue;
      lines.push(`      <data key="e_${xmlEscape(k)}">${xmlEscape(graphmlValue(v))}</data>`);
    }
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
