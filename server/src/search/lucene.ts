import { normalizeTerm, wordMatches } from './thesaurus.js';

/**
 * Builds Lucene query strings for the Neo4j full-text fallback: each query word as itself or within Lucene's
 * fuzzy distance (1 edit from 5 letters, 2 from 9 — the same typo budget as Meilisearch), the last word also as
 * a prefix (search-as-you-type), plus thesaurus expansions as phrases. Only [a-z0-9] reach Lucene, so no user
 * input can inject query syntax.
 */
export const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

export const queryWords = (q: string): string[] =>
  normalizeTerm(q)
    .replace(/[&']/g, ' ')
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w));

function wordClause(w: string, last: boolean): string {
  const parts = [w];
  if (w.length >= 9) parts.push(`${w}~2`);
  else if (w.length >= 5) parts.push(`${w}~1`);
  if (last && w.length >= 3) parts.push(`${w}*`);
  return parts.length === 1 ? w : `(${parts.join(' OR ')})`;
}

/** The text part of the query, without field names: null when nothing is searchable. */
export function luceneClause(q: string, expansions: readonly string[] = []): string | null {
  const words = queryWords(q);
  const clauses: string[] = words.map((w, i) => wordClause(w, i === words.length - 1));
  if (words.length > 1) clauses.push(`"${words.join(' ')}"^3`);
  for (const e of expansions) {
    const ew = queryWords(e);
    if (ew.length === 0) continue;
    clauses.push(ew.length === 1 ? `${ew[0]}^2` : `"${ew.join(' ')}"^2`);
  }
  return clauses.length ? clauses.join(' OR ') : null;
}

/** Field boosts: a match in the name counts most, then synonyms, then the descriptive texts. */
export const PUBLIC_FIELDS: Record<string, number> = {
  name: 4,
  synonymTerms: 3,
  title: 1.5,
  description: 1,
  referralRoute: 0.7,
};

/** The clause over the always-visible fields (never bio, which is queried apart, nor limitsOfExpertise). */
export function publicFieldsQuery(clause: string): string {
  return Object.entries(PUBLIC_FIELDS)
    .map(([f, boost]) => `${f}:(${clause})^${boost}`)
    .join(' OR ');
}

export const bioQuery = (clause: string) => `bio:(${clause})`;

/** A predicate telling whether a word of a document matches the query (for highlights in the fallback). */
export function wordMatcher(q: string, expansions: readonly string[]): (word: string) => boolean {
  const words = new Set([...queryWords(q), ...expansions.flatMap(queryWords)]);
  const list = [...words];
  const lastWord = queryWords(q).at(-1);
  return (word: string) => {
    if (STOP_WORDS.has(word)) return false;
    if (words.has(word)) return true;
    if (lastWord && lastWord.length >= 3 && word.startsWith(lastWord)) return true;
    return list.some((w) => wordMatches(word, w) || sameStem(word, w));
  };
}

function sameStem(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= Math.max(5, Math.min(a.length, b.length) - 2);
}
