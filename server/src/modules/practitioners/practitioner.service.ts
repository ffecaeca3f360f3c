import type { PractitionerDetail, SessionUser } from '@knotwork/graph-schema';
import { NotFoundError } from '../../lib/errors.js';
import type { NodeService } from '../directory/node.service.js';
import type { PractitionerRepository } from './practitioner.repository.js';
import { redactPractitioner } from './practitioner.visibility.js';

export function createPractitionerService(deps: { nodes: NodeService; repository: PractitionerRepository }) {
  return {
    /** The practitioner page: node (redacted for the viewer), agency, specialisms, forums, localities, collaborators. */
    async detail(id: string, user: SessionUser): Promise<PractitionerDetail> {
      const node = await deps.nodes.get('Practitioner', id);
      const [extras, links] = await Promise.all([deps.repository.profileExtras(id), deps.nodes.links('Practitioner', id)]);
      if (!extras) throw new NotFoundError('Practitioner', id);
      return { ...(redactPractitioner(node, user) as unknown as PractitionerDetail), ...extras, links };
    },
  };
}
