import { z } from 'zod';

/** Reports of imports: nothing is dropped silently. */
export const RejectedRecord = z.object({
  file: z.string().optional(),
  line: z.number().int().optional().describe('1-based line (CSV) or record index (JSON)'),
  field: z.string().optional(),
  reason: z.string(),
});
export type RejectedRecord = z.infer<typeof RejectedRecord>;

const Counts = z.record(z.string(), z.number().int());

/** One record of the diff an import makes (or, in a dry run, would make). */
export const ImportChange = z.object({
  change: z.enum(['create', 'update', 'missing', 'retire']),
  label: z.string(),
  id: z.string(),
  name: z.string().optional(),
  fields: z.array(z.string()).default([]).describe('For an update: the fields whose value changes'),
});
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportFile = z.object({
  file: z.string(),
  status: z.enum(['read', 'ignored']),
  records: z.number().int().optional(),
  reason: z.string().optional().describe('Why a file was not read (e.g. not part of the format)'),
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportReport = z.object({
  format: z.string(),
  created: Counts.describe('Per label or relationship type: new in the database'),
  updated: Counts.describe('Existing records whose values change'),
  unchanged: Counts.default({}).describe('Existing records the input leaves as they are (not written)'),
  missing: Counts.default({}).describe('Records of this source in the database that the input no longer has; retired only with sync'),
  retired: Counts.default({}).describe('Missing records removed because sync was asked for'),
  changes: z.array(ImportChange).default([]).describe('Examples of each kind of change: up to 10 per kind and label'),
  rejected: z.array(RejectedRecord).describe('Records not imported, with the reason'),
  warnings: z.array(RejectedRecord).default([]).describe('Records imported with a field dropped or changed (invalid, truncated, converted from HTML)'),
  unmappedFields: z.array(z.object({ file: z.string(), field: z.string(), count: z.number().int() })),
  files: z.array(ImportFile).default([]).describe('Every file given, read or ignored'),
  dryRun: z.boolean().default(false),
  sync: z.boolean().default(false),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** POST /api/imports: files by name (CSV text or JSON text), all parsed and validated before anything is written. */
export const ImportFormat = z.enum(['knotwork-csv', 'ohana-csv', 'oruk-json']);
export type ImportFormat = z.infer<typeof ImportFormat>;
export const ImportRequest = z.object({
  format: ImportFormat.describe('knotwork-csv: <Label>.csv/<TYPE>.csv files; ohana-csv: HSDS 1.x (Ohana) CSV files; oruk-json: HSDS 3 / Open Referral UK 3.0 JSON'),
  name: z
    .string()
    .regex(/^[a-z0-9._-]{1,60}$/, { message: 'must be 1–60 characters of a-z, 0-9, ., _ or -' })
    .describe('Name of the partner source; nodes get source "import:<name>" and re-imports with the same name update them'),
  files: z
    .record(z.string().min(1).max(200), z.string().max(10 * 1024 * 1024))
    .refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 50, { message: 'give between 1 and 50 files' })
    .describe('File name -> file content (text)'),
  dryRun: z.boolean().default(false).describe('Validate and report the diff (created, updated, unchanged, missing) without writing'),
  sync: z
    .boolean()
    .default(false)
    .describe('Also retire (remove) the records of this source that the input no longer has; without it they are only reported as missing'),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportJob = z.object({
  id: z.uuid(),
  format: ImportFormat,
  name: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  report: ImportReport.nullable(),
  error: z.object({ message: z.string(), errors: z.array(RejectedRecord) }).nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
