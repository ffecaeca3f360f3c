import { demoFacts, seedId } from '@knotwork/seed';

/**
 * The relevance test set over the demo data (seed/, scale 1; ids are UUID v5 of names, so they hold for every
 * seed). Each query names what it is about (`about`: specialisms and/or needs of the thesaurus); the relevant
 * results are derived from the graph (see relevance.repository.ts): those specialisms and the ones narrower,
 * the needs they address, the practitioners holding and the agencies offering them, restricted to the query's
 * filters. `top5` lists ids that must appear among the first five results.
 */
export type QueryKind =
  'situation' | 'typo' | 'abbreviation' | 'other-profession' | 'multi-word-need' | 'filter' | 'name';

export interface RelevanceQuery {
  kind: QueryKind;
  q: string;
  params?: Record<string, string>;
  about: { specialisms?: string[]; needs?: string[]; ids?: string[] };
  top5: string[];
}

const S = (name: string) => seedId('Specialism', name);
const N = (name: string) => seedId('Need', name);
const spec = (q: string, kind: QueryKind, name: string, params?: Record<string, string>): RelevanceQuery => ({
  kind,
  q,
  ...(params ? { params } : {}),
  about: { specialisms: [S(name)] },
  top5: [S(name)],
});
const need = (q: string, kind: QueryKind, name: string, params?: Record<string, string>): RelevanceQuery => ({
  kind,
  q,
  ...(params ? { params } : {}),
  about: { needs: [N(name)] },
  top5: [N(name)],
});

const north = demoFacts.northDistrict.id;

