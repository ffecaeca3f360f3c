import { SearchableLabel, type DirectoryLabel, type RelationshipType } from '@knotwork/graph-schema';

/**
 * Which search documents a write must rebuild. Every write rebuilds the documents of the searchable entities it
 * touched. Only some writes also change what *other* documents show — a renamed agency appears in its
 * practitioners' documents, a need newly addressed by a specialism in its holders' — and only those ask the outbox
 * worker to rebuild the entity's dependents too. A broad specialism has tens of thousands of holders at 100k
 * scale, so rebuilding them on every capacity change of one holder would keep the worker busy for minutes.
 */

const searchable = new Set<string>(SearchableLabel.options);
export const isSearchable = (label: string): boolean => searchable.has(label);

/**
 * API fields of a node that appear in other entities' search documents (see documents.repository.ts: a
 * practitioner's document shows its agency's name and sector, its specialisms' and needs' names and synonyms and
 * its localities' names; an agency's its parent's name; a specialism's its broader specialisms and needs; a need's
 * its specialisms; a forum's its convening agency and localities).
 */
export const SHOWN_FIELDS: Partial<Record<DirectoryLabel, readonly string[]>> = {
  Agency: ['name', 'sector'],
  Specialism: ['name', 'synonyms'],
  Need: ['name', 'synonyms'],
  Locality: ['name'],
};

/** Whether an update from `before` to `after` changed a field that other documents show. */
export function changesShownFields(label: DirectoryLabel, before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return (SHOWN_FIELDS[label] ?? []).some((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}

/**
 * Relationship types that change documents beyond their two ends, and the end whose dependents see the change:
 * an agency's SERVES is inherited by its practitioners who name no locality of their own; a need ADDRESSED_BY a
 * specialism shows in the documents of that specialism's holders; a locality moved WITHIN another changes the
 * ancestors of everything served in it or below it.
 */
const SEEN_BY_DEPENDENTS_OF: Partial<Record<RelationshipType, 'from' | 'to'>> = {
  SERVES: 'from',
  ADDRESSED_BY: 'to',
  WITHIN: 'from',
};

export interface SyncScope {
  /** Rebuild (or delete) these entities' own documents. */
  ids: string[];
  /** Rebuild these entities' documents and the documents that show them (computed when the event is applied). */
  withDependents: string[];
}

export interface RelationshipEnd {
  id: string;
  label: string;
}

export function relationshipSyncScope(type: RelationshipType, from: RelationshipEnd, to: RelationshipEnd): SyncScope {
  const seenBy = SEEN_BY_DEPENDENTS_OF[type];
  const cascading = seenBy === 'from' ? from : seenBy === 'to' ? to : null;
  const scope: SyncScope = { ids: [], withDependents: cascading ? [cascading.id] : [] };
  for (const end of [from, to]) if (end !== cascading && isSearchable(end.label)) scope.ids.push(end.id);
  return scope;
}

/** The outbox events for these scopes: one per id, asking for dependents when any scope asked for them. */
export function syncEvents(scopes: readonly SyncScope[]): Array<[id: string, withDependents: boolean]> {
  const cascading = new Set(scopes.flatMap((s) => s.withDependents));
  const own = new Set(scopes.flatMap((s) => s.ids).filter((id) => !cascading.has(id)));
  return [...[...cascading].map((id) => [id, true] as [string, boolean]), ...[...own].map((id) => [id, false] as [string, boolean])];
}
