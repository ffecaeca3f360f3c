import type { AgeRange } from './common.js';
import type { Synonym } from './nodes.js';

/**
 * Neo4j properties hold only scalars and lists of scalars, so the two composite fields of the model are
 * flattened when stored:
 *   ageRange {min,max}          <-> ageMin, ageMax
 *   synonyms [{term,profession}] <-> synonymTerms[], synonymProfessions[] ('' when not profession-specific)
 * Every writer (API repositories, seed loader, importers) and reader goes through these two functions.
 */
export type StoredProps = Record<string, unknown>;

export function toStoredProps(value: Record<string, unknown>): StoredProps {
  const out: StoredProps = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key === 'ageRange') {
      // null (ages not stated) removes both bounds: SET n += {ageMin: null} deletes the property
      const r = v as AgeRange | null;
      out.ageMin = r?.min ?? null;
      out.ageMax = r?.max ?? null;
    } else if (key === 'synonyms') {
      const list = v as Synonym[];
      out.synonymTerms = list.map((s) => s.term);
      out.synonymProfessions = list.map((s) => s.profession ?? '');
    } else {
      out[key] = v;
    }
  }
  return out;
}

export function fromStoredProps(props: StoredProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(props)) {
    if (key === 'ageMin' || key === 'ageMax' || key === 'synonymTerms' || key === 'synonymProfessions') continue;
    out[key] = v;
  }
  if ('ageMin' in props || 'ageMax' in props) {
    out.ageRange = props.ageMin == null && props.ageMax == null ? null : { min: toNumber(props.ageMin, 0), max: toNumber(props.ageMax, 120) };
  }
  if ('synonymTerms' in props) {
    const terms = (props.synonymTerms as string[] | null) ?? [];
    const professions = (props.synonymProfessions as string[] | null) ?? [];
    out.synonyms = terms.map((term, i) => (professions[i] ? { term, profession: professions[i] } : { term }));
  }
  return out;
}

/** neo4j-driver returns integers as its own Integer type unless told otherwise; accept both. */
function toNumber(v: unknown, fallback: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'toNumber' in v && typeof (v as { toNumber: unknown }).toNumber === 'function') {
    return (v as { toNumber(): number }).toNumber();
  }
  return fallback;
}
