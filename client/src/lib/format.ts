import { domains, professions, sectors } from '@knotwork/graph-schema';

export const professionName = (code: string | null | undefined) =>
  code ? ((professions as Record<string, string>)[code] ?? code) : '';
export const sectorName = (code: string | null | undefined) =>
  code ? ((sectors as Record<string, string>)[code] ?? code) : '';
export const domainName = (code: string | null | undefined) =>
  code ? ((domains as Record<string, string>)[code] ?? code) : '';

/** 12 March 2026 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 120 is how a served range says "and older" (graph-schema OPEN_AGE). */
export const ageRangeText = (r: { min: number; max: number } | null | undefined) =>
  r ? (r.min === r.max ? `age ${r.min}` : r.max >= 120 ? `ages ${r.min} and over` : `ages ${r.min}–${r.max}`) : '';
