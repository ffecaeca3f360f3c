import {
  nodeSchemas,
  relationshipTypes,
  toStoredProps,
  type DirectoryLabel,
  type ImportReport,
  type RejectedRecord,
  type RelationshipType,
} from '@knotwork/graph-schema';
import { uuidv5 } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';
import { throwIfStopped } from '../../lib/stop.js';
import { enqueueSearchSync, enqueueSyncScopes } from '../../search/outbox.repository.js';
import { isSearchable, relationshipSyncScope, SHOWN_FIELDS } from '../../search/sync-scope.js';
import { existingIds, mergeNodes, mergeRelationships } from './transfer.repository.js';

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
  unmapped: Map<string, number>; // `${file}\u0000${field}` -> count
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
  return { format, sourceName, nodes: [], rels: [], rejected: [], unmapped: new Map() };
}

export function noteUnmapped(plan: ImportPlan, file: string, field: string, count = 1) {
  const key = `${file}\u0000${field}`;
  plan.unmapped.set(key, (plan.unmapped.get(key) ?? 0) + count);
}

/** Deterministic id of an imported record: UUID v5 of `import:<name>:<Label>:<sourceKey>`. */
export function importId(sourceName: string, label: string, sourceKey: string): string {
  return uuidv5(`import:${sourceName}:${label}:${sourceKey}`);
}

/** Validates API-shaped data with the label's Input schema; on failure records rejections and returns null. */
export function validateNode(
  plan: ImportPlan,
  label: DirectoryLabel,
  candidate: Record<string, unknown>,
  where: { file?: string; line?: number },
): Record<string, unknown> | null {
  const res = nodeSchemas[label].input.safeParse(candidate);
  if (res.success) return res.data as Record<string, unknown>;
  for (const issue of res.error.issues) {
    plan.rejected.push({ ...where, field: issue.path.join('.') || undefined, reason: `${label}: ${issue.message}` });
  }
  return null;
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
 * Checks relationship endpoints (in the plan or already in the database), then writes everything with MERGE by
 * id (idempotent), in one transaction when the import is small (all or nothing), otherwise in chunks.
 * Partner imports (`searchSync`) enqueue search sync for every touched searchable node in the same transaction.
 */
export async function writePlan(
  db: Db,
  plan: ImportPlan,
  options: {
    dryRun?: boolean;
    searchSync?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Checked between transactions: an abort stops the write after the last complete one (StoppedError). */
    signal?: AbortSignal;
  } = {},
): Promise<ImportReport> {
  const now = new Date().toISOString();
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

  const report: ImportReport = {
    format: plan.format,
    created: {},
    updated: {},
    rejected: plan.rejected,
    unmappedFields: [...plan.unmapped].map(([key, count]) => {
      const [file, field] = key.split('\u0000');
      return { file: file!, field: field!, count };
    }),
    dryRun: Boolean(options.dryRun),
  };
  if (options.dryRun) return report;

  // Grouped with push (a spread copy per row would be quadratic in a large file's rows).
  const nodeGroups = new Map<DirectoryLabel, PlannedNode[]>();
  for (const n of plan.nodes) {
    const group = nodeGroups.get(n.label);
    if (group) group.push(n);
    else nodeGroups.set(n.label, [n]);
  }
  const relGroups = new Map<string, PlannedRel[]>();
  for (const r of rels) {
    const key = `${r.type}\u0000${r.fromLabel}\u0000${r.toLabel}`;
    const group = relGroups.get(key);
    if (group) group.push(r);
    else relGroups.set(key, [r]);
  }
  const source = `import:${plan.sourceName}`;
  const total = plan.nodes.length + rels.length;
  let done = 0;
  const add = (bucket: Record<string, number>, key: string, n: number) => {
    if (n) bucket[key] = (bucket[key] ?? 0) + n;
  };

  type Step = (tx: Parameters<Parameters<Db['write']>[0]>[0]) => Promise<void>;
  const steps: { size: number; run: Step }[] = [];
  for (const [label, nodes] of nodeGroups) {
    for (let i = 0; i < nodes.length; i += CHUNK) {
      const part = nodes.slice(i, i + CHUNK);
      steps.push({
        size: part.length,
        run: async (tx) => {
          const rows = part.map((n) => {
            const props = toStoredProps({
              ...n.data,
              id: n.id,
              source: n.meta ? (n.data.source ?? source) : source,
              ...(n.sourceKey ? { sourceKey: n.sourceKey } : {}),
              ...(label === 'Practitioner' || label === 'Agency'
                ? { lastVerifiedAt: n.meta ? (n.meta.lastVerifiedAt ?? null) : now }
                : {}),
              updatedAt: n.meta?.updatedAt ?? now,
              ...(n.meta?.createdAt ? { createdAt: n.meta.createdAt } : {}),
            });
            return { id: n.id, props, createOnly: n.meta?.createdAt ? {} : { createdAt: now } };
          });
          const res = await mergeNodes(tx, label, rows);
          add(report.created, label, res.created);
          add(report.updated, label, res.updated);
          // an import cannot cheaply tell which fields changed: nodes that others' documents show take their dependents along
          if (options.searchSync && (isSearchable(label) || SHOWN_FIELDS[label])) {
            await enqueueSearchSync(tx, part.map((n) => n.id), { withDependents: Boolean(SHOWN_FIELDS[label]) });
          }
        },
      });
    }
  }
  for (const [key, group] of relGroups) {
    const [type, fromLabel, toLabel] = key.split('\u0000') as [RelationshipType, DirectoryLabel, DirectoryLabel];
    for (let i = 0; i < group.length; i += CHUNK) {
      const part = group.slice(i, i + CHUNK);
      steps.push({
        size: part.length,
        run: async (tx) => {
          const res = await mergeRelationships(tx, type, fromLabel, toLabel, part.map((r) => ({ from: r.from, to: r.to, properties: r.properties })));
          add(report.created, type, res.created);
          add(report.updated, type, res.updated);
          if (options.searchSync) {
            const scopes = part.map((r) => relationshipSyncScope(type, { id: r.from, label: fromLabel }, { id: r.to, label: toLabel }));
            await enqueueSyncScopes(tx, scopes);
          }
        },
      });
    }
  }

  if (total <= SINGLE_TX_LIMIT) {
    // All or nothing. Counters are reset on a retried transaction.
    await db.write(async (tx) => {
      report.created = {};
      report.updated = {};
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
  return report;
}
