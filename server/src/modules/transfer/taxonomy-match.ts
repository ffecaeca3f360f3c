import { OPEN_AGE, type Domain } from '@knotwork/graph-schema';

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

/**
 * Age limits in free text ("Age 55 or over", "Age 21-60", "under 18", "18 and older") -> {min,max} in years, or
 * null when the text states none. "under 18" means up to 17; "up to 18" includes 18.
 */
export function parseAgeLimits(text: string): { min: number | null; max: number | null } | null {
  if (!text) return null;
  const range = text.match(/ages?\s+(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})/i);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const over = text.match(/(?:ages?\s+)?(\d{1,3})\s*(?:\+|(?:years?\s+)?(?:or|and)\s+(?:over|older|above))/i);
  // "below 7th grade" is a reading level, not an age
  const notOrdinal = '(?!\\d|\\s*(?:st|nd|rd|th|grade)\\b)';
  const under = text.match(new RegExp(`(?:under|below|younger than)\\s+(?:the\\s+)?(?:age\\s+(?:of\\s+)?)?(\\d{1,3})${notOrdinal}`, 'i'));
  const upTo = text.match(new RegExp(`(?:up to|through)\\s+(?:age\\s+)?(\\d{1,3})${notOrdinal}`, 'i'));
  const max = under ? Number(under[1]) - 1 : upTo ? Number(upTo[1]) : null;
  if (over || max !== null) return { min: over ? Number(over[1]) : null, max };
  return null;
}

/**
 * A served age range as the source gave it: an open lower bound is 0, an open upper bound is OPEN_AGE ("and
 * older"). Nothing is clipped to children's ages — a service for adults is still one a family may need. Null when
 * the limits are impossible (min above max, or beyond OPEN_AGE).
 */
export function servedAges(min: number | null, max: number | null): { min: number; max: number } | null {
  const lo = min ?? 0;
  const hi = max ?? OPEN_AGE;
  if (lo < 0 || hi > OPEN_AGE || lo > hi) return null;
  return { min: lo, max: hi };
}
