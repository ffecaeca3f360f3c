import type { AgencyDetail } from '@knotwork/graph-schema';
import { NotFoundError } from '../../lib/errors.js';
import type { AgencyRepository } from './agency.repository.js';

export function createAgencyService(deps: { repository: AgencyRepository }) {
  return {
    /** The agency page: the node (with its referral route), staff count, offers, teams, forums, localities. */
    async detail(id: string): Promise<AgencyDetail> {
      const page = await deps.repository.profile(id);
      if (!page) throw new NotFoundError('Agency', id);
      return { ...(page.node as unknown as AgencyDetail), ...page.extras, links: page.links };
    },
  };
}
