import type { SessionUser } from '@knotwork/graph-schema';

/**
 * A practitioner chooses who may see their direct phone and their bio: everyone signed in ('signed-in') or
 * coordinators only ('coordinators'). Coordinators, admins and the practitioner themself always see both.
 * Every read path that returns a practitioner's phone or bio (API, search results, exports) must pass through
 * `redactPractitioner`: hidden fields come back as null and are named in `redacted`.
 */
export function canSeeRestricted(user: Pick<SessionUser, 'role' | 'practitionerId'> | null, practitionerId: string): boolean {
  if (!user) return false;
  return user.role === 'coordinator' || user.role === 'admin' || user.practitionerId === practitionerId;
}

export function redactPractitioner<T extends Record<string, unknown> & { id: string }>(
  practitioner: T,
  user: Pick<SessionUser, 'role' | 'practitionerId'> | null,
): T & { redacted: ('phone' | 'bio')[] } {
  const redacted: ('phone' | 'bio')[] = [];
  const out: Record<string, unknown> = { ...practitioner };
  if (!canSeeRestricted(user, practitioner.id)) {
    if ((practitioner.phoneVisibility ?? 'signed-in') !== 'signed-in') {
      out.phone = null;
      redacted.push('phone');
    }
    if ((practitioner.bioVisibility ?? 'signed-in') !== 'signed-in') {
      out.bio = null;
      redacted.push('bio');
    }
  }
  out.redacted = redacted;
  return out as T & { redacted: ('phone' | 'bio')[] };
}
