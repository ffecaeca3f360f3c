import {
  DirectoryLabel,
  nodeSchemas,
  relationshipTypes,
  toStoredProps,
  type ImportFile,
  type ImportReport,
  type RejectedRecord,
  type RelationshipType,
} from '@knotwork/graph-schema';
import { uuidv5 } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';
import { throwIfStopped } from '../../lib/stop.js';
import { enqueueSearchSync, enqueueSearchSyncBeforeDelete, enqueueSyncScopes } from '../../search/outbox.repository.js';
import { isSearchable, relationshipSyncScope, SHOWN_FIELDS } from '../../search/sync-scope.js';
import { ChangeExamples, changedFields } from './import-diff.js';
import { deleteNodesById, existingIds, mergeNodes, mergeRelationships, nodesOfSource, storedPropsById } from './transfer.repository.js';

/**
 * What an import will write, built and validated completely before anything is written:
 * nodes in API shape (already validated by the Input schemas) and relationships by node id.
 */
export interface PlannedNode {
  label: DirectoryLabel;
  id: string;
  /** validated Input output (API shape) */
  data: Record<string, unknown>;
  sourceKey?: string;
  /** explicit meta from a Knotwork CSV (kept on round trips) */
  meta?: { createdAt?: string; updatedAt?: string; lastVerifiedAt?: string | null };
  file?: string;
  line?: number;
}
export interface PlannedRel {
  type: RelationshipType;
  fromLabel: DirectoryLabel;
  toLabel: DirectoryLabel;
  from: string;
  to: string;
  properties: Record<string, unknown>;
  file?: string;
  line?: number;
}
export interface ImportPlan {
  format: string;
  sourceName: string;
  nodes: PlannedNode[];
  rels: PlannedRel[];
  rejected: RejectedRecord[];
  /** Records imported with a field dropped or changed. */
  warnings: RejectedRecord[];
  unmapped: Map<string, number>; // `${file}\u0000${field}` -> count
  files: ImportFile[];
  /** Ids of every source record the input names, imported or rejected: a rejected row is not "gone from the source". */
  seen: Set<string>;
}

/** Malformed input: nothing is written. Each error names file and line. */
export class ImportFormatError extends Error {
  constructor(readonly errors: RejectedRecord[]) {
    super(
      `The import is malformed; nothing was written:\n${errors
        .slice(0, 20)
        .map((e) => `  ${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}${e.field ? ` [${e.field}]` : ''} ${e.reason}`)
        .join('\n')}${errors.length > 20 ? `\n  … and ${errors.length - 20} more` : ''}`,
    );
    this.name = 'ImportFormatError';
  }
}

export const SOURCE_NAME = /^[a-z0-9._-]{1,60}$/;

export function newPlan(format: string, sourceName: string): ImportPlan {
  if (!SOURCE_NAME.test(sourceName)) throw new Error('import name must be 1–60 characters of a-z, 0-9, ., _ or -');
  return { format, sourceName, nodes: [], rels: [], rejected: [], warnings: [], unmapped: new Map(), files: [], seen: new Set() };
}

export function noteUnmapped(plan: ImportPlan, file: string, field: string, count = 1) {
  const key = `${file}\u0000${field}`;
  plan.unmapped.set(key, (plan.unmapped.get(key) ?? 0) + count);
}

/** Deterministic id of an imported record: UUID v5 of `import:<name>:<Label>:<sourceKey>`. */
export function importId(sourceName: string, label: string, sourceKey: string): string {
  return uuidv5(`import:${sourceName}:${label}:${sourceKey}`);
}

/**
 * Validates API-shaped data with the label's Input schema. An invalid optional field is dropped (its default
 * applies) with a warning and the record is imported; only a record whose required fields are invalid is
 * rejected (returns null).
 */
