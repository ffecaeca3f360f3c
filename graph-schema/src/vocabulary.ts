import { z } from 'zod';

/** Controlled vocabularies of the domain model (DESIGN §3). Codes are stable; labels are for people. */

export const professions = {
  teacher: 'Teacher',
  senco: 'SENCo',
  'educational-psychologist': 'Educational psychologist',
  'social-worker': 'Social worker',
  'family-support-worker': 'Family support worker',
  'health-visitor': 'Health visitor',
  'school-nurse': 'School nurse',
  'speech-and-language-therapist': 'Speech and language therapist',
  'camhs-clinician': 'CAMHS clinician',
  'youth-justice-officer': 'Youth justice officer',
  'education-welfare-officer': 'Education welfare officer',
  'police-officer': 'Police officer',
  'housing-officer': 'Housing officer',
  'youth-worker': 'Youth worker',
  'vcs-worker': 'Voluntary and community sector worker',
  'occupational-therapist': 'Occupational therapist',
  paediatrician: 'Paediatrician',
  gp: 'GP',
  'early-years-practitioner': 'Early years practitioner',
  'learning-mentor': 'Learning mentor',
  'domestic-abuse-advocate': 'Domestic abuse advocate',
  'substance-misuse-worker': 'Substance misuse worker',
  'parenting-practitioner': 'Parenting practitioner',
  'virtual-school-officer': 'Virtual school officer',
  'service-manager': 'Service manager',
  other: 'Other',
} as const;
export type Profession = keyof typeof professions;
export const Profession = z.enum(Object.keys(professions) as [Profession, ...Profession[]], {
  message: `must be one of: ${Object.keys(professions).join(', ')}`,
});

export const sectors = {
  education: 'Education',
  health: 'Health',
  'social-care': 'Social care',
  'youth-justice': 'Youth justice',
  police: 'Police',
  housing: 'Housing',
  vcs: 'Voluntary and community sector',
  'local-authority': 'Local authority',
  other: 'Other',
} as const;
export type Sector = keyof typeof sectors;
export const Sector = z.enum(Object.keys(sectors) as [Sector, ...Sector[]]);

/** Need and specialism domains: the areas of a child's life where vulnerability builds up. */
export const domains = {
  'learning-and-send': 'Learning and SEND',
  communication: 'Speech, language and communication',
  'mental-health': 'Social, emotional and mental health',
  'physical-health': 'Physical health and development',
  'family-and-parenting': 'Family and parenting',
  safeguarding: 'Safeguarding and protection',
  'attendance-and-inclusion': 'School attendance and inclusion',
  'youth-justice': 'Offending and youth justice',
  'housing-and-money': 'Housing, money and poverty',
  'substance-misuse': 'Substance misuse',
  'early-years': 'Early years',
  'identity-and-community': 'Identity, community and belonging',
} as const;
export type Domain = keyof typeof domains;
export const Domain = z.enum(Object.keys(domains) as [Domain, ...Domain[]]);

export const Level = z.enum(['operational', 'strategic']);
export type Level = z.infer<typeof Level>;

export const Capacity = z.enum(['open', 'limited', 'closed']).describe('Whether the practitioner is taking new work');
export type Capacity = z.infer<typeof Capacity>;

export const SpecialismLevel = z.enum(['lead', 'practitioner', 'aware']);
export type SpecialismLevel = z.infer<typeof SpecialismLevel>;

export const LocalityKind = z.enum(['authority', 'district', 'ward', 'school-cluster']);
export type LocalityKind = z.infer<typeof LocalityKind>;

export const ForumKind = z.enum(['network-meeting', 'mpt-meeting', 'panel', 'board', 'joint-training', 'co-location']);
export type ForumKind = z.infer<typeof ForumKind>;

export const Outcome = z.enum(['ongoing', 'helped', 'partly', 'not-helped']);
export type Outcome = z.infer<typeof Outcome>;

export const Role = z.enum(['viewer', 'practitioner', 'coordinator', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who may see a practitioner's direct phone or bio. */
export const Visibility = z.enum(['signed-in', 'coordinators']);
export type Visibility = z.infer<typeof Visibility>;

export const KnowsSource = z.enum(['onboarding', 'met', 'import', 'seed', 'introduction']);
export type KnowsSource = z.infer<typeof KnowsSource>;
