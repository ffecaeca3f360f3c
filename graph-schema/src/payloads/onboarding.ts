import { z } from 'zod';
import { KnowsSource, Profession } from '../vocabulary.js';

/** Onboarding (DESIGN §2 journey 3) and KNOWS trails. */

export const OnboardingQuery = z.object({
  profession: Profession.describe('Role of the new member of staff'),
  locality: z.uuid().describe('Where they will work'),
  perDomain: z.coerce.number().int().min(1).max(10).default(3).describe('People suggested per need domain'),
});
export type OnboardingQuery = z.infer<typeof OnboardingQuery>;

const OnboardingPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  profession: z.string(),
  agencyName: z.string().nullable(),
  level: z.string(),
  specialisms: z.array(z.string()).describe('Their specialisms in this domain (up to 3)'),
  recentCollaborations: z.number().int().describe('Joint pieces of work started in the last two years'),
  reason: z.string().describe('Why to meet them, in words'),
  known: z.boolean().describe('The signed-in practitioner has recorded meeting them (a KNOWS trail)'),
});

export const OnboardingResponse = z.object({
  locality: z.object({ id: z.uuid(), name: z.string() }),
  profession: Profession,
  domains: z
    .array(z.object({ domain: z.string(), label: z.string(), people: z.array(OnboardingPerson) }))
    .describe(
      'Per need domain, people serving the locality (or a place within it, or a wider area containing it) to know first: other professions before your own, leads before practitioners, then the most active in joint work',
    ),
  forums: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        kind: z.string(),
        cadence: z.string(),
        attendees: z.number().int(),
        agencies: z.number().int().describe('Distinct agencies among attendees'),
        sameProfession: z.number().int().describe('Attendees of your profession'),
        joined: z.boolean().describe('The signed-in practitioner attends it'),
      }),
    )
    .describe('Forums meeting in or around the locality, those connecting most agencies first'),
  agencies: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        sector: z.string(),
        referralRoute: z.string(),
        practitioners: z.number().int(),
      }),
    )
    .describe('Main agencies serving the locality (most practitioners first) with how to refer'),
  progress: z
    .object({ known: z.number().int(), suggested: z.number().int() })
    .nullable()
    .describe('How many suggested people the signed-in practitioner has met; null without a practitioner profile'),
});
export type OnboardingResponse = z.infer<typeof OnboardingResponse>;

/**
 * POST /api/knows — record "I have met them" as a KNOWS trail from the signed-in practitioner (or, for
 * coordinators and admins, from `from`). Idempotent: recording it again changes nothing (200 instead of 201).
 */
export const KnowsRequest = z.object({
  practitionerId: z.uuid().describe('The practitioner met'),
  from: z.uuid().optional().describe('Coordinators/admins only: record it on behalf of this practitioner'),
  since: z.iso.date().optional().describe('When they met (default today)'),
  source: KnowsSource.extract(['met', 'onboarding']).default('met'),
});
export type KnowsRequest = z.infer<typeof KnowsRequest>;

export const KnowsResponse = z.object({
  from: z.object({ id: z.uuid(), name: z.string() }),
  to: z.object({ id: z.uuid(), name: z.string() }),
  since: z.string().nullable(),
  source: z.string(),
  created: z.boolean().describe('false when the trail was already recorded'),
});
export type KnowsResponse = z.infer<typeof KnowsResponse>;
