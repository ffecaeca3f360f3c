import type { InsightName } from '@knotwork/graph-schema';
import { useQuery } from '@tanstack/react-query';
import { api, toQueryString } from './http';

export interface InsightParams {
  asOf?: string;
  locality?: string;
  limit?: number;
  /** Age of the child (0–25): coverage and single-points only. */
  age?: number;
}

/** Insights that take the child's age into account (the others ignore it: leave it out of their query keys). */
export const AGE_AWARE_INSIGHTS: readonly InsightName[] = ['coverage', 'single-points'];

/** The `age` URL parameter as a whole number of years 0–25, or undefined (any age) when absent or invalid. */
export function parseAge(value: string | null): number | undefined {
  if (value === null || !/^\d{1,2}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 25 ? n : undefined;
}

export const insightKeys = {
  all: ['insights'] as const,
  one: (name: InsightName, p: InsightParams) => [...insightKeys.all, name, p] as const,
};

export function useInsight<T>(name: InsightName, p: InsightParams) {
  return useQuery({
    queryKey: insightKeys.one(name, p),
    queryFn: ({ signal }) => api<T>(`/api/insights/${name}`, { signal, query: { ...p } }),
    staleTime: 5 * 60_000,
  });
}

/** The server's CSV export of an insight (same-origin GET with the session cookie). */
export const insightCsvUrl = (name: InsightName, p: InsightParams) =>
  `/api/insights/${name}${toQueryString({ ...p, format: 'csv', limit: 1000 })}`;
