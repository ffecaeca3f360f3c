import { z } from 'zod';
import { AgeParam } from '../common.js';

/**
 * Coordinator insights (DESIGN §4 "Insights"): GET /api/insights/<name>. Every insight:
 *   - can be computed as of a past date (`asOf`): collaborations started after it, and KNOWS / ATTENDS /
 *     WORKS_FOR / HAS_SPECIALISM relationships whose `since` is after it, are left out (nodes themselves are not
 *     dated, so a practitioner added later still appears, without ties);
 *   - can be scoped to a locality (`locality`): only practitioners serving it, a place within it, or a wider area
 *     containing it, and the localities within it;
 *   - can be exported as CSV (`format=csv`): the main table of the insight, one row per line, with a header row;
 *     the response is then `text/csv` instead of the JSON below.
 *
 * The "tie graph" of the structural insights (single points of failure, brokers, isolates, E–I) joins two
 * practitioners who share a recorded collaboration or a KNOWS trail — the trails the research says become networks.
 * Each tie carries the strength of graph/tie-strength.ts (which also counts shared forums and same team).
 * Shared forums and same agency alone do not make a tie there, since they would join everyone in a big forum.
 */

const Ref = z.object({ id: z.uuid(), name: z.string() });
const PractitionerRef = Ref.extend({
  profession: z.string(),
  agencyName: z.string().nullable(),
});

export const InsightsQuery = z.object({
  asOf: z.iso.date().optional().describe('Compute as the network was on this date (default: today)'),
  locality: z.uuid().optional().describe('Only this locality and the practitioners serving it (incl. nesting)'),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Rows in ranked lists (brokers, bridges, …)'),
  age: AgeParam.optional()
    .describe(
      'Age of the child in whole years (0–25). Coverage and the single-holder needs of single-points then count only practitioners and agencies whose served age range includes it (a missing bound is open-ended; an agency without a range serves any age). Other insights ignore it. Default: any age',
    ),
});
export type InsightsQuery = z.infer<typeof InsightsQuery>;

/** Fields every insight response carries. */
const Meta = z.object({
  asOf: z.iso.date(),
  scope: Ref.nullable().describe('The locality the insight is limited to, or null for the whole system'),
  computedAt: z.string().describe('When the snapshot this answer came from was computed (ISO date-time)'),
});

/** Echoed by the insights that take `age` into account. */
const AgeEcho = z
  .number()
  .int()
  .nullable()
  .describe('The age of the child the answer was computed for (the `age` asked), or null: any age');

