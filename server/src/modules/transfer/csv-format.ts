import {
  nodeSchemas,
  OPEN_AGE,
  relationshipTypes,
  type DirectoryLabel,
  type RelationshipType,
} from '@knotwork/graph-schema';

/**
 * The Knotwork CSV layout (README "Data import and export"): one file per node label (`Practitioner.csv`, …) and
 * per relationship type (`WORKS_FOR.csv`, …). Values are plain text; lists are joined with `;`, a synonym's
 * profession follows its term after `|` (e.g. `SALT|teacher;speech therapy`); empty cell = null / default.
 */
export const DIRECTORY_LABELS = Object.keys(nodeSchemas) as DirectoryLabel[];
export const RELATIONSHIP_TYPES = Object.keys(relationshipTypes) as RelationshipType[];

const META_TAIL = ['source', 'sourceKey', 'createdAt', 'updatedAt'];
const PROFILE_TAIL = ['source', 'sourceKey', 'lastVerifiedAt', 'createdAt', 'updatedAt'];

export const nodeColumns: Record<DirectoryLabel, string[]> = {
  Practitioner: ['id', 'name', 'profession', 'title', 'level', 'bio', 'languages', 'email', 'phone', 'ageMin', 'ageMax', 'capacity', 'limitsOfExpertise', 'phoneVisibility', 'bioVisibility', ...PROFILE_TAIL],
  Agency: ['id', 'name', 'sector', 'description', 'website', 'phone', 'address', 'referralRoute', 'ageMin', 'ageMax', 'email', 'otherPhones', ...PROFILE_TAIL],
  Specialism: ['id', 'name', 'domain', 'description', 'synonyms', ...META_TAIL],
  Need: ['id', 'name', 'domain', 'description', 'synonyms', ...META_TAIL],
  Locality: ['id', 'name', 'kind', ...META_TAIL],
  Location: ['id', 'name', 'description', 'address', 'postcode', 'latitude', 'longitude', 'openingTimes', 'accessibility', 'phone', 'email', ...META_TAIL],
  Forum: ['id', 'name', 'kind', 'cadence', 'description', ...META_TAIL],
  Collaboration: ['id', 'startedOn', 'endedOn', 'summary', 'outcome', ...META_TAIL],
};

/** Relationship files: from, to, (fromLabel when the type has several start labels), then the type's properties. */
export function relationshipColumns(type: RelationshipType): string[] {
  const spec = relationshipTypes[type];
  const cols = ['from', 'to'];
  if (spec.from.length > 1) cols.push('fromLabel');
  if (spec.to.length > 1) cols.push('toLabel');
  return [...cols, ...Object.keys(spec.props.shape)];
}

export const LIST_FIELDS = new Set(['languages', 'otherPhones']);
export const INT_FIELDS = new Set(['ageMin', 'ageMax']);
export const NUMBER_FIELDS = new Set(['strength']);
const COORDINATES = new Set(['latitude', 'longitude']);

export function fileNameFor(labelOrType: string): string {
  return `${labelOrType}.csv`;
}

function encodeSynonyms(list: unknown): string {
  if (!Array.isArray(list)) return '';
  return list
    .map((s: { term: string; profession?: string }) => (s.profession ? `${s.term}|${s.profession}` : s.term))
    .join(';');
}

export function decodeSynonyms(cell: string): { term: string; profession?: string }[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const bar = s.lastIndexOf('|');
      if (bar < 0) return { term: s };
      const profession = s.slice(bar + 1).trim();
      return profession ? { term: s.slice(0, bar).trim(), profession } : { term: s.slice(0, bar).trim() };
    });
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

/** A node in API shape (ageRange/synonyms composite) -> CSV cells in column order. */
export function nodeToCells(label: DirectoryLabel, node: Record<string, unknown>): string[] {
  return nodeColumns[label].map((col) => {
    if (col === 'ageMin') return cellOf((node.ageRange as { min?: number } | undefined)?.min ?? node.ageMin);
    if (col === 'ageMax') return cellOf((node.ageRange as { max?: number } | undefined)?.max ?? node.ageMax);
    if (col === 'synonyms') return encodeSynonyms(node.synonyms);
    return cellOf(node[col]);
  });
}

export function relationshipToCells(
  type: RelationshipType,
  rel: { from: string; to: string; fromLabel?: string; toLabel?: string; properties: Record<string, unknown> },
): string[] {
  return relationshipColumns(type).map((col) => {
    if (col === 'from') return rel.from;
    if (col === 'to') return rel.to;
    if (col === 'fromLabel') return rel.fromLabel ?? '';
    if (col === 'toLabel') return rel.toLabel ?? '';
    return cellOf(rel.properties[col]);
  });
}

/**
 * CSV record (header -> cell) -> API-shaped candidate for zod validation. Empty cells are left out so that the
 * Input schema's defaults apply; nullable fields given as empty become null.
 */
export function cellsToNode(label: DirectoryLabel, record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, raw] of Object.entries(record)) {
    const cell = raw.trim();
    if (col === 'ageMin' || col === 'ageMax') continue;
    if (cell === '') {
      if (['email', 'phone', 'website', 'endedOn', 'lastVerifiedAt', 'latitude', 'longitude'].includes(col)) out[col] = null;
      continue;
    }
    if (col === 'synonyms') out.synonyms = decodeSynonyms(cell);
    else if (COORDINATES.has(col)) out[col] = Number(cell);
    else if (LIST_FIELDS.has(col)) out[col] = cell.split(';').map((s) => s.trim()).filter(Boolean);
    else out[col] = cell;
  }
  const min = record.ageMin?.trim();
  const max = record.ageMax?.trim();
  // both columns there and empty: the ages are not stated (an absent column leaves the default)
  if (min || max) out.ageRange = { min: min ? Number(min) : 0, max: max ? Number(max) : OPEN_AGE };
  else if ('ageMin' in record && 'ageMax' in record) out.ageRange = null;
  void label;
  return out;
}

export function cellsToRelationshipProps(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, raw] of Object.entries(record)) {
    if (['from', 'to', 'fromLabel', 'toLabel'].includes(col)) continue;
    const cell = raw.trim();
    if (cell === '') continue;
    if (LIST_FIELDS.has(col)) out[col] = cell.split(';').map((s) => s.trim()).filter(Boolean);
    else out[col] = NUMBER_FIELDS.has(col) || INT_FIELDS.has(col) ? Number(cell) : cell;
  }
  return out;
}
