import { seedId } from './ids.js';

/**
 * Known facts of the demo graph (generateSeedGraph with scale 1, any seed), for tests and e2e journeys of other
 * modules. Ids are deterministic (UUID v5 of `knotwork:<Label>:<slug of name>`), so they hold for every seed.
 *
 * - `demoPractitioner` (Amelia Hartley, Year 6 Teacher at Brookfield Primary School, North; ages 4–11) is the
 *   practitioner that practitioner@knotwork.test IS.
 * - `colleague` (Daniel Mensah, SENCo at the same school) worked with her on 2 collaborations (2025–2026) and with
 *   `slt` on 3 collaborations in 2025 (speech and language delay) — so Amelia -> Daniel -> Priya is a path of
 *   collaborations. Amelia and Priya also both attend the North Locality Network Meeting (`sharedForum`).
 * - `slt` (Priya Raman) and `singleHolder.practitioner` (Joanna Whitfield) are speech and language therapists
 *   serving North; there are ~20 SLTs in all.
 * - `singleHolder`: Selective mutism is held by exactly one practitioner in the whole authority.
 * - `uncoveredNeed`: nobody (practitioner or agency) serving West, its wards or the whole authority holds or offers
 *   a specialism that ADDRESSES "housing insecurity"; likewise "stammering" in East (`uncoveredNeed2`).
 * - `isolate`: Graham Pike has no collaborations, forums or KNOWS trails (about 1.5% of practitioners are
 *   isolates; he is the fixed one).
 * - `isolatedAgency`: Westfield Faith Communities Family Project — collaborations only among its own staff, no
 *   forum attendance.
 */
const practitioner = (name: string) => ({ name, id: seedId('Practitioner', name) });
const named = (label: string, name: string) => ({ name, id: seedId(label, name) });

export const demoFacts = {
  authority: named('Locality', 'Ashmere'),
  northDistrict: named('Locality', 'North'),
  demoPractitioner: { ...practitioner('Amelia Hartley'), title: 'Year 6 Teacher', agency: named('Agency', 'Brookfield Primary School'), ward: named('Locality', 'Brookfield'), district: named('Locality', 'North') },
  colleague: { ...practitioner('Daniel Mensah'), title: 'SENCo' },
  slt: { ...practitioner('Priya Raman'), agency: named('Agency', "Ashmere Children's Speech and Language Therapy Service") },
  sharedForum: named('Forum', 'North Locality Network Meeting'),
  singleHolder: { specialism: named('Specialism', 'Selective mutism'), practitioner: practitioner('Joanna Whitfield'), district: named('Locality', 'North') },
  uncoveredNeed: { need: named('Need', 'housing insecurity'), locality: named('Locality', 'West') },
  uncoveredNeed2: { need: named('Need', 'stammering'), locality: named('Locality', 'East') },
  isolate: practitioner('Graham Pike'),
  isolatedAgency: named('Agency', 'Westfield Faith Communities Family Project'),
  specialisms: {
    speechAndLanguageTherapy: named('Specialism', 'Speech and language therapy'),
    schoolAttendance: named('Specialism', 'School attendance'),
    homelessnessPrevention: named('Specialism', 'Homelessness prevention'),
  },
  needs: {
    schoolAttendance: named('Need', 'school attendance'),
    speechAndLanguageDelay: named('Need', 'speech and language delay'),
    housingInsecurity: named('Need', 'housing insecurity'),
  },
} as const;

/** Demo accounts (created only in demo mode, by `seed --demo-users`); password from KNOTWORK_DEMO_PASSWORD. */
export const demoUsers = [
  { email: 'viewer@knotwork.test', role: 'viewer', practitionerId: null },
  { email: 'practitioner@knotwork.test', role: 'practitioner', practitionerId: demoFacts.demoPractitioner.id },
  { email: 'coordinator@knotwork.test', role: 'coordinator', practitionerId: null },
  { email: 'admin@knotwork.test', role: 'admin', practitionerId: null },
] as const;
export const DEFAULT_DEMO_PASSWORD = 'knotwork-demo';
