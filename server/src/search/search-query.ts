import type { SearchHit, SearchQuery, SearchResponse } from '@knotwork/graph-schema';
import type { SearchDocument } from './search-document.js';

/**
 * What a backend is asked: the validated API query plus the locality scope resolved from the graph.
 *
 * Filter semantics, identical on both backends (Meilisearch filter expressions / `matchesFilters` below):
 *   - types: the document's type is one of them;
 *   - locality X: the document serves X, or a locality within X (nested, any depth), or an area X lies
 *     within (an authority-wide service also serves each ward);
 *   - age A: ageMin ≤ A ≤ ageMax (only practitioners and agencies have served ages);
 *   - sector: the agency's sector, or for a practitioner their agency's sector;
 *   - profession, capacity: practitioners only; language: a language the practitioner speaks.
 * A filter on an attribute a type does not have leaves that type out.
 */
export type SearchRequest = SearchQuery & {
  localityAncestors?: string[];
  /** An understood age band: practitioners and agencies serving an overlapping age (other types are kept). */
  ageRange?: { min: number; max: number };
};

export type SearchResult = Omit<SearchResponse, 'degraded'>;

export const FACETS = ['type', 'profession', 'sector', 'capacity', 'domain', 'languages'] as const;

const quote = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`);
const inList = (attr: string, values: readonly string[]) => `${attr} IN [${values.map(quote).join(', ')}]`;

/** Meilisearch filter: an array of expressions that must all hold. */
export function meiliFilter(req: SearchRequest): string[] {
  const f: string[] = [];
  if (req.types?.length) f.push(inList('type', req.types));
  if (req.locality) {
    const alts = [`localityIds = ${quote(req.locality)}`];
    if (req.localityAncestors?.length) alts.push(inList('servedLocalityIds', req.localityAncestors));
    f.push(alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0]!);
  }
  if (req.age !== undefined) f.push(`ageMin <= ${req.age} AND ageMax >= ${req.age}`);
  if (req.ageRange && req.age === undefined)
    f.push(
      `(type IN ["Specialism", "Need", "Forum"] OR (ageMin <= ${req.ageRange.max} AND ageMax >= ${req.ageRange.min}))`,
    );
  if (req.sector?.length) f.push(inList('sector', req.sector));
  if (req.profession?.length) f.push(inList('profession', req.profession));
  if (req.language) f.push(`languages = ${quote(req.language)}`);
  if (req.capacity?.length) f.push(inList('capacity', req.capacity));
  return f;
}

/** The same filter in TypeScript, for the fallback. */
export function matchesFilters(doc: SearchDocument, req: SearchRequest): boolean {
  if (req.types?.length && !req.types.includes(doc.type)) return false;
  if (req.locality) {
    const nested = doc.localityIds.includes(req.locality);
    const around = (req.localityAncestors ?? []).some((a) => doc.servedLocalityIds.includes(a));
    if (!nested && !around) return false;
  }
  if (req.age !== undefined) {
    if (doc.ageMin === null || doc.ageMax === null || doc.ageMin > req.age || doc.ageMax < req.age) return false;
  }
  if (req.ageRange && req.age === undefined && (doc.type === 'Practitioner' || doc.type === 'Agency')) {
    if (doc.ageMin === null || doc.ageMax === null || doc.ageMin > req.ageRange.max || doc.ageMax < req.ageRange.min)
      return false;
  }
  if (req.sector?.length && (doc.sector === null || !(req.sector as string[]).includes(doc.sector))) return false;
  if (req.profession?.length && (doc.profession === null || !(req.profession as string[]).includes(doc.profession)))
    return false;
  if (req.language) {
    const want = req.language.trim().toLowerCase();
    if (!doc.languages.some((l) => l.toLowerCase() === want)) return false;
  }
  if (req.capacity?.length && (doc.capacity === null || !req.capacity.includes(doc.capacity))) return false;
  return true;
}

export function computeFacets(docs: readonly SearchDocument[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const facet of FACETS) out[facet] = {};
  for (const d of docs) {
    const add = (facet: string, v: string | null) => {
      if (v === null || v === '') return;
      out[facet]![v] = (out[facet]![v] ?? 0) + 1;
    };
    add('type', d.type);
    add('profession', d.profession);
    add('sector', d.sector);
    add('capacity', d.capacity);
    add('domain', d.domain);
    for (const l of d.languages) add('languages', l);
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Private-use markers around matches, so text can be HTML-escaped before the markers become <mark>. */
export const PRE = '\uE000';
export const POST = '\uE001';
export const markersToHtml = (s: string) => escapeHtml(s).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');

/** Attributes shown as highlights, in display order. */
export const HIGHLIGHTED = ['name', 'description', 'specialisms', 'synonyms', 'category', 'agencyName'] as const;

export function toHit(doc: SearchDocument, highlights: Record<string, string>): SearchHit {
  const hit: SearchHit = {
    type: doc.type,
    id: doc.id,
    name: doc.name,
    description: doc.description,
    highlights,
  };
  if (doc.profession) hit.profession = doc.profession;
  if (doc.sector) hit.sector = doc.sector;
  if (doc.domain) hit.domain = doc.domain;
  if (doc.type === 'Practitioner' || doc.type === 'Agency') {
    hit.specialisms = doc.specialisms;
    hit.agencyName = doc.agencyName;
    hit.lastVerifiedAt = doc.lastVerifiedAt;
    hit.stale = doc.freshness === 0;
  }
  if (doc.type !== 'Specialism' && doc.type !== 'Need') hit.localities = doc.localities;
  if (doc.capacity) hit.capacity = doc.capacity;
  return hit;
}

/** Turns formatted values (strings or lists, matches wrapped in PRE/POST) into HTML highlights. */
export function highlightsFrom(formatted: Partial<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of HIGHLIGHTED) {
    const v = formatted[attr];
    const parts = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.includes(PRE)) : [];
    const text = typeof v === 'string' ? v : parts.join(', ');
    if (text.includes(PRE)) out[attr] = markersToHtml(text);
  }
  return out;
}

/**
 * Highlighting for the fallback: wraps words of `text` that match a query word (same word, same stem start,
 * or one typo away) in PRE/POST.
 */
export function markWords(text: string, isMatch: (word: string) => boolean): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (isMatch(w.toLowerCase()) ? `${PRE}${w}${POST}` : w));
}