export function validateNode(
  plan: ImportPlan,
  label: DirectoryLabel,
  candidate: Record<string, unknown>,
  where: { file?: string; line?: number },
): Record<string, unknown> | null {
  const schema = nodeSchemas[label].input;
  const attempt = { ...candidate };
  const dropped: RejectedRecord[] = [];
  for (;;) {
    const res = schema.safeParse(attempt);
    if (res.success) {
      plan.warnings.push(...dropped);
      return res.data as Record<string, unknown>;
    }
    const fields = new Set(res.error.issues.map((i) => String(i.path[0] ?? '')));
    const fieldSchema = (f: string) => (f in schema.shape ? schema.shape[f as keyof typeof schema.shape] : undefined);
    const optional = (f: string) => f in attempt && Boolean(fieldSchema(f)?.safeParse(undefined).success);
    if (![...fields].every(optional)) {
      for (const issue of res.error.issues) {
        plan.rejected.push({ ...where, field: issue.path.join('.') || undefined, reason: `${label}: ${issue.message}` });
      }
      return null;
    }
    for (const issue of res.error.issues) {
      const value = attempt[String(issue.path[0])];
      const shown = typeof value === 'string' ? ` "${value.slice(0, 80)}"` : '';
      dropped.push({ ...where, field: issue.path.join('.'), reason: `${label}:${shown} ${issue.message}: the field was left empty, the record imported` });
    }
    // empty means empty: null where the field can be null ("not stated"), not the default a new record would get
    for (const f of fields) {
      if (fieldSchema(f)?.safeParse(null).success) attempt[f] = null;
      else delete attempt[f];
    }
  }
}

/** `text` cut to `max` characters, with a warning saying so (nothing is shortened silently). */
export function fitText(plan: ImportPlan, text: string, max: number, where: { file?: string; line?: number; field: string }): string {
  if (text.length <= max) return text;
  plan.warnings.push({ ...where, reason: `truncated from ${text.length} to ${max} characters` });
  return text.slice(0, max);
}

/**
 * Keys that must be unique within a file: a repeated id is an error (which row would win is not the
 * importer's guess to make). Returns the records by key.
 */
export function uniqueBy<T extends { line: number }>(file: string, records: T[], key: (r: T) => string, errors: RejectedRecord[]): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const r of records) {
    const k = key(r);
    if (!k) continue;
    const first = byKey.get(k);
    if (first) errors.push({ file, line: r.line, field: 'id', reason: `duplicate id "${k.slice(0, 80)}": also on line ${first.line}` });
    else byKey.set(k, r);
  }
  return byKey;
}

export function validateRelProps(
  plan: ImportPlan,
  type: RelationshipType,
  candidate: Record<string, unknown>,
  where: { file?: string; line?: number },
): Record<string, unknown> | null {
  const res = relationshipTypes[type].props.safeParse(candidate);
  if (res.success) return Object.fromEntries(Object.entries(res.data as Record<string, unknown>).filter(([, v]) => v !== undefined));
  for (const issue of res.error.issues) plan.rejected.push({ ...where, field: issue.path.join('.') || undefined, reason: `${type}: ${issue.message}` });
  return null;
}

const SINGLE_TX_LIMIT = 20_000;
const CHUNK = 2_000;

/**
 * Checks relationship endpoints (in the plan or already in the database), compares every planned node with what
 * is stored (created / updated with the changed fields / unchanged) and finds this source's records that the
 * input no longer has (missing). A dry run stops there: its report is the diff. Otherwise writes what changes
 * with MERGE by id (idempotent) — in one transaction when the import is small (all or nothing), else in chunks —
 * and, with `sync`, retires the missing records. Partner imports (`searchSync`) enqueue search sync for every
 * written searchable node in the same transaction.
 */
