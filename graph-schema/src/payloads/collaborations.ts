import { z } from 'zod';
import { IsoDate } from '../common.js';
import { ScreenedLine } from './introductions.js';

/**
 * "We worked together" (issue 16): one side records joint work in two clicks; each partner confirms or disputes
 * it. Until every partner has confirmed, the collaboration is not evidence (tie strength, paths, team, insights).
 */

export const CollaborationKind = z
  .enum(['tac-meeting', 'joint-visit', 'referral', 'consultation'])
  .describe('TAC meeting (team around the child), joint visit, referral or consultation');
export type CollaborationKind = z.infer<typeof CollaborationKind>;

export const WorkedTogetherRequest = z
  .object({
    partners: z
      .array(z.uuid())
      .min(1, { message: 'name at least one partner' })
      .max(8, { message: 'at most 8 partners' }),
    on: IsoDate.describe('When the work took place (or started)'),
    endedOn: IsoDate.optional().describe('When it ended; default the same day'),
    needs: z.array(z.uuid()).max(12, { message: 'at most 12 needs' }).default([]),
    kind: CollaborationKind,
    locality: z.uuid().optional(),
  })
  .refine((b) => b.endedOn === undefined || b.endedOn >= b.on, {
    message: 'endedOn must not be before on',
    path: ['endedOn'],
  });
export type WorkedTogetherRequest = z.infer<typeof WorkedTogetherRequest>;

export const ParticipationState = z
  .enum(['confirmed', 'awaiting', 'disputed'])
  .describe(
    'confirmed: this participant stands by the record; awaiting: not answered yet; disputed: says it did not happen so',
  );

export const CollaborationConfirmation = z
  .enum(['confirmed', 'awaiting', 'disputed'])
  .describe(
    'confirmed once every participant has; disputed when any has disputed it; otherwise awaiting. Only confirmed counts as evidence',
  );

export const WorkedTogether = z.object({
  id: z.uuid(),
  kind: CollaborationKind.nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  needs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  locality: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  confirmation: CollaborationConfirmation,
  participants: z.array(
    z.object({ id: z.uuid(), name: z.string(), state: ParticipationState, disputeReason: z.string().nullable() }),
  ),
  recordedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type WorkedTogether = z.infer<typeof WorkedTogether>;

export const WorkedTogetherList = z.object({ items: z.array(WorkedTogether) });

export const DisputeRequest = z.object({
  reason: ScreenedLine.optional().describe('What is wrong with the record (never anything that identifies the child)'),
});
