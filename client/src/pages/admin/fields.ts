import { domains, professions, sectors, type DirectoryLabel } from '@knotwork/graph-schema';

/** Form fields per node type; names match the graph-schema Input schemas (the server validates). */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'list' | 'age' | 'synonyms' | 'email' | 'url' | 'tel';
  options?: Record<string, string>;
  hint?: string;
  nullable?: boolean;
}

const opts = (values: readonly string[]) => Object.fromEntries(values.map((v) => [v, v.replaceAll('-', ' ')]));
const ageRange: FieldSpec = { name: 'ageRange', label: 'Ages served', kind: 'age', hint: 'Leave both empty when not known; 120 means “and older”' };

export const formFields: Partial<Record<DirectoryLabel, FieldSpec[]>> = {
  Practitioner: [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'profession', label: 'Profession', kind: 'select', options: professions },
    { name: 'title', label: 'Job title', kind: 'text' },
    { name: 'level', label: 'Level', kind: 'select', options: opts(['operational', 'strategic']) },
    { name: 'capacity', label: 'Capacity', kind: 'select', options: { open: 'Taking new work', limited: 'Limited capacity', closed: 'Not taking new work' } },
    { name: 'limitsOfExpertise', label: 'Limits of expertise (what they do not do)', kind: 'textarea' },
    { name: 'bio', label: 'Biography', kind: 'textarea' },
    { name: 'languages', label: 'Languages spoken', kind: 'list', hint: 'Separate with commas' },
    { name: 'email', label: 'Work email', kind: 'email', nullable: true },
    { name: 'phone', label: 'Work phone', kind: 'tel', nullable: true },
    ageRange,
  ],
  Agency: [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'sector', label: 'Sector', kind: 'select', options: sectors },
    { name: 'referralRoute', label: 'Referral route (how to refer, criteria, thresholds)', kind: 'textarea' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'website', label: 'Website', kind: 'url', nullable: true },
    { name: 'phone', label: 'Phone', kind: 'tel', nullable: true },
    { name: 'email', label: 'Email', kind: 'email', nullable: true },
    { name: 'address', label: 'Address', kind: 'text' },
    ageRange,
  ],
  Specialism: [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'domain', label: 'Domain', kind: 'select', options: domains },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'synonyms', label: 'Other names', kind: 'synonyms', hint: 'One per line; add “| profession code” when only one profession uses it, e.g. SALT | teacher' },
  ],
  Need: [
    { name: 'name', label: 'Need in plain words', kind: 'text' },
    { name: 'domain', label: 'Domain', kind: 'select', options: domains },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'synonyms', label: 'Other names', kind: 'synonyms', hint: 'One per line; add “| profession code” when only one profession uses it' },
  ],
  Forum: [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'kind', label: 'Kind', kind: 'select', options: opts(['network-meeting', 'mpt-meeting', 'panel', 'board', 'joint-training', 'co-location']) },
    { name: 'cadence', label: 'How often it meets', kind: 'text' },
    { name: 'description', label: 'Description', kind: 'textarea' },
  ],
  Locality: [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'kind', label: 'Kind', kind: 'select', options: opts(['authority', 'district', 'ward', 'school-cluster']) },
  ],
};

export type FormValues = Record<string, string>;

/** Record → form strings. */
export function toFormValues(fields: FieldSpec[], record: Record<string, unknown> | undefined): FormValues {
  const v: FormValues = {};
  for (const f of fields) {
    const x = record?.[f.name];
    if (f.kind === 'age') {
      // A record whose source stated no ages keeps the fields empty (saving them empty keeps "not stated").
      const r = x as { min?: number; max?: number } | null | undefined;
      v['ageRange.min'] = r === null ? '' : String(r?.min ?? 0);
      v['ageRange.max'] = r === null ? '' : String(r?.max ?? 18);
    } else if (f.kind === 'list') v[f.name] = ((x as string[] | undefined) ?? []).join(', ');
    else if (f.kind === 'synonyms')
      v[f.name] = ((x as { term: string; profession?: string }[] | undefined) ?? [])
        .map((s) => (s.profession ? `${s.term} | ${s.profession}` : s.term))
        .join('\n');
    else v[f.name] = x === null || x === undefined ? '' : String(x);
  }
  return v;
}

/** Form strings → request body (the server validates and answers with field messages). */
export function toBody(fields: FieldSpec[], v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === 'age') {
      const [min, max] = [v['ageRange.min']?.trim() ?? '', v['ageRange.max']?.trim() ?? ''];
      body.ageRange = min === '' && max === '' ? null : { min: Number(min), max: Number(max) };
    } else if (f.kind === 'list') {
      body[f.name] = (v[f.name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    } else if (f.kind === 'synonyms') {
      body[f.name] = (v[f.name] ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [term, profession] = line.split('|').map((s) => s.trim());
          return profession ? { term, profession } : { term };
        });
    } else {
      const s = v[f.name] ?? '';
      body[f.name] = f.nullable && s.trim() === '' ? null : s;
    }
  }
  return body;
}
