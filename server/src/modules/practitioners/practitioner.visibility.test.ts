import { describe, expect, it } from 'vitest';
import { redactPractitioner } from './practitioner.visibility.js';

const id = '00000000-0000-4000-8000-000000000001';
const hidden = { id, name: 'A', phone: '01234 567890', bio: 'Bio', phoneVisibility: 'coordinators', bioVisibility: 'coordinators' };
const open = { ...hidden, phoneVisibility: 'signed-in', bioVisibility: 'signed-in' };

describe('redactPractitioner', () => {
  it('hides coordinator-only fields from viewers and other practitioners', () => {
    for (const user of [
      { role: 'viewer' as const, practitionerId: null },
      { role: 'practitioner' as const, practitionerId: '00000000-0000-4000-8000-000000000002' },
      null,
    ]) {
      expect(redactPractitioner(hidden, user)).toMatchObject({ phone: null, bio: null, redacted: ['phone', 'bio'] });
    }
  });

  it('shows them to coordinators, admins and the practitioner themself', () => {
    for (const user of [
      { role: 'coordinator' as const, practitionerId: null },
      { role: 'admin' as const, practitionerId: null },
      { role: 'practitioner' as const, practitionerId: id },
    ]) {
      expect(redactPractitioner(hidden, user)).toMatchObject({ phone: '01234 567890', bio: 'Bio', redacted: [] });
    }
  });

  it('shows fields visible to everyone signed in, and each field follows its own setting', () => {
    const viewer = { role: 'viewer' as const, practitionerId: null };
    expect(redactPractitioner(open, viewer)).toMatchObject({ phone: '01234 567890', bio: 'Bio', redacted: [] });
    expect(redactPractitioner({ ...open, bioVisibility: 'coordinators' }, viewer)).toMatchObject({
      phone: '01234 567890',
      bio: null,
      redacted: ['bio'],
    });
  });

  it('does not change its input', () => {
    const copy = { ...hidden };
    redactPractitioner(copy, null);
    expect(copy).toEqual(hidden);
  });
});
