import { describe, expect, it } from 'vitest';
import { CollaborationInput, CollaborationPatch } from './nodes.js';
import { identifyingDetails } from './privacy.js';

describe('collaboration summaries hold no identifying details', () => {
  it.each([
    ['Worked with Mrs Okafor on attendance', 'a person’s name after a title'],
    ['Boy called Jayden, anxious in class', 'a name (“called …”, “named …”)'],
    ['Mum reachable on 07700 900123', 'a phone number'],
    ['Family at 12 Hill Rd, AB1 2DN', 'a postcode'],
    ['NHS 943 476 5919 checked', 'an NHS number or similar identifier'],
    ['DOB given to the clinic', 'a date of birth'],
    ['Seen on 03/04/2016 at home', 'a full date that may be a birthday'],
    ['Emailed parent@example.com', 'an email address'],
    ['Tyler in Year 6 needs help with reading', 'a school year group with a name'],
  ])('flags "%s"', (text, reason) => {
    expect(identifyingDetails(text)).toContain(reason);
  });

  it.each([
    'Joint work on school attendance and speech and language delay. Agreed a plan at a TAF meeting and reviewed it after six weeks.',
    'Early help work on housing insecurity. Referral made with consent and interim advice given while waiting.',
    'Consultation between the SALT and the SENCo, then a short piece of direct work in Year 6.',
    'CAMHS and the EWO met at the North Locality Network Meeting; reviewed in March 2026.',
  ])('accepts "%s"', (text) => {
    expect(identifyingDetails(text)).toEqual([]);
  });

  it('is enforced by the collaboration schemas with a message saying what to remove', () => {
    const bad = CollaborationInput.safeParse({ startedOn: '2026-01-05', summary: 'Support for Miss Patel' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['summary'] });
    expect(bad.error?.issues[0]?.message).toMatch(/must not identify anyone.*name after a title/);
    expect(CollaborationPatch.safeParse({ summary: 'named Oliver' }).success).toBe(false);
    expect(CollaborationPatch.safeParse({ summary: 'Joint work on bereavement.' }).success).toBe(true);
  });
});