export const relevanceSet: RelevanceQuery[] = [
  // Typos ------------------------------------------------------------------------------------------------
  spec('speach therapy', 'typo', 'Speech and language therapy'),
  spec('stamering', 'typo', 'Stammering'),
  spec('dyslexa', 'typo', 'Specific learning difficulties'),
  spec('autsim', 'typo', 'Autism'),
  spec('bereavment support', 'typo', 'Bereavement support'),
  spec('homlessness prevention', 'typo', 'Homelessness prevention'),
  spec('selective mutsim', 'typo', 'Selective mutism'),
  spec('physiotherapie', 'typo', 'Physiotherapy'),
  spec('occupational therapie', 'typo', 'Occupational therapy'),
  spec('counseling for young people', 'typo', 'Counselling for young people'),
  spec('restorative justise', 'typo', 'Restorative justice'),
  spec('parenting programes', 'typo', 'Parenting programmes'),
  // Abbreviations ----------------------------------------------------------------------------------------
  spec('SALT', 'abbreviation', 'Speech and language therapy'),
  spec('SLT', 'abbreviation', 'Speech and language therapy'),
  spec('EHCP', 'abbreviation', 'Education, health and care plans'),
  spec('EWO', 'abbreviation', 'School attendance'),
  spec('ASD', 'abbreviation', 'Autism'),
  spec('ADHD', 'abbreviation', 'ADHD'),
  spec('LAC', 'abbreviation', 'Children in care'),
  spec('YOT', 'abbreviation', 'Youth justice supervision'),
  spec('EHA', 'abbreviation', 'Early Help assessment and team around the family'),
  spec('SEMH', 'abbreviation', 'Social, emotional and mental health needs'),
  spec('EBSA', 'abbreviation', 'Emotionally based school avoidance'),
  spec('NEET', 'abbreviation', 'Education, employment and training for young people'),
  spec('MASH', 'abbreviation', 'Multi-agency safeguarding hub'),
  spec('DLD', 'abbreviation', 'Developmental language disorder'),
  spec('AAC', 'abbreviation', 'Augmentative and alternative communication'),
  spec('CAMHS', 'abbreviation', 'Children and young people mental health'),
  // Another profession's words ---------------------------------------------------------------------------
  // Ambiguous in the thesaurus itself: a teacher's word for SLT, and the words of "Social communication difficulties".
  {
    ...spec('communication difficulties', 'other-profession', 'Speech and language therapy'),
    about: { specialisms: [S('Speech and language therapy'), S('Social communication difficulties')] },
  },
  spec('school refusal', 'other-profession', 'Emotionally based school avoidance'),
  spec('hidden harm', 'other-profession', 'Parental substance misuse'),
  spec('looked after children', 'other-profession', 'Children in care'),
  spec('dyspraxia', 'other-profession', 'Developmental coordination disorder'),
  spec('floating support', 'other-profession', 'Tenancy sustainment'),
  spec('respite', 'other-profession', 'Short breaks and respite'),
  spec('youth offending', 'other-profession', 'Youth justice supervision'),
  spec('team around the family', 'other-profession', 'Early Help assessment and team around the family'),
  // A GP's word for both counselling and CBT.
  {
    ...spec('talking therapy', 'other-profession', 'Counselling for young people'),
    about: { specialisms: [S('Counselling for young people'), S('Cognitive behavioural therapy')] },
  },
  spec('county lines', 'other-profession', 'Child criminal exploitation'),
  spec('food bank', 'other-profession', 'Food poverty support'),
  // Multi-word needs -------------------------------------------------------------------------------------
  need('late talking', 'multi-word-need', 'speech and language delay'),
  need('speech and language delay', 'multi-word-need', 'speech and language delay'),
  need('family facing eviction', 'multi-word-need', 'housing insecurity'),
  need('caring for a parent', 'multi-word-need', 'young carer'),
  need('worried all the time', 'multi-word-need', 'anxiety'),
  need('death in the family', 'multi-word-need', 'bereavement'),
  need('does not speak at school', 'multi-word-need', 'not speaking in some settings'),
  need('living in temporary accommodation', 'multi-word-need', 'living in temporary accommodation'),
  need('no food at home', 'multi-word-need', 'food insecurity'),
  need('parent drinking', 'multi-word-need', 'parental substance misuse'),
  need('struggles with conversation', 'multi-word-need', 'social communication difficulties'),
  need('cannot afford heating', 'multi-word-need', 'fuel poverty'),
  need('living with grandparents', 'multi-word-need', 'kinship care'),
  need('dropped out of college', 'multi-word-need', 'not in education, employment or training'),
  // Filters ----------------------------------------------------------------------------------------------
  {
    ...spec('speech therapy', 'filter', 'Speech and language therapy', { locality: north, types: 'Practitioner' }),
    top5: [demoFacts.slt.id],
  },
  {
    ...spec('selective mutism', 'filter', 'Selective mutism', { types: 'Practitioner' }),
    top5: [demoFacts.singleHolder.practitioner.id],
  },
  spec('SALT', 'filter', 'Speech and language therapy', { types: 'Specialism' }),
  {
    ...spec('speech and language therapy', 'filter', 'Speech and language therapy', { types: 'Agency' }),
    top5: [demoFacts.slt.agency.id],
  },
  {
    ...spec('speech therapy', 'filter', 'Speech and language therapy', {
      age: '8',
      profession: 'speech-and-language-therapist',
    }),
    top5: [],
  },
  { ...spec('attendance', 'filter', 'School attendance', { locality: north, types: 'Practitioner' }), top5: [] },
  { ...spec('autism', 'filter', 'Autism', { types: 'Practitioner', capacity: 'open' }), top5: [] },
  { ...spec('housing advice', 'filter', 'Housing advice', { sector: 'housing' }), top5: [] },
  { ...need('school attendance', 'filter', 'school attendance', { types: 'Need' }), top5: [N('school attendance')] },
  // Names ------------------------------------------------------------------------------------------------
  { kind: 'name', q: 'Priya Raman', about: { ids: [demoFacts.slt.id] }, top5: [demoFacts.slt.id] },
  {
    kind: 'name',
    q: 'Amelia Hartley',
    about: { ids: [demoFacts.demoPractitioner.id] },
    top5: [demoFacts.demoPractitioner.id],
  },
  {
    kind: 'name',
    q: 'North Locality Network Meeting',
    about: { ids: [demoFacts.sharedForum.id] },
    top5: [demoFacts.sharedForum.id],
  },
  {
    kind: 'name',
    q: 'Brookfield Primary',
    about: { ids: [demoFacts.demoPractitioner.agency.id] },
    top5: [demoFacts.demoPractitioner.agency.id],
  },
];