// Coverage ------------------------------------------------------------------------------------------------
export const CoverageFlag = z.enum(['none', 'single', 'covered']);
export const CoverageResponse = Meta.extend({
  age: AgeEcho,
  localities: z.array(Ref.extend({ kind: z.string(), parentId: z.uuid().nullable() })),
  needs: z.array(Ref.extend({ domain: z.string() })),
  cells: z
    .array(
      z.object({
        localityId: z.uuid(),
        needId: z.uuid(),
        practitioners: z
          .number()
          .int()
          .describe('Practitioners able to cover the need who serve this locality (and, with `age`, that age)'),
        agencies: z
          .number()
          .int()
          .describe(
            "Distinct agencies: those practitioners' agencies and agencies offering it there (with `age`: only agencies without an age range or whose range includes it)",
          ),
        flag: CoverageFlag.describe('none: nobody; single: exactly one practitioner; covered: two or more'),
      }),
    )
    .describe(
      'One cell per locality × need. A practitioner covers a need when they hold a specialism the need is ADDRESSED_BY (exactly; narrower ones do not count here), and covers a locality they serve, any place within it, or any wider area containing it',
    ),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;

// Single points of failure --------------------------------------------------------------------------------
export const SinglePointsResponse = Meta.extend({
  age: AgeEcho.describe('The age `needs` was computed for, or null: any age (`specialisms` and the tie graph are for all ages)'),
  specialisms: z
    .array(z.object({ locality: Ref, specialism: Ref, holder: PractitionerRef }))
    .describe('Specialisms held by exactly one practitioner serving the locality (all ages)'),
  needs: z
    .array(z.object({ locality: Ref, need: Ref, holder: PractitionerRef }))
    .describe('Needs only one practitioner serving the locality (and, with `age`, that age) can cover: the coverage cells flagged single'),
  articulationPoints: z
    .array(
      z.object({
        practitioner: PractitionerRef,
        splitSizes: z.array(z.number().int()).describe('Sizes of the groups left apart if this person left, largest first'),
      }),
    )
    .describe('People whose loss splits the tie graph; most people cut off first'),
  bridges: z
    .array(z.object({ a: PractitionerRef, b: PractitionerRef, strength: z.number(), explanation: z.string() }))
    .describe('Ties whose loss splits the tie graph'),
});
export type SinglePointsResponse = z.infer<typeof SinglePointsResponse>;

// Brokers -------------------------------------------------------------------------------------------------
export const BrokersResponse = Meta.extend({
  method: z.enum(['exact', 'sampled']).describe('Exact betweenness, or estimated from `sources` sampled sources'),
  sources: z.number().int(),
  brokers: z.array(
    z.object({
      practitioner: PractitionerRef,
      betweenness: z.number().describe('Normalised betweenness centrality (share of shortest paths through them)'),
      constraint: z.number().nullable().describe("Burt's constraint: low = spans structural holes"),
      effectiveSize: z.number().nullable().describe("Burt's effective size: non-redundant contacts"),
      ties: z.number().int(),
      agencies: z.number().int().describe('Distinct agencies among their ties'),
    }),
  ),
});
export type BrokersResponse = z.infer<typeof BrokersResponse>;

// Isolates and E–I ----------------------------------------------------------------------------------------
const EiRow = Ref.extend({
  external: z.number().int().describe('Ties that cross agencies'),
  internal: z.number().int().describe('Ties within one agency'),
  ei: z.number().nullable().describe('E–I index (E−I)/(E+I): +1 all across agencies, −1 all within; null: no ties'),
});
export const IsolatesResponse = Meta.extend({
  practitioners: z
    .array(PractitionerRef.extend({ ties: z.number().int() }))
    .describe('Practitioners with no tie to anyone in another agency (ties counts those within their own)'),
  agencies: z
    .array(Ref.extend({ sector: z.string(), members: z.number().int() }))
    .describe('Agencies none of whose members has a tie to another agency'),
  eiByAgency: z.array(EiRow.extend({ sector: z.string() })),
  eiByLocality: z.array(EiRow).describe('Ties with at least one end serving the locality (incl. nesting)'),
});
export type IsolatesResponse = z.infer<typeof IsolatesResponse>;

// Agency × agency -----------------------------------------------------------------------------------------
export const AgencyMatrixResponse = Meta.extend({
  agencies: z.array(Ref.extend({ sector: z.string() })),
  cells: z
    .array(z.object({ a: z.uuid(), b: z.uuid(), collaborations: z.number().int() }))
    .describe('Distinct collaborations with participants from both agencies (a = b: within one agency); zero cells omitted'),
});
export type AgencyMatrixResponse = z.infer<typeof AgencyMatrixResponse>;

// Forum reach ---------------------------------------------------------------------------------------------
export const ForumReachResponse = Meta.extend({
  forums: z.array(
    Ref.extend({
      kind: z.string(),
      attendees: z.number().int(),
      agencies: z.array(Ref.extend({ sector: z.string(), attendees: z.number().int() })),
      sectors: z.array(z.string()),
      localities: z.array(Ref).describe('Where it meets, and where its attendees serve'),
      strategic: z.number().int().describe('Attendees at strategic level'),
    }),
  ),
});
export type ForumReachResponse = z.infer<typeof ForumReachResponse>;

// Vertical links ------------------------------------------------------------------------------------------
export const VerticalLinksResponse = Meta.extend({
  totals: z.object({
    strategic: z.number().int(),
    operational: z.number().int(),
    verticalTies: z.number().int().describe('Ties between a strategic and an operational practitioner'),
    strategicWithoutOperationalTies: z.number().int(),
  }),
  strategic: z
    .array(
      PractitionerRef.extend({
        operationalTies: z.number().int(),
        agenciesReached: z.number().int().describe('Distinct agencies of the operational people they are tied to'),
      }),
    )
    .describe('Strategic practitioners, fewest links to practice first'),
  forums: z
    .array(Ref.extend({ kind: z.string(), strategic: z.number().int(), operational: z.number().int() }))
    .describe('Forums attended by both levels: where strategy meets operations'),
});
export type VerticalLinksResponse = z.infer<typeof VerticalLinksResponse>;

/** Names of the insights, as used in /api/insights/<name>. */
export const InsightName = z.enum([
  'coverage',
  'single-points',
  'brokers',
  'isolates',
  'agency-matrix',
  'forum-reach',
  'vertical-links',
]);
export type InsightName = z.infer<typeof InsightName>;
