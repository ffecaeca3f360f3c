import { z } from 'zod';

/** Reports of imports: nothing is dropped silently. */
export const RejectedRecord = z.object({
  file: z.string().optional(),
  line: z.number().int().optional().describe('1-based line (CSV) or record index (JSON)'),
  field: z.string().optional(),
  reason: z.string(),
});
export type RejectedRecord = z.infer<typeof RejectedRecord>;

export const ImportReport = z.object({
  format: z.string(),
  created: z.record(z.string(), z.number().int()),
  updated: z.record(z.string(), z.number().int()),
  rejected: z.array(RejectedRecord),
  unmappedFields: z.array(z.object({ file: z.string(), field: z.string(), count: z.number().int() })),
  dryRun: z.boolean().default(false),
});
export type ImportReport = z.infer<typeof ImportReport>;
