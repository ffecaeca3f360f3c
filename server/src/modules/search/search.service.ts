import type { SearchQuery, SearchResponse } from '@knotwork/graph-schema';
import { applySituation } from '../../search/situation.js';
import type { FailoverSearch } from '../../search/failover-search.js';
import type { SearchRepository } from './search.repository.js';

const ANCESTOR_TTL_MS = 60_000;

export function createSearchService(deps: { failover: FailoverSearch; repository: SearchRepository }) {
  const ancestors = new Map<string, { at: number; ids: string[] }>();
  async function localityAncestors(id: string): Promise<string[]> {
    const hit = ancestors.get(id);
    if (hit && Date.now() - hit.at < ANCESTOR_TTL_MS) return hit.ids;
    const ids = await deps.repository.localityAncestors(id);
    if (ancestors.size > 1_000) ancestors.clear();
    ancestors.set(id, { at: Date.now(), ids });
    return ids;
  }

  return {
    /**
     * Searches practitioners, agencies, specialisms, needs and forums. Nothing here depends on the caller's
     * role: search documents never contain what only coordinators may see (coordinators-only bios, phones).
     */
    async search(query: SearchQuery): Promise<SearchResponse> {
      const localityScope = query.locality ? await localityAncestors(query.locality) : undefined;
      // The situation layer: everyday phrases and age words become the needs / specialisms / age band they mean.
      const { req, understood: u } = applySituation({
        ...query,
        ...(localityScope ? { localityAncestors: localityScope } : {}),
      });
      const res = await deps.failover.search(req);
      if (!u) return res;
      return { ...res, understood: { needs: u.needs, specialisms: u.specialisms, age: u.age, searchedFor: u.text } };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
