import type { ThesaurusEntry } from './documents.repository.js';

/**
 * The professional thesaurus: each Specialism and each Need forms a group of equivalent terms (its name and
 * its synonyms, each synonym optionally tagged with the profession that uses it, e.g. "SALT" used by teachers,
 * "communication difficulties" used by social workers). Meilisearch gets the groups as synonyms; the Neo4j
 * fallback expands queries with them.
 */
export const normalizeTerm = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9&' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export interface ThesaurusGroup {
  source: string;
  terms: string[];
  /** term -> profession that uses it (only for profession-specific synonyms). */
  professions: Record<string, string>;
}

/** Longest useful synonym (in words): longer phrases are left to the documents' own text. */
const MAX_WORDS = 6;

export function thesaurusGroups(entries: readonly ThesaurusEntry[]): ThesaurusGroup[] {
  const groups: ThesaurusGroup[] = [];
  for (const e of entries) {
    const professions: Record<string, string> = {};
    const terms = new Set<string>();
    for (const t of [e.name, ...e.synonyms.map((s) => s.term)]) {
      const n = normalizeTerm(t);
      if (n && n.split(' ').length <= MAX_WORDS) terms.add(n);
    }
    for (const s of e.synonyms) if (s.profession) professions[normalizeTerm(s.term)] = s.profession;
    if (terms.size > 1) groups.push({ source: `${e.kind}:${e.id}`, terms: [...terms], professions });
  }
  return groups;
}

/**
 * Meilisearch synonyms: every term of a group maps to the other terms of every group it belongs to.
 * Sorted so that the same thesaurus always gives the same settings (and an unchanged thesaurus no task).
 */
export function meiliSynonyms(groups: readonly ThesaurusGroup[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const g of groups) {
    for (const t of g.terms) {
      const set = map.get(t) ?? new Set<string>();
      for (const o of g.terms) if (o !== t) set.add(o);
      map.set(t, set);
    }
  }
  const out: Record<string, string[]> = {};
  for (const key of [...map.keys()].sort()) {
    const values = [...map.get(key)!].sort();
    if (values.length) out[key] = values;
  }
  return out;
}

/**
 * Terms to add to a query for the fallback: for every group with a term found in the query (as whole words,
 * or within one typo per word for words of 5+ letters), the group's other terms.
 */
export function expandQuery(query: string, groups: readonly ThesaurusGroup[]): string[] {
  const words = normalizeTerm(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const out = new Set<string>();
  for (const g of groups) {
    if (g.terms.some((t) => containsPhrase(words, t.split(' ')))) {
      for (const t of g.terms) out.add(t);
    }
  }
  const q = words.join(' ');
  out.delete(q);
  return [...out];
}

function containsPhrase(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!wordMatches(words[i + j]!, phrase[j]!)) continue outer;
    return true;
  }
  return false;
}

export function wordMatches(word: string, term: string): boolean {
  if (word === term) return true;
  const allowed = term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
  if (allowed === 0 || Math.abs(word.length - term.length) > allowed) return false;
  return damerauLevenshtein(word, term, allowed) <= allowed;
}

/** Optimal-string-alignment distance, giving up above `max`. */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return rowMin;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
