import { NotFoundError } from '../../lib/errors.js';
import {
  KNOWLEDGE_TAXONOMY,
  hsdsServiceId,
  organization,
  organizationBasic,
  page,
  service,
  term,
} from './hsds.mapping.js';
import type { HsdsRepository } from './hsds.repository.js';

interface Paging {
  page: number;
  per_page: number;
  modified_after?: string | undefined;
}
const skipOf = (p: Paging) => (p.page - 1) * p.per_page;

export function createHsdsService(repository: HsdsRepository) {
  return {
    async organizations(q: Paging) {
      const { total, rows } = await repository.agencyPage(
        { modifiedAfter: q.modified_after ?? null },
        skipOf(q),
        q.per_page,
      );
      return page(rows.map(organizationBasic), total, q.page, q.per_page);
    },
    async organization(id: string) {
      const [row] = await repository.agencies({ ids: [id] });
      if (!row) throw new NotFoundError('Organization', id);
      return organization(row);
    },
    async services(q: Paging & { taxonomy_term_id?: string | undefined }) {
      const filter = { modifiedAfter: q.modified_after ?? null, offers: q.taxonomy_term_id ?? null };
      const { total, pairs, agencies } = await repository.offerPage(filter, skipOf(q), q.per_page);
      const byId = new Map(agencies.map((a) => [String(a.props.id), a]));
      const contents = pairs.flatMap(({ agency, specialism }) => {
        const row = byId.get(agency);
        const offer = row?.offers.find((o) => o.id === specialism);
        return row && offer ? [service(row, offer, true)] : [];
      });
      return page(contents, total, q.page, q.per_page);
    },
    async service(id: string) {
      const pair = (await repository.allOffers()).find((p) => hsdsServiceId(p.agency, p.specialism) === id);
      const [row] = pair ? await repository.agencies({ ids: [pair.agency] }) : [];
      const offer = row?.offers.find((o) => o.id === pair?.specialism);
      if (!row || !offer) throw new NotFoundError('Service', id);
      return service(row, offer, true);
    },
    taxonomies() {
      const taxonomy = {
        ...KNOWLEDGE_TAXONOMY,
        description: 'Knotwork specialisms: the kinds of expertise agencies and practitioners offer',
        version: '1',
      };
      return page([taxonomy], 1, 1, 1);
    },
    async taxonomyTerms(q: Paging) {
      const { total, rows } = await repository.specialismPage(skipOf(q), q.per_page, q.modified_after ?? null);
      return page(rows.map(term), total, q.page, q.per_page);
    },
  };
}
