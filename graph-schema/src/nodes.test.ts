import { describe, expect, it } from 'vitest';
import { AgencyPatch, PractitionerInput, PractitionerPatch } from './nodes.js';

describe('patch schemas', () => {
  it('leave absent fields absent (zod 4 .partial() would fill in the defaults)', () => {
    expect(Object.keys(PractitionerInput.partial().parse({ title: 'x' }))).toContain('languages'); // the pitfall
    expect(PractitionerPatch.parse({ title: 'x' })).toEqual({ title: 'x' });
    expect(PractitionerPatch.parse({ email: null })).toEqual({ email: null });
    expect(AgencyPatch.parse({})).toEqual({});
  });

  it('still validate the fields that are sent', () => {
    expect(PractitionerPatch.safeParse({ name: '' }).success).toBe(false);
    expect(PractitionerPatch.safeParse({ ageRange: { min: 9, max: 3 } }).success).toBe(false);
    expect(PractitionerPatch.safeParse({ profession: 'wizard' }).success).toBe(false);
  });
});
