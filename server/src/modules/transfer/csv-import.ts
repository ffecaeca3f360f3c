import { IsoDateTime, relationshipTypes, type DirectoryLabel, type RejectedRecord, type RelationshipType } from '@knotwork/graph-schema';
import { slug } from '@knotwork/seed';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  cellsToNode,
  cellsToRelationshipProps,
  DIRECTORY_LABELS,
  nodeColumns,
  RELATIONSHIP_TYPES,
  relationshipColumns,
} from './csv-format.js';
import { ImportFormatError, importId, newPlan, noteUnmapped, validateNode, validateRelProps, type ImportPlan } from './import-plan.js';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * Parses CSV text strictly (consistent column counts, closed quotes). Returns the header and records with the
 * 1-based line where each record starts, or throws ImportFormatError with the line of the problem.
 */
export function parseCsv(file: string, text: string): { header: string[]; records: CsvRecord[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    throw new ImportFormatError([{ file, line: err.lines, reason: `malformed CSV: ${err.message.replace(/^Invalid [^:]*: /, '')}` }]);
  }
  if (!rows.length) throw new ImportFormatError([{ file, line: 1, reason: 'empty file: a header row is required' }]);
  const header = rows[0]!.record.map((h) => h.trim());
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new ImportFormatError([{ file, line: 1, field: dup, reason: `column "${dup}" appears twice` }]);
  // info.lines is the line where the record ENDS; compute where it starts from the previous record's end.
  const records: CsvRecord[] = [];
  let prevEnd = rows[0]!.info.lines;
  for (const row of rows.slice(1)) {
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = row.record[i] ?? ''));
    const start = prevEnd + 1;
    records.push({ line: start, values });
    prevEnd = row.info.lines;
  }
  return { header, records };
}

export function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.csv$/i, '');
}

function resolveKind(file: string): { label: DirectoryLabel } | { type: RelationshipType } | null {
  const base = baseName(file);
  const label = DIRECTORY_LABELS.find((l) => l.toLowerCase() === base.toLowerCase());
  if (label) return { label };
  const type = RELATIONSHIP_TYPES.find((t) => t === base.toUpperCase().replace(/-/g, '_') || relationshipTypes[t].path === base.toLowerCase());
  return type ? { type } : null;
}

const META = ['id', 'sourceKey', 'createdAt', 'updatedAt', 'lastVerifiedAt'];
const Uuid = z.uuid();

/**
 * Knotwork CSV import (the layout `export --format csv` writes; see csv-format.ts and README). Everything is
 * parsed and validated first; rows that fail validation are rejected with file, line, field and reason; a
 * malformed file aborts the whole import.
 */
