import type { ImportChange } from '@knotwork/graph-schema';

/** Properties an import sets on every write; they say when, not what, so they do not make a record "changed". */
const BOOKKEEPING = new Set(['updatedAt', 'createdAt', 'lastVerifiedAt']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The stored-property names whose planned value differs from the stored one ([] = unchanged). */
export function changedFields(planned: Record<string, unknown>, stored: Record<string, unknown>): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(planned)) {
    if (BOOKKEEPING.has(key) || value === undefined) continue;
    if (!same(value, stored[key])) fields.push(key);
  }
  return fields;
}

/** Keeps up to `perKind` examples of each change kind and label, so a large diff stays readable. */
export class ChangeExamples {
  readonly list: ImportChange[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly perKind = 10) {}
  add(change: ImportChange) {
    const key = `${change.change}\u0000${change.label}`;
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    if (n < this.perKind) this.list.push(change);
  }
}
