import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchResponse } from '@knotwork/graph-schema';
import { invalidateSearch, nextSearchOffset, SEARCH_CATCH_UP_MS, searchKeys } from './search';

afterEach(() => vi.useRealTimers());

describe('invalidateSearch', () => {
  it('refetches search now and once more when the index has caught up with the write', () => {
    vi.useFakeTimers();
    const qc = new QueryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries').mockResolvedValue();
    invalidateSearch(qc);
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenLastCalledWith({ queryKey: searchKeys.all });
    vi.advanceTimersByTime(SEARCH_CATCH_UP_MS);
    expect(invalidate).toHaveBeenCalledTimes(2);
  });
});

describe('nextSearchOffset', () => {
  const page = (hits: number, total: number) =>
    ({ hits: Array.from({ length: hits }), total, facets: {}, degraded: false, backend: 'meilisearch' }) as unknown as SearchResponse;

  it('asks for the hits after those loaded until all of the total are shown', () => {
    expect(nextSearchOffset([page(30, 113)])).toBe(30);
    expect(nextSearchOffset([page(30, 113), page(30, 113), page(30, 113)])).toBe(90);
    expect(nextSearchOffset([page(30, 113), page(30, 113), page(30, 113), page(23, 113)])).toBeUndefined();
  });

  it('stops when a page comes back empty (the index shrank meanwhile)', () => {
    expect(nextSearchOffset([page(30, 113), page(0, 113)])).toBeUndefined();
    expect(nextSearchOffset([])).toBeUndefined();
  });
});