export function planKnotworkCsv(files: Record<string, string>, sourceName: string): ImportPlan {
  const plan = newPlan('knotwork-csv', sourceName);
  const formatErrors: RejectedRecord[] = [];
  const parsed: { file: string; kind: NonNullable<ReturnType<typeof resolveKind>>; header: string[]; records: CsvRecord[] }[] = [];
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const kind = resolveKind(file);
    if (!kind) {
      plan.rejected.push({ file, reason: 'unknown file: expected <Label>.csv (e.g. Practitioner.csv) or <TYPE>.csv (e.g. WORKS_FOR.csv)' });
      continue;
    }
    try {
      const { header, records } = parseCsv(file, text);
      const known = 'label' in kind ? nodeColumns[kind.label] : relationshipColumns(kind.type);
      if ('type' in kind) {
        for (const req of ['from', 'to']) if (!header.includes(req)) formatErrors.push({ file, line: 1, field: req, reason: `missing column "${req}"` });
      }
      for (const h of header) {
        if (!known.includes(h)) noteUnmapped(plan, file, h, records.filter((r) => r.values[h]?.trim()).length);
      }
      parsed.push({ file, kind, header, records });
    } catch (e) {
      if (e instanceof ImportFormatError) formatErrors.push(...e.errors);
      else throw e;
    }
  }
  if (formatErrors.length) throw new ImportFormatError(formatErrors);

  const source = `import:${sourceName}`;
  const seenIds = new Map<string, string>();
  for (const { file, kind, header, records } of parsed) {
    if (!('label' in kind)) continue;
    const label = kind.label;
    const known = new Set(nodeColumns[label]);
    for (const { line, values } of records) {
      const where = { file, line };
      const fields: Record<string, string> = {};
      for (const h of header) if (known.has(h) && !META.includes(h)) fields[h] = values[h] ?? '';
      const candidate = cellsToNode(label, fields);
      if (!fields.source?.trim()) candidate.source = source;
      const sourceKey = values.sourceKey?.trim() || undefined;
      let id = values.id?.trim() ?? '';
      if (id && !Uuid.safeParse(id).success) {
        plan.rejected.push({ ...where, field: 'id', reason: 'must be a UUID' });
        continue;
      }
      if (!id && sourceKey) id = importId(sourceName, label, sourceKey);
      if (!id && typeof candidate.name === 'string' && candidate.name.trim()) id = importId(sourceName, label, `name:${slug(candidate.name)}`);
      if (!id) {
        plan.rejected.push({ ...where, field: 'id', reason: 'needs an id, a sourceKey or a name to identify the record' });
        continue;
      }
      const meta: { createdAt?: string; updatedAt?: string; lastVerifiedAt?: string | null } = {};
      let bad = false;
      for (const m of ['createdAt', 'updatedAt', 'lastVerifiedAt'] as const) {
        const v = values[m]?.trim();
        if (!v) continue;
        if (!IsoDateTime.safeParse(v).success) {
          plan.rejected.push({ ...where, field: m, reason: 'must be an ISO-8601 UTC date-time such as 2026-03-01T09:00:00.000Z' });
          bad = true;
        } else meta[m] = v;
      }
      if (bad) continue;
      if (header.includes('lastVerifiedAt') && !meta.lastVerifiedAt) meta.lastVerifiedAt = null;
      const data = validateNode(plan, label, candidate, where);
      if (!data) continue;
      const first = seenIds.get(id);
      if (first) {
        plan.rejected.push({ ...where, field: 'id', reason: `duplicate of ${first}` });
        continue;
      }
      seenIds.set(id, `${file} line ${line}`);
      plan.nodes.push({ label, id, data, ...(sourceKey ? { sourceKey } : {}), meta, file, line });
    }
  }
  for (const { file, kind, records } of parsed) {
    if (!('type' in kind)) continue;
    const type = kind.type;
    const spec = relationshipTypes[type];
    for (const { line, values } of records) {
      const where = { file, line };
      const from = values.from?.trim() ?? '';
      const to = values.to?.trim() ?? '';
      let ok = true;
      for (const [field, v] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (!Uuid.safeParse(v).success) {
          plan.rejected.push({ ...where, field, reason: `${type}: must be the UUID of a node` });
          ok = false;
        }
      }
      const fromLabel = (values.fromLabel?.trim() || spec.from[0]) as DirectoryLabel;
      const toLabel = (values.toLabel?.trim() || spec.to[0]) as DirectoryLabel;
      if (!(spec.from as readonly string[]).includes(fromLabel)) {
        plan.rejected.push({ ...where, field: 'fromLabel', reason: `${type} starts at ${spec.from.join(' or ')}` });
        ok = false;
      }
      if (!(spec.to as readonly string[]).includes(toLabel)) {
        plan.rejected.push({ ...where, field: 'toLabel', reason: `${type} ends at ${spec.to.join(' or ')}` });
        ok = false;
      }
      const props = validateRelProps(plan, type, cellsToRelationshipProps(values), where);
      if (!ok || !props) continue;
      plan.rels.push({ type, fromLabel, toLabel, from, to, properties: props, file, line });
    }
  }
  return plan;
}
