import type { SessionUser } from '@knotwork/graph-schema';
import { ForbiddenError } from './errors.js';

export const NOT_LINKED_MESSAGE =
  'Your account is not linked to a practitioner profile: ask an admin to link it to yours';

/** The practitioner profile the signed-in account is linked to; 403 with what to do when there is none. */
export function linkedPractitioner(user: SessionUser): string {
  if (!user.practitionerId) throw new ForbiddenError(NOT_LINKED_MESSAGE);
  return user.practitionerId;
}
