import type { Domain } from '@knotwork/graph-schema';

/**
 * Matching partner taxonomy terms and service names to existing specialisms through the thesaurus: a term
 * matches a specialism when it equals (case, punctuation and "and/&" aside) the specialism's name or one of its
 * synonyms, or has the same set of lightly stemmed words ("Translation & Interpretation" ~ "Interpreting and
 * translation").
 */
const STOP = new Set(['and', 'the', 'of', 'for', 'to', 'a', 'an', 'in', 'with']);
export const normalize = (s: string) =>
  s.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
const stem = (w: string) => w.replace(/(ations|ation|ings|ing|ions|ion|es|s)$/, '').replace(/e$/, '');
const bag = (s: string) =>
  normalize(s)
    .split(' ')
    .filter((w) => w && !STOP.has(w))
    .map(stem)
    .sort()
    .join(' ');

export interface SpecialismTerm {
  id: string;
  name: string;
  terms: string[];
}

export class TaxonomyMatcher {
  private readonly exact = new Map<string, string>();
  private readonly bags = new Map<string, string>();
  constructor(specialisms: SpecialismTerm[]) {
    for (const s of specialisms) this.add(s);
  }
  add(s: SpecialismTerm) {
    for (const t of [s.name, ...s.terms]) {
      const n = normalize(t);
      if (n && !this.exact.has(n)) this.exact.set(n, s.id);
      const b = bag(t);
      if (b && !this.bags.has(b)) this.bags.set(b, s.id);
    }
  }
  match(term: string): string | undefined {
    return this.exact.get(normalize(term)) ?? this.bags.get(bag(term));
  }
}

const DOMAIN_WORDS: [RegExp, Domain][] = [
  [/speech|language|communicat|deaf|hearing|interpret|translat/i, 'communication'],
  [/mental|counsel|wellbeing|bereave|grief|emotional|psych/i, 'mental-health'],
  [/abuse|violence|protect|safeguard|exploit|safety|escape|emergency|missing/i, 'safeguarding'],
  [/housing|homeless|shelter|rent|money|benefit|debt|food|meal|cash|financ|utilit|employ|job|work|income|goods|clothing/i, 'housing-and-money'],
  [/school|attendance|exclusion|truan/i, 'attendance-and-inclusion'],
  [/special needs|disabilit|learning|autism|send|literacy|read|education|library|tutor/i, 'learning-and-send'],
  [/parent|family|child ?care|carer|visitation|care\b/i, 'family-and-parenting'],
  [/drug|alcohol|substance|addict|rehab/i, 'substance-misuse'],
  [/youth|offend|justice|legal|court|crime|police/i, 'youth-justice'],
  [/baby|infant|early years|nursery|toddler/i, 'early-years'],
  [/health|medical|clinic|dental|nurs|physical|exercise|sport|fitness/i, 'physical-health'],
];

/** A domain for a new specialism from its words (falls back to identity and community). */
export function guessDomain(...texts: string[]): Domain {
  // the first text (usually the name) decides when it can; later texts are fallbacks
  for (const text of texts) for (const [re, d] of DOMAIN_WORDS) if (re.test(text)) return d;
  return 'identity-and-community';
}

/** Age limits in free text ("Age 55 or over", "Age 21-60", "under 18") -> {min,max} in years, or null. */
export function parseAgeLimits(text: string): { min: number | null; max: number | null } | null {
  if (!text) return null;
  const range = text.match(/ages?\s+(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})/i);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const over = text.match(/(?:ages?\s+)?(\d{1,3})\s+(?:or|and)\s+(?:over|older|above)/i);
  const under = text.match(/(?:under|below|up to)\s+(?:age\s+)?(\d{1,3})/i);
  if (over || under) return { min: over ? Number(over[1]) : null, max: under ? Number(under[1]) : null };
  return null;
}

/** Clamps partner age limits to the 0–25 range of children's services; null when nothing of it is in range. */
export function clampAges(min: number | null, max: number | null): { min: number; max: number } | null {
  const lo = Math.max(0, min ?? 0);
  const hi = Math.min(25, max ?? 25);
  if (lo > 25 || hi < 0 || lo > hi) return null;
  return { min: lo, max: hi };
}
