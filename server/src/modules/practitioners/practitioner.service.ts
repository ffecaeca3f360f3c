import type { PractitionerDetail, SessionUser } from '@knotwork/graph-schema';
import { NotFoundError } from '../../lib/errors.js';
import type { PractitionerRepository } from './practitioner.repository.js';
import { redactPractitioner } from './practitioner.visibility.js';

export function createPractitionerService(deps: { repository: PractitionerRepository }) {
  return {
    /** The practitioner page: node (redacted for the viewer), agency, specialisms, forums, localities, collaborators. */
    async detail(id: string, user: SessionUser): Promise<PractitionerDetail> {
      const page = await deps.repository.profile(id);
      if (!page) throw new NotFoundError('Practitioner', id);
      return {
        ...(redactPractitioner(page.node, user) as unknown as PractitionerDetail),
        ...page.extras,
        links: page.links,
      };
    },
  };
}
