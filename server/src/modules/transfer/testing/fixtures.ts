import { createHash } from 'node:crypto';
import type { DirectoryLabel, RelationshipType } from '@knotwork/graph-schema';
import { generateSeedGraph, type SeedOptions } from '@knotwork/seed';
import { stringify } from 'csv-stringify/sync';
import { fileNameFor, nodeColumns, nodeToCells, relationshipColumns, relationshipToCells } from '../csv-format.js';

/**
 * Test helpers: the seed generator's output as Knotwork CSV files, and an order-preserving id remapping, so
 * that tests sharing one database can load the "same" graph several times under different ids and compare
 * exports byte for byte after mapping back.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Keeps the first 24 characters (so the sort order by id is kept) and replaces the last 12 hex digits. */
export function remapId(id: string, namespace: string): string {
  return id.slice(0, 24) + createHash('sha1').update(`${namespace}:${id}`).digest('hex').slice(0, 12);
}

export function remapFiles(
  files: Record<string, string>,
  namespace: string,
  sources: [from: string, to: string],
): { files: Record<string, string>; back: (text: string) => string } {
  const reverse = new Map<string, string>();
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    out[name] = text
      .replace(UUID, (id) => {
        const n = remapId(id, namespace);
        reverse.set(n, id);
        return n;
      })
      .replaceAll(sources[0], sources[1]);
  }
  return {
    files: out,
    back: (text) => text.replace(UUID, (id) => reverse.get(id) ?? id).replaceAll(sources[1], sources[0]),
  };
}

const line = (cells: string[]) => stringify([cells], { record_delimiter: '\n' });

/** Generated graph as Knotwork CSV (every label and type), with `source` set to `source`. */
export function generatedCsvFiles(options: SeedOptions, source: string): Record<string, string> {
  const files = new Map<string, string>();
  for (const b of generateSeedGraph(options)) {
    if (b.kind === 'nodes') {
      const label = b.label as DirectoryLabel;
      const name = fileNameFor(label);
      let text = files.get(name) ?? line(nodeColumns[label]);
      for (const r of b.rows) text += line(nodeToCells(label, { ...r, source }));
      files.set(name, text);
    } else {
      const type = b.type as RelationshipType;
      const name = fileNameFor(type);
      let text = files.get(name) ?? line(relationshipColumns(type));
      for (const r of b.rows) text += line(relationshipToCells(type, { ...r, fromLabel: b.fromLabel, toLabel: b.toLabel }));
      files.set(name, text);
    }
  }
  return Object.fromEntries(files);
}
