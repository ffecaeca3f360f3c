import type { InsightName } from '@knotwork/graph-schema';
import { useQuery } from '@tanstack/react-query';
import { api, toQueryString } from './http';

export interface InsightParams {
  asOf?: string;
  locality?: string;
  limit?: number;
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
