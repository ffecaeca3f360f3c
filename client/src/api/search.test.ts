import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidateSearch, SEARCH_CATCH_UP_MS, searchKeys } from './search';

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
