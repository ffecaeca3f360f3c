import type { SearchResponse } from '@knotwork/graph-schema';
import { keepPreviousData, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
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
  /** Understood codes the user removed, and whether to search the words as typed (situation layer, #19). */
  ignore?: string[];
  literal?: boolean;
  limit?: number;
}

export const searchKeys = {
  all: ['search'] as const,
  query: (p: SearchParams) => [...searchKeys.all, p] as const,
  pages: (p: SearchParams) => [...searchKeys.all, 'pages', p] as const,
};

/** After a write, search catches up a moment later (the server's outbox, ~0.1 s): refetch now and once more then. */
export const SEARCH_CATCH_UP_MS = 1_500;

export function invalidateSearch(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: searchKeys.all });
  setTimeout(() => void qc.invalidateQueries({ queryKey: searchKeys.all }), SEARCH_CATCH_UP_MS);
}

function searchQuery(p: SearchParams, offset = 0) {
  return {
    q: p.q,
    types: p.types,
    locality: p.locality,
    age: p.age,
    sector: p.sector,
    profession: p.profession,
    language: p.language,
    capacity: p.capacity,
    ignore: p.ignore,
    literal: p.literal ? 'true' : undefined,
    limit: p.limit ?? 20,
    offset: offset || undefined,
  };
}

/** The offset of the next page, or undefined when every hit has been loaded. */
export function nextSearchOffset(pages: readonly SearchResponse[]): number | undefined {
  const last = pages[pages.length - 1];
  if (!last || last.hits.length === 0) return undefined;
  const loaded = pages.reduce((n, page) => n + page.hits.length, 0);
  return loaded < last.total ? loaded : undefined;
}

/** Search results page after page in the engine's relevance order ("Show more"); facets and total come from the first page. */
export function useSearchPages(p: SearchParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: searchKeys.pages(p),
    queryFn: ({ signal, pageParam }) =>
      api<SearchResponse>('/api/search', { signal, query: searchQuery(p, pageParam) }),
    initialPageParam: 0,
    getNextPageParam: (_last, pages) => nextSearchOffset(pages),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSearch(p: SearchParams, enabled = true) {
  return useQuery({
    queryKey: searchKeys.query(p),
    queryFn: ({ signal }) =>
      api<SearchResponse>('/api/search', {
        signal,
        query: searchQuery(p),
      }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * Needs the search understands a picker's text to mean (issue #19): abbreviations ("SALT", "CAMHS"), typos
 * ("speach") and situations ("toddler not talking"), through the same endpoint restricted to needs.
 */
export function useNeedSuggestions(text: string): ReadonlySet<string> {
  const q = text.trim();
  const res = useSearch({ q, types: ['Need'], limit: 20 }, q.length >= 2);
  return useMemo(() => new Set(q.length >= 2 ? (res.data?.hits ?? []).map((h) => h.id) : []), [res.data, q]);
}
