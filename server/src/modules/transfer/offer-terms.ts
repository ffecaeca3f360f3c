import { OPEN_AGE, type OfferTerms } from '@knotwork/graph-schema';
import type { ImportPlan, PlannedRel } from './import-plan.js';
import { fitText } from './import-plan.js';
import { servedAges } from './taxonomy-match.js';

/** The free-text fields of OfferTerms with their stored limits (graph-schema's OfferTerms). */
const TEXT_LIMITS = { service: 400, eligibility: 2000, fees: 1000, audience: 1000 } as const;
type TextField = keyof typeof TEXT_LIMITS;

/** One source service, as an importer reads it; empty strings and null ages mean "the source does not say". */
export interface SourceService {
  service?: string;
  eligibility?: string;
  fees?: string;
  audience?: string;
  languages?: string[];
  minimumAge?: number | null;
  maximumAge?: number | null;
}

type Where = { file: string; line: number };

/**
 * The terms of one source service as OfferTerms. Ages kept as given; an impossible pair (min above max, or
 * outside 0–120) is dropped with a warning, never replaced by a default.
 */
export function offerTermsOf(plan: ImportPlan, s: SourceService, where: Where): OfferTerms {
  const out: OfferTerms = {};
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
    const value = s[field]?.trim();
    if (value) out[field] = value;
  }
  const languages = [...new Set((s.languages ?? []).map((l) => l.trim()).filter((l) => l && l.length <= 60))];
  if (languages.length) out.languages = languages;
  const min = s.minimumAge ?? null;
  const max = s.maximumAge ?? null;
  if (min !== null || max !== null) {
    const ages = servedAges(min, max);
    if (ages) {
      if (min !== null) out.ageMin = ages.min;
      if (max !== null) out.ageMax = ages.max;
    } else
      plan.warnings.push({
        ...where,
        field: 'ages',
        reason: `ages ${min ?? ''}–${max ?? ''} are impossible: left as not stated`,
      });
  }
  return out;
}

const joinDistinct = (a: string | undefined, b: string | undefined, sep: string) => {
  if (!a) return b;
  if (!b || a.split(sep).includes(b)) return a;
  return `${a}${sep}${b}`;
};

/**
 * Two services of one agency that map to the same specialism make one offer: texts joined (each once),
 * languages united, ages widened to cover both when both say.
 */
export function mergeOfferTerms(a: OfferTerms, b: OfferTerms): OfferTerms {
  const out: OfferTerms = {};
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
    const v = joinDistinct(a[field], b[field], field === 'service' ? '; ' : '\n');
    if (v) out[field] = v;
  }
  const languages = [...new Set([...(a.languages ?? []), ...(b.languages ?? [])])];
  if (languages.length) out.languages = languages;
  const min = [a.ageMin, b.ageMin].filter((x): x is number => x !== undefined);
  const max = [a.ageMax, b.ageMax].filter((x): x is number => x !== undefined);
  if (min.length) out.ageMin = Math.min(...min);
  if (max.length) out.ageMax = Math.max(...max);
  return out;
}

/**
 * The OFFERS ties of an import, one per agency and specialism, each with the merged terms of every source
 * service behind it. `flush` adds them to the plan, cutting over-long texts with a warning.
 */
export class OfferBook {
  private readonly offers = new Map<string, { rel: PlannedRel; terms: OfferTerms }>();

  add(agency: string, specialism: string, terms: OfferTerms, where: Where): void {
    const key = `${agency}|${specialism}`;
    const known = this.offers.get(key);
    if (known) known.terms = mergeOfferTerms(known.terms, terms);
    else
      this.offers.set(key, {
        rel: {
          type: 'OFFERS',
          fromLabel: 'Agency',
          toLabel: 'Specialism',
          from: agency,
          to: specialism,
          properties: {},
          ...where,
        },
        terms,
      });
  }

  /**
   * Per agency, the age range that covers all its offers that state one (for the agency node). One pass over the
   * offers: asking agency by agency would be quadratic in a large import.
   */
  agesByAgency(): Map<string, { min: number; max: number }> {
    const out = new Map<string, { min: number; max: number }>();
    for (const { rel, terms } of this.offers.values()) {
      if (terms.ageMin === undefined && terms.ageMax === undefined) continue;
      const lo = terms.ageMin ?? 0;
      const hi = terms.ageMax ?? OPEN_AGE;
      const known = out.get(rel.from);
      out.set(rel.from, known ? { min: Math.min(known.min, lo), max: Math.max(known.max, hi) } : { min: lo, max: hi });
    }
    return out;
  }

  flush(plan: ImportPlan): void {
    for (const { rel, terms } of this.offers.values()) {
      const where = { file: rel.file, line: rel.line };
      const properties: OfferTerms = { ...terms };
      for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
        const v = properties[field];
        if (v) properties[field] = fitText(plan, v, TEXT_LIMITS[field], { ...where, field: `service.${field}` });
      }
      if (properties.languages && properties.languages.length > 40) {
        plan.warnings.push({
          ...where,
          field: 'service.languages',
          reason: `${properties.languages.length} languages: the first 40 kept`,
        });
        properties.languages = properties.languages.slice(0, 40);
      }
      plan.rels.push({ ...rel, properties });
    }
    this.offers.clear();
  }
}
