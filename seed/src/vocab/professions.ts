import type { Profession } from '@knotwork/graph-schema';

/** Short aliases used in the compact vocabulary tables below. */
export const P: Record<string, Profession> = {
  t: 'teacher',
  sen: 'senco',
  ep: 'educational-psychologist',
  sw: 'social-worker',
  fsw: 'family-support-worker',
  hv: 'health-visitor',
  sn: 'school-nurse',
  slt: 'speech-and-language-therapist',
  camhs: 'camhs-clinician',
  yjo: 'youth-justice-officer',
  ewo: 'education-welfare-officer',
  pol: 'police-officer',
  ho: 'housing-officer',
  yw: 'youth-worker',
  vcs: 'vcs-worker',
  ot: 'occupational-therapist',
  paed: 'paediatrician',
  gp: 'gp',
  ey: 'early-years-practitioner',
  lm: 'learning-mentor',
  daa: 'domestic-abuse-advocate',
  smw: 'substance-misuse-worker',
  pp: 'parenting-practitioner',
  vso: 'virtual-school-officer',
  sm: 'service-manager',
  other: 'other',
};

/** 'SALT@t; SLT@slt; speech therapy' -> [{term, profession?}] */
export function parseSynonyms(spec: string): { term: string; profession?: Profession }[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf('@');
      if (at < 0) return { term: s };
      const alias = s.slice(at + 1).trim();
      const profession = P[alias];
      if (!profession) throw new Error(`unknown profession alias ${alias} in "${spec}"`);
      return { term: s.slice(0, at).trim(), profession };
    });
}
