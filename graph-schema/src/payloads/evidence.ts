import { z } from 'zod';

/**
 * GET /api/evidence — the recorded joint work that shows a practitioner's expertise on a need or specialism, so
 * that search results and team candidates can say why someone is suggested and how current it is. For a
 * specialism, collaborations that addressed any need the specialism (or a narrower one) addresses count.
 */
export const EvidenceQuery = z
  .object({
    practitioner: z.uuid(),
    need: z.uuid().optional(),
    specialism: z.uuid().optional(),
    asOf: z.iso.date().optional(),
  })
  .refine((q) => Boolean(q.need) !== Boolean(q.specialism), {
    message: 'give exactly one of need or specialism',
    path: ['need'],
  });
export type EvidenceQuery = z.infer<typeof EvidenceQuery>;

export const EvidenceResponse = z.object({
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  subject: z.object({ id: z.uuid(), name: z.string(), type: z.enum(['need', 'specialism']) }),
  collaborations: z.number().int().describe('Collaborations on it the practitioner took part in'),
  lastOn: z.string().nullable().describe('Most recent of them (end date, or start while ongoing)'),
  partners: z
    .array(z.object({ id: z.uuid(), name: z.string(), agencyName: z.string().nullable(), count: z.number().int() }))
    .describe('Who they worked with on it, most often first (up to 20)'),
  items: z
    .array(
      z.object({
        id: z.uuid(),
        startedOn: z.string(),
        endedOn: z.string().nullable(),
        outcome: z.string(),
        needs: z.array(z.string()),
      }),
    )
    .describe('The collaborations, most recent first (up to 20); summaries are not shown here'),
});
export type EvidenceResponse = z.infer<typeof EvidenceResponse>;
