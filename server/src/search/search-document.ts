import { domains, professions, sectors, type SearchableLabel } from '@knotwork/graph-schema';

/**
 * The search document: one per Practitioner, Agency, Specialism, Need and Forum, built from Neo4j by
 * `documents.repository.ts` and stored as is in Meilisearch. The Neo4j fallback builds the very same documents
 * for its candidates and filters/facets/highlights them with the functions of this file, so both backends
 * share one definition of what a filter means.
 *
 * Visibility: a coordinators-only bio is NOT put in the document at all (neither searchable nor shown), and
 * phone numbers and emails are never indexed. So nothing hidden from a role can leak through search.
 */
export interface SearchDocument {
  id: string;
  type: SearchableLabel;
  name: string;
  /** Short text shown under the name in results. */
  description: string;
  /** Own synonyms (Specialism, Need). */
  synonyms: string[];
  /** Practitioner: profession label; Agency: sector label; Specialism/Need: domain label; Forum: kind. */
  category: string;
  title: string;
  /** Practitioner bio, only when visible to every signed-in user. */
  bio: string;
  /** Names of specialisms held (Practitioner) or offered (Agency); broader specialisms (Specialism). */
  specialisms: string[];
  /** Thesaurus terms of those specialisms (their synonyms): another profession's words. */
  specialismTerms: string[];
  /** Names and synonyms of needs those specialisms address (Practitioner, Agency, Specialism). */
  needTerms: string[];
  referralRoute: string;
  agencyName: string | null;
  agencyId: string | null;
  /** Names of localities served (or met in, for forums). */
  localities: string[];
  /** Ids of localities served plus every locality they lie within (for nested filters). */
  localityIds: string[];
  /** Ids of localities served directly. */
  servedLocalityIds: string[];
  profession: string | null;
  sector: string | null;
  domain: string | null;
  languages: string[];
  ageMin: number | null;
  ageMax: number | null;
  capacity: 'open' | 'limited' | 'closed' | null;
  lastVerifiedAt: string | null;
  /** Ranking: 1 = fresh (verified within STALE_AFTER_DAYS, or not a profile), 0 = stale. */
  freshness: 0 | 1;
  /** Epoch seconds at which a fresh profile turns stale (null when it cannot); used by the staleness sweep. */
  staleAt: number | null;
  /** Ranking: open 2, limited 1, closed 0; 1 for types without capacity. */
  capacityRank: number;
}

export const STALE_AFTER_DAYS = 183;

export const capacityRank = (c: string | null | undefined): number =>
  c === 'open' ? 2 : c === 'limited' ? 1 : c === 'closed' ? 0 : 1;

export function freshnessOf(
  type: SearchableLabel,
  lastVerifiedAt: string | null,
  now: number = Date.now(),
): { freshness: 0 | 1; staleAt: number | null } {
  if (type !== 'Practitioner' && type !== 'Agency') return { freshness: 1, staleAt: null };
  if (!lastVerifiedAt) return { freshness: 0, staleAt: null };
  const staleAtMs = Date.parse(lastVerifiedAt) + STALE_AFTER_DAYS * 86_400_000;
  if (Number.isNaN(staleAtMs)) return { freshness: 0, staleAt: null };
  return staleAtMs > now ? { freshness: 1, staleAt: Math.floor(staleAtMs / 1000) } : { freshness: 0, staleAt: null };
}

/** Rows as the documents repository returns them (raw Neo4j properties plus related names). */
export interface DocumentRow {
  type: SearchableLabel;
  node: Record<string, unknown>;
  agency?: { id: string; name: string; sector?: string | null } | null;
  specialisms?: { name: string; synonymTerms: string[] | null }[];
  needs?: { name: string; synonymTerms: string[] | null }[];
  localityNames?: string[];
  servedLocalityIds?: string[];
  localityIds?: string[];
  extraNames?: string[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const uniq = (xs: Iterable<string>): string[] => [...new Set([...xs].filter((x) => x && x.trim()))];
const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

export function buildDocument(row: DocumentRow, now: number = Date.now()): SearchDocument {
  const n = row.node;
  const specialisms = row.specialisms ?? [];
  const needs = row.needs ?? [];
  const bioPublic = row.type === 'Practitioner' && str(n.bioVisibility) !== 'coordinators' ? str(n.bio) : '';
  const lastVerifiedAt = (n.lastVerifiedAt as string | null | undefined) ?? null;
  const fresh = freshnessOf(row.type, lastVerifiedAt, now);
  const profession = row.type === 'Practitioner' ? str(n.profession) || null : null;
  // A practitioner's sector is their agency's.
  const sector =
    row.type === 'Agency' ? str(n.sector) || null : row.type === 'Practitioner' ? row.agency?.sector ?? null : null;
  const domain = row.type === 'Specialism' || row.type === 'Need' ? str(n.domain) || null : null;
  const category =
    profession !== null
      ? (professions as Record<string, string>)[profession] ?? profession
      : row.type === 'Agency' && sector !== null
        ? (sectors as Record<string, string>)[sector] ?? sector
        : domain !== null
          ? (domains as Record<string, string>)[domain] ?? domain
          : row.type === 'Forum'
            ? str(n.kind).replace(/-/g, ' ')
            : '';
  const title = row.type === 'Practitioner' ? str(n.title) : row.type === 'Forum' ? str(n.cadence) : '';
  const description =
    row.type === 'Practitioner'
      ? truncate([str(n.title) || category, bioPublic].filter(Boolean).join(' — '), 300)
      : truncate(str(n.description), 300);
  const hasAge = row.type === 'Practitioner' || row.type === 'Agency';
  const capacity = row.type === 'Practitioner' ? ((str(n.capacity) || 'open') as SearchDocument['capacity']) : null;
  return {
    id: str(n.id),
    type: row.type,
    name: str(n.name),
    description,
    synonyms: uniq((n.synonymTerms as string[] | null | undefined) ?? []),
    category,
    title,
    bio: bioPublic,
    specialisms: uniq([...specialisms.map((s) => s.name), ...(row.extraNames ?? [])]),
    specialismTerms: uniq(specialisms.flatMap((s) => s.synonymTerms ?? [])),
    needTerms: uniq(needs.flatMap((x) => [x.name, ...(x.synonymTerms ?? [])])),
    referralRoute: row.type === 'Agency' ? str(n.referralRoute) : '',
    agencyName: row.agency?.name ?? null,
    agencyId: row.agency?.id ?? null,
    localities: uniq(row.localityNames ?? []),
    localityIds: uniq(row.localityIds ?? []),
    servedLocalityIds: uniq(row.servedLocalityIds ?? []),
    profession,
    sector,
    domain,
    languages: row.type === 'Practitioner' ? uniq((n.languages as string[] | null | undefined) ?? []) : [],
    ageMin: hasAge ? num(n.ageMin) : null,
    ageMax: hasAge ? num(n.ageMax) : null,
    capacity,
    lastVerifiedAt,
    freshness: fresh.freshness,
    staleAt: fresh.staleAt,
    capacityRank: capacityRank(capacity),
  };
}