export async function writePlan(
  db: Db,
  plan: ImportPlan,
  options: {
    dryRun?: boolean;
    searchSync?: boolean;
    /** Retire (remove) the records of this source that the input no longer has. */
    sync?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Checked between transactions: an abort stops the write after the last complete one (StoppedError). */
    signal?: AbortSignal;
  } = {},
): Promise<ImportReport> {
  const now = new Date().toISOString();
  const source = `import:${plan.sourceName}`;
  // endpoints
  const planned = new Map<string, DirectoryLabel>();
  for (const n of plan.nodes) planned.set(n.id, n.label);
  const missingByLabel = new Map<DirectoryLabel, Set<string>>();
  for (const r of plan.rels) {
    for (const [id, label] of [
      [r.from, r.fromLabel],
      [r.to, r.toLabel],
    ] as const) {
      if (planned.get(id) === label) continue;
      const set = missingByLabel.get(label) ?? new Set<string>();
      set.add(id);
      missingByLabel.set(label, set);
    }
  }
  const inDb = new Map<DirectoryLabel, Set<string>>();
  for (const [label, ids] of missingByLabel) inDb.set(label, await db.read((tx) => existingIds(tx, label, [...ids])));
  const rels = plan.rels.filter((r) => {
    for (const [id, label, end] of [
      [r.from, r.fromLabel, 'from'],
      [r.to, r.toLabel, 'to'],
    ] as const) {
      if (planned.get(id) !== label && !inDb.get(label)?.has(id)) {
        plan.rejected.push({ file: r.file, line: r.line, field: end, reason: `${r.type}: no ${label} with id ${id} in this import or the database` });
        return false;
      }
    }
    return true;
  });

  // Grouped with push (a spread copy per row would be quadratic in a large file's rows).
  const nodeGroups = new Map<DirectoryLabel, PlannedNode[]>();
  for (const n of plan.nodes) {
    const group = nodeGroups.get(n.label);
    if (group) group.push(n);
    else nodeGroups.set(n.label, [n]);
  }

  const storedRow = (label: DirectoryLabel, n: PlannedNode) => {
    const props = toStoredProps({
      ...n.data,
      id: n.id,
      source: n.meta ? (n.data.source ?? source) : source,
      ...(n.sourceKey ? { sourceKey: n.sourceKey } : {}),
      ...(label === 'Practitioner' || label === 'Agency' ? { lastVerifiedAt: n.meta ? (n.meta.lastVerifiedAt ?? null) : now } : {}),
      updatedAt: n.meta?.updatedAt ?? now,
      ...(n.meta?.createdAt ? { createdAt: n.meta.createdAt } : {}),
    });
    return { id: n.id, props, createOnly: n.meta?.createdAt ? {} : { createdAt: now } };
  };

  // the diff
  const report: ImportReport = {
    format: plan.format,
    created: {},
    updated: {},
    unchanged: {},
    missing: {},
    retired: {},
    changes: [],
    rejected: plan.rejected,
    warnings: plan.warnings,
    unmappedFields: [...plan.unmapped].map(([key, count]) => {
      const [file, field] = key.split('\u0000');
      return { file: file!, field: field!, count };
    }),
    files: plan.files,
    dryRun: Boolean(options.dryRun),
    sync: Boolean(options.sync),
  };
  const add = (bucket: Record<string, number>, key: string, n: number) => {
    if (n) bucket[key] = (bucket[key] ?? 0) + n;
  };
  const examples = new ChangeExamples();
  const toWrite = new Map<DirectoryLabel, ReturnType<typeof storedRow>[]>();
  for (const [label, nodes] of nodeGroups) {
    const rows: ReturnType<typeof storedRow>[] = [];
    for (let i = 0; i < nodes.length; i += CHUNK) {
      const part = nodes.slice(i, i + CHUNK);
      const stored = await db.read((tx) => storedPropsById(tx, label, part.map((n) => n.id)));
      for (const n of part) {
        const row = storedRow(label, n);
        const name = typeof n.data.name === 'string' ? n.data.name : undefined;
        const before = stored.get(n.id);
        if (!before) {
          add(report.created, label, 1);
          examples.add({ change: 'create', label, id: n.id, ...(name ? { name } : {}), fields: [] });
          rows.push(row);
          continue;
        }
        const fields = changedFields(row.props, before);
        if (!fields.length) {
          add(report.unchanged, label, 1);
          continue;
        }
        add(report.updated, label, 1);
        examples.add({ change: 'update', label, id: n.id, ...(name ? { name } : {}), fields });
        rows.push(row);
      }
    }
    toWrite.set(label, rows);
  }
  // Records of this source the input no longer has (a Knotwork CSV carries its records' own sources: no "source" to compare).
  const gone = new Map<DirectoryLabel, string[]>();
  if (plan.format !== 'knotwork-csv') {
    for (const label of DirectoryLabel.options) {
      const ofSource = await db.read((tx) => nodesOfSource(tx, label, source));
      const missing = ofSource.filter((n) => planned.get(n.id) !== label && !plan.seen.has(n.id));
      if (!missing.length) continue;
      add(report.missing, label, missing.length);
      gone.set(label, missing.map((n) => n.id));
      for (const n of missing) examples.add({ change: options.sync ? 'retire' : 'missing', label, id: n.id, ...(n.name ? { name: n.name } : {}), fields: [] });
    }
  }
  report.changes = examples.list;
  if (options.dryRun) return report;

  const relGroups = new Map<string, PlannedRel[]>();
  for (const r of rels) {
    const key = `${r.type}\u0000${r.fromLabel}\u0000${r.toLabel}`;
    const group = relGroups.get(key);
    if (group) group.push(r);
    else relGroups.set(key, [r]);
  }

  type Step = (tx: Parameters<Parameters<Db['write']>[0]>[0]) => Promise<void>;
  const steps: { size: number; run: Step }[] = [];
  for (const [label, rows] of toWrite) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      steps.push({
        size: part.length,
        run: async (tx) => {
          await mergeNodes(tx, label, part);
          // an import cannot cheaply tell which fields others' documents show: nodes that others' documents show take their dependents along
          if (options.searchSync && (isSearchable(label) || SHOWN_FIELDS[label])) {
            await enqueueSearchSync(tx, part.map((n) => n.id), { withDependents: Boolean(SHOWN_FIELDS[label]) });
          }
        },
      });
    }
  }
  const relCounts = { created: {} as Record<string, number>, updated: {} as Record<string, number> };
  for (const [key, group] of relGroups) {
    const [type, fromLabel, toLabel] = key.split('\u0000') as [RelationshipType, DirectoryLabel, DirectoryLabel];
    for (let i = 0; i < group.length; i += CHUNK) {
      const part = group.slice(i, i + CHUNK);
      steps.push({
        size: part.length,
        run: async (tx) => {
          const res = await mergeRelationships(tx, type, fromLabel, toLabel, part.map((r) => ({ from: r.from, to: r.to, properties: r.properties })));
          add(relCounts.created, type, res.created);
          add(relCounts.updated, type, res.updated);
          if (options.searchSync) {
            const scopes = part.map((r) => relationshipSyncScope(type, { id: r.from, label: fromLabel }, { id: r.to, label: toLabel }));
            await enqueueSyncScopes(tx, scopes);
          }
        },
      });
    }
  }
  if (options.sync) {
    for (const [label, ids] of gone) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        steps.push({
          size: part.length,
          run: async (tx) => {
            if (options.searchSync) for (const id of part) await enqueueSearchSyncBeforeDelete(tx, id, isSearchable(label));
            add(report.retired, label, await deleteNodesById(tx, label, part));
          },
        });
      }
    }
  }

  const total = steps.reduce((n, s) => n + s.size, 0);
  let done = 0;
  if (total <= SINGLE_TX_LIMIT) {
    // All or nothing. Counters are reset on a retried transaction.
    await db.write(async (tx) => {
      relCounts.created = {};
      relCounts.updated = {};
      report.retired = {};
      for (const s of steps) {
        throwIfStopped(options.signal, () => 'import stopped before it was committed: nothing was written (it is one transaction)');
        await s.run(tx);
      }
    });
    options.onProgress?.(total, total);
  } else {
    for (const s of steps) {
      throwIfStopped(
        options.signal,
        () =>
          `import stopped at a safe point: ${done} of ${total} records written in complete batches, ${total - done} not written; ` +
          'run the same import again to complete it (records are merged by id, so nothing is duplicated)',
      );
      await db.write(s.run);
      done += s.size;
      options.onProgress?.(done, total);
    }
  }
  for (const [type, n] of Object.entries(relCounts.created)) add(report.created, type, n);
  for (const [type, n] of Object.entries(relCounts.updated)) add(report.updated, type, n);
  return report;
}
