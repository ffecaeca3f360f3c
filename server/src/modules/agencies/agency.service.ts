import type { AgencyDetail } from '@knotwork/graph-schema';
import { NotFoundError } from '../../lib/errors.js';
import type { NodeService } from '../directory/node.service.js';
import type { AgencyRepository } from './agency.repository.js';

export function createAgencyService(deps: { nodes: NodeService; repository: AgencyRepository }) {
  return {
    /** The agency page: the node (with its referral route), staff count, offers, teams, forums, localities. */
    async detail(id: string): Promise<AgencyDetail> {
      const node = await deps.nodes.get('Agency', id);
      const [extras, links] = await Promise.all([deps.repository.profileExtras(id), deps.nodes.links('Agency', id)]);
      if (!extras) throw new NotFoundError('Agency', id);
      return { ...(node as unknown as AgencyDetail), ...extras, links };
    },
  };
}
