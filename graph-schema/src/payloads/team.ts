import { z } from 'zod';
import { Age } from '../common.js';

/** Team around the child. Input holds no child data: need codes, age and locality only. */
export const TeamRequest = z.object({
  needs: z.array(z.uuid()).min(1, { message: 'choose at least one need' }).max(12, { message: 'at most 12 needs' }),
  age: Age,
  locality: z.uuid(),
  requester: z.uuid().optional().describe('Practitioner asking; defaults to the signed-in practitioner'),
  asOf: z.iso.date().optional(),
});
export type TeamRequest = z.infer<typeof TeamRequest>;

export const ScoreBreakdown = z.object({
  specialism: z.number(),
  locality: z.number(),
  age: z.number(),
  capacity: z.number(),
  freshness: z.number(),
  closeness: z.number(),
});
export const Candidate = z.object({
  practitioner: z.object({
    id: z.uuid(),
    name: z.string(),
    profession: z.string(),
    agencyName: z.string().nullable(),
    capacity: z.string(),
    lastVerifiedAt: z.string().nullable(),
  }),
  score: z.number(),
  breakdown: ScoreBreakdown,
  reasons: z.array(z.string()).describe('Plain-words reasons, e.g. "leads on Speech and language therapy"'),
  evidence: z
    .object({ collaborations: z.number().int(), lastOn: z.string().nullable() })
    .describe('Recorded joint work on this need'),
});
export type Candidate = z.infer<typeof Candidate>;

export const TeamResponse = z.object({
  candidatesByNeed: z.array(
    z.object({ need: z.object({ id: z.uuid(), name: z.string(), domain: z.string() }), candidates: z.array(Candidate) }),
  ),
  team: z.object({
    members: z.array(z.object({ practitionerId: z.uuid(), name: z.string(), covers: z.array(z.uuid()) })),
    ties: z.array(z.object({ a: z.uuid(), b: z.uuid(), strength: z.number() })),
    cohesion: z.number().describe('Mean tie strength among members'),
  }),
  uncovered: z.array(
    z.object({
      need: z.object({ id: z.uuid(), name: z.string() }),
      nearestOutside: z
        .object({ practitionerId: z.uuid(), name: z.string(), localityName: z.string().nullable() })
        .nullable(),
    }),
  ),
});
export type TeamResponse = z.infer<typeof TeamResponse>;
