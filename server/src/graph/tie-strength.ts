/**
 * Tie strength between two practitioners — the ONE place the formula lives (DESIGN §3 "Derived strength of a tie").
 *
 * Evidence for a tie (all as of a date `asOf`; evidence dated after it is ignored by the caller's query and again here):
 *   - shared collaborations (joint work around a child or family), each dated by its end (or start when ongoing);
 *     only confirmed ones count: a collaboration recorded by one side and still awaiting (or disputed by) a partner
 *     carries `confirmation` and is left out by every evidence query (collaborations module, issue 16);
 *   - an explicit KNOWS trail in either direction ("I have met them");
 *   - forums (boundary zones) both attend;
 *   - working for the same agency (same team).
 *
 * Each kind of evidence gives a component in [0, 1):
 *   collaboration  c = 1 − exp(−COLLAB_RATE · Σ decay(ageᵢ)),  decay(age) = 2^(−age / HALF_LIFE_DAYS)
 *                  (one collaboration this month ≈ 0.55, three recent ≈ 0.91, one two years old ≈ 0.18)
 *   knows          k = KNOWS_WEIGHT                              (0.35)
 *   forums         f = 1 − (1 − FORUM_WEIGHT)^sharedForums       (one shared forum 0.15, two 0.28)
 *   same team      t = SAME_TEAM_WEIGHT                          (0.25)
 * and they combine as independent chances that the two could reach each other ("noisy OR"):
 *   strength = 1 − (1 − c)(1 − k)(1 − f)(1 − t)
 * so recent joint work weighs most, then KNOWS, then same team, then shared forums; more evidence never lowers
 * strength, and the result stays below 1. Path strength is the product of its hops' strengths.
 */

export const HALF_LIFE_DAYS = 365;
export const COLLAB_RATE = 0.8;
export const KNOWS_WEIGHT = 0.35;
export const FORUM_WEIGHT = 0.15;
export const SAME_TEAM_WEIGHT = 0.25;

const DAY_MS = 86_400_000;

export interface TieEvidence {
  /** Date (YYYY-MM-DD) of each shared collaboration: its end, or its start while ongoing. */
  collaborationDates: readonly string[];
  /** An explicit KNOWS trail exists in either direction (as of the date). */
  knows: boolean;
  /** Names of forums both attend. */
  sharedForums: readonly string[];
  /** Name of the agency both work for, or null. */
  sameAgency: string | null;
}

export const noEvidence = (): TieEvidence => ({ collaborationDates: [], knows: false, sharedForums: [], sameAgency: null });

export interface TieComponents {
  collaboration: number;
  knows: number;
  forums: number;
  sameTeam: number;
}

/** One collaboration's weight in the collaboration component: 2^(−age / HALF_LIFE_DAYS); 0 if dated after asOf. */
export function collaborationDecay(date: string, asOf: Date): number {
  return decayOn(date, asOf.getTime(), asOf.toISOString().slice(0, 10));
}

function decayOn(date: string, asOfMs: number, asOfDay: string): number {
  if (date.slice(0, 10) > asOfDay) return 0; // after the date we look at: not yet evidence
  const t = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(t)) return 0;
  return 2 ** (-Math.max(0, (asOfMs - t) / DAY_MS) / HALF_LIFE_DAYS);
}

/** The components from evidence already summarised (Σ decay of shared collaborations, counts and flags). */
export function componentsFromSummary(summary: {
  decayedCollaborations: number;
  knows: boolean;
  sharedForums: number;
  sameAgency: boolean;
}): TieComponents {
  return {
    collaboration: 1 - Math.exp(-COLLAB_RATE * summary.decayedCollaborations),
    knows: summary.knows ? KNOWS_WEIGHT : 0,
    forums: 1 - (1 - FORUM_WEIGHT) ** summary.sharedForums,
    sameTeam: summary.sameAgency ? SAME_TEAM_WEIGHT : 0,
  };
}

/** Noisy OR of the components: the strength in [0, 1). */
export function combineComponents(c: TieComponents): number {
  return 1 - (1 - c.collaboration) * (1 - c.knows) * (1 - c.forums) * (1 - c.sameTeam);
}

/**
 * `memo` (date → decay, for one asOf) saves recomputing the decay of dates shared by many ties, as when a whole
 * tie set is scored at once.
 */
export function tieComponents(evidence: TieEvidence, asOf: Date, memo?: Map<string, number>): TieComponents {
  const asOfMs = asOf.getTime();
  const asOfDay = asOf.toISOString().slice(0, 10);
  let decayed = 0;
  for (const d of evidence.collaborationDates) {
    let w = memo?.get(d);
    if (w === undefined) {
      w = decayOn(d, asOfMs, asOfDay);
      memo?.set(d, w);
    }
    decayed += w;
  }
  return componentsFromSummary({
    decayedCollaborations: decayed,
    knows: evidence.knows,
    sharedForums: evidence.sharedForums.length,
    sameAgency: Boolean(evidence.sameAgency),
  });
}

/** Strength of the tie in [0, 1): 0 when there is no evidence at all. */
export function tieStrength(evidence: TieEvidence, asOf: Date = new Date(), memo?: Map<string, number>): number {
  return combineComponents(tieComponents(evidence, asOf, memo));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 2026" from "2026-03-14". */
export function monthYear(date: string): string {
  const [y, m] = date.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The tie in words, strongest evidence first, e.g.
 * "worked together on 3 pieces of work, last in March 2026; both attend the North Locality Network Meeting".
 * `firstPerson` words it from the asker's point of view ("you both attend …").
 */
export function explainTie(evidence: TieEvidence, asOf: Date = new Date(), firstPerson = false): string {
  const asOfDay = asOf.toISOString().slice(0, 10);
  const dates = evidence.collaborationDates.filter((d) => d.slice(0, 10) <= asOfDay).sort();
  const parts: string[] = [];
  const both = firstPerson ? 'you both' : 'both';
  if (dates.length > 0) {
    const last = monthYear(dates[dates.length - 1]!);
    parts.push(
      dates.length === 1
        ? `worked together on 1 piece of work, in ${last}`
        : `worked together on ${dates.length} pieces of work, last in ${last}`,
    );
  }
  if (evidence.knows) parts.push(firstPerson ? 'you have recorded meeting' : 'have recorded meeting');
  if (evidence.sameAgency) parts.push(`same team at ${evidence.sameAgency}`);
  if (evidence.sharedForums.length > 0) {
    const shown = [...evidence.sharedForums].sort().slice(0, 2);
    const more = evidence.sharedForums.length - shown.length;
    parts.push(`${both} attend the ${listInWords(shown)}${more > 0 ? ` and ${more} more forum${more > 1 ? 's' : ''}` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no recorded tie';
}
