import { z } from 'zod';
import { text } from '../common.js';
import { identifyingDetails } from '../privacy.js';

/**
 * Introduction requests (issue 16): "Ask <broker> to introduce me to <target>", or a direct contact request when
 * there is no broker. The note about the need holds no child data: need codes, an age band and a locality, plus
 * at most one short line that is screened for names, dates of birth and NHS numbers (privacy.ts).
 */

export const AgeBand = z
  .enum(['0-4', '5-10', '11-15', '16-18', '19-25'])
  .describe('Age band of the child or young person (years)');
export type AgeBand = z.infer<typeof AgeBand>;

/** A short free-text line, refused when it looks as if it identifies a child or family. */
export const ScreenedLine = text(280).superRefine((value, ctx) => {
  const found = identifyingDetails(value);
  if (found.length) {
    ctx.addIssue({
      code: 'custom',
      message: `must not identify the child or family: remove ${found.join(', ')}; say what the need is, not who it is`,
    });
  }
});

export const IntroductionNote = z
  .strictObject(
    {
      needs: z.array(z.uuid()).min(1, { message: 'choose at least one need' }).max(12, { message: 'at most 12 needs' }),
      ageBand: AgeBand,
      locality: z.uuid().describe('Where the child or family is'),
      line: ScreenedLine.optional().describe('One short line about the need; never anything that identifies the child'),
    },
    {
      error: () =>
        'the note holds need codes, an age band, a locality and one short line only — nothing about the child',
    },
  )
  .describe('What the request is about: need codes, age band and locality only');
export type IntroductionNote = z.infer<typeof IntroductionNote>;

export const IntroductionStatus = z
  .enum(['awaiting-broker', 'awaiting-target', 'accepted', 'declined', 'withdrawn', 'expired'])
  .describe(
    'awaiting-broker → awaiting-target → accepted; declined by either; withdrawn by the requester; expired when nobody answered in time',
  );
export type IntroductionStatus = z.infer<typeof IntroductionStatus>;

export const OPEN_INTRODUCTION_STATUSES: readonly IntroductionStatus[] = ['awaiting-broker', 'awaiting-target'];

export const CreateIntroductionRequest = z.object({
  target: z.uuid().describe('The practitioner to be introduced to'),
  broker: z
    .uuid()
    .optional()
    .describe('The practitioner asked to make the introduction; leave out for a direct contact request'),
  note: IntroductionNote,
  expiresInDays: z.number().int().min(1).max(60).default(14).describe('Days before an unanswered request expires'),
});
export type CreateIntroductionRequest = z.infer<typeof CreateIntroductionRequest>;

export const IntroductionDecision = z.object({
  decision: z.enum(['accept', 'decline']),
  line: ScreenedLine.optional().describe('Broker only: a line passed on to the target with the introduction'),
});
export type IntroductionDecision = z.infer<typeof IntroductionDecision>;

export const IntroductionIdParams = z.object({ id: z.uuid() });

export const IntroductionListQuery = z.object({
  as: z
    .enum(['any', 'requester', 'broker', 'target'])
    .default('any')
    .describe('Only the requests where the signed-in practitioner is this party'),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true: only requests still waiting for an answer; false: only closed ones'),
});

const Party = z.object({ id: z.uuid(), name: z.string() });

export const Introduction = z.object({
  id: z.uuid(),
  status: IntroductionStatus,
  requester: Party,
  broker: Party.nullable(),
  target: Party,
  note: z.object({
    needs: z.array(z.object({ id: z.uuid(), name: z.string() })),
    ageBand: AgeBand,
    locality: z.object({ id: z.uuid(), name: z.string() }),
    line: z.string().nullable(),
  }),
  brokerLine: z.string().nullable(),
  myRole: z.enum(['requester', 'broker', 'target']).describe('How the signed-in practitioner takes part'),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable().describe('When the request was last answered (accepted, declined or withdrawn)'),
});
export type Introduction = z.infer<typeof Introduction>;

export const IntroductionList = z.object({ items: z.array(Introduction) });
export type IntroductionList = z.infer<typeof IntroductionList>;
