import type { SearchResponse } from '@knotwork/graph-schema';
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './http';

/** Search parameters as the page holds them (mirrors SearchQuery of graph-schema). */
export interface SearchParams {
  q: string;
  types?: string[];
  locality?: string;
  age?: number;
  sector?: string[];
  profession?: string[];
  language?: string;
  capacity?: string[];
  limit?: number;
}

export const searchKeys = {
  all: ['search'] as const,
  query: (p: SearchParams) => [...searchKeys.all, p] as const,
};

/** After a write, search catches up a moment later (the server's outbox, ~0.1 s): refetch now and once more then. */
export const SEARCH_CATCH_UP_MS = 1_500;

export function invalidateSearch(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: searchKeys.all });
  setTimeout(() => void qc.invalidateQueries({ queryKey: searchKeys.all }), SEARCH_CATCH_UP_MS);
}

export function useSearch(p: SearchParams, enabled = true) {
  return useQuery({
    queryKey: searchKeys.query(p),
    queryFn: ({ signal }) =>
      api<SearchResponse>('/api/search', {
        signal,
        query: {
          q: p.q,
          types: p.types,
          locality: p.locality,
          age: p.age,
          sector: p.sector,
          profession: p.profession,
          language: p.language,
          capacity: p.capacity,
          limit: p.limit ?? 20,
        },
      }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
