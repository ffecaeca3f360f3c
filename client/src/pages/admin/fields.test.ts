import { describe, expect, it } from 'vitest';
import { formFields, toBody, toFormValues } from './fields';

describe('admin form mapping', () => {
  it('round-trips a practitioner through form strings', () => {
    const fields = formFields.Practitioner!;
    const record = { name: 'A', profession: 'teacher', languages: ['English', 'Urdu'], email: null, ageRange: { min: 4, max: 11 } };
    const v = toFormValues(fields, record);
    expect(v['ageRange.min']).toBe('4');
    expect(v.languages).toBe('English, Urdu');
    const body = toBody(fields, v);
    expect(body).toMatchObject({ name: 'A', profession: 'teacher', languages: ['English', 'Urdu'], email: null, ageRange: { min: 4, max: 11 } });
  });

  it('parses synonyms with an optional profession', () => {
    const fields = formFields.Specialism!;
    const body = toBody(fields, { name: 'S', domain: 'communication', description: '', synonyms: 'SALT | teacher\n\nspeech therapy' });
    expect(body.synonyms).toEqual([{ term: 'SALT', profession: 'teacher' }, { term: 'speech therapy' }]);
  });
});
