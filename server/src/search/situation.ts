import { ageBands, fillerWords, situations, termCode, type AgeBandCode } from '@knotwork/graph-schema';
import { normalizeTerm, wordMatches } from './thesaurus.js';

/** What the situation layer understood in a query (issue #19). */
export interface Understanding {
  needs: { code: string; label: string }[];
  specialisms: { code: string; label: string }[];
  age: { code: AgeBandCode; label: string; min: number; max: number } | null;
  /** Words of the query that were not part of a phrase (filler words dropped). */
  rest: string[];
  /** The query text the backends search: understood names, then the remaining words. */
  text: string;
}

const words = (s: string) => normalizeTerm(s.replace(/['’]/g, '')).split(' ').filter(Boolean);

interface Pattern {
  words: string[];
  needs: readonly string[];
  specialisms: readonly string[];
  age?: AgeBandCode;
}

const PATTERNS: Pattern[] = [
  ...situations.flatMap((s) =>
    s.phrases.map((p) => ({
      words: words(p),
      needs: s.needs ?? [],
      specialisms: s.specialisms ?? [],
      ...(s.age ? { age: s.age } : {}),
    })),
  ),
  ...(Object.entries(ageBands) as [AgeBandCode, (typeof ageBands)[AgeBandCode]][]).flatMap(([code, b]) =>
    b.words.map((w) => ({ words: words(w), needs: [], specialisms: [], age: code })),
  ),
].sort((a, b) => b.words.length - a.words.length);

const FILLER = new Set(fillerWords);

/**
 * Finds everyday phrases and age words in a query, longest first, whole words with one typo in words of 5+
 * letters (2 in 9+). `ignore` holds codes the user removed ("Searching for: … ×"). Returns null when nothing was
 * understood, so the query is searched as typed.
 */
export function understand(query: string, ignore: readonly string[] = []): Understanding | null {
  const ws = words(query);
  if (ws.length === 0) return null;
  const used = new Array<boolean>(ws.length).fill(false);
  const needs = new Map<string, string>();
  const specialisms = new Map<string, string>();
  let age: AgeBandCode | null = null;
  let matched = false;
  for (const p of PATTERNS) {
    for (let i = 0; i + p.words.length <= ws.length; i++) {
      let ok = true;
      for (let j = 0; j < p.words.length && ok; j++) ok = !used[i + j] && wordMatches(ws[i + j]!, p.words[j]!);
      if (!ok) continue;
      for (let j = 0; j < p.words.length; j++) used[i + j] = true;
      matched = true;
      for (const n of p.needs) if (!ignore.includes(termCode(n))) needs.set(termCode(n), n);
      for (const s of p.specialisms) if (!ignore.includes(termCode(s))) specialisms.set(termCode(s), s);
      if (p.age && !age && !ignore.includes(p.age)) age = p.age;
    }
  }
  if (!matched) return null;
  const rest = ws.filter((w, i) => !used[i] && !FILLER.has(w));
  const names = [...needs.values(), ...specialisms.values()];
  const band = age ? ageBands[age] : null;
  return {
    needs: [...needs].map(([code, label]) => ({ code, label })),
    specialisms: [...specialisms].map(([code, label]) => ({ code, label })),
    age: age && band ? { code: age, label: band.label, min: band.min, max: band.max } : null,
    rest,
    text: [...names, ...rest].join(' '),
  };
}

/** The request the backends get for a query: understood text, and the age band as an overlap filter. */
export function applySituation<T extends { q: string; ignore?: string[]; literal?: boolean; age?: number }>(
  req: T,
): { req: T & { ageRange?: { min: number; max: number } }; understood: Understanding | null } {
  const u = req.literal ? null : understand(req.q, req.ignore ?? []);
  if (!u) return { req, understood: null };
  return {
    req: { ...req, q: u.text, ...(u.age ? { ageRange: { min: u.age.min, max: u.age.max } } : {}) },
    understood: u,
  };
}
