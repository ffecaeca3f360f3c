import { z } from 'zod';

/**
 * The situation layer (issue #19): how parents and practitioners describe a child's situation in everyday words,
 * mapped to the needs (by name, as in the need vocabulary) and specialisms they are about, plus age words mapped
 * to age bands. Reviewable data: a practitioner can read and correct each row. Every need and specialism named
 * here must exist in the vocabulary (checked by seed/src/situations.test.ts).
 *
 * Sources: the need and specialism vocabulary (seed/src/vocab, drawn from the LGA/esd service types and Open
 * Eligibility terms in ../shared/data), and common UK safeguarding and SEND roles (Working Together to Safeguard
 * Children 2023, Keeping Children Safe in Education, SEND Code of Practice 2015).
 *
 * Phrases are matched as whole words after normalising (lower case, accents and punctuation dropped,
 * apostrophes removed: "won't" → "wont"), longest phrase first, with one typo allowed in words of 5+ letters.
 */

export const AgeBandCode = z.enum(['baby', 'toddler', 'pre-school', 'primary', 'secondary', 'teenager', 'young-adult']);
export type AgeBandCode = z.infer<typeof AgeBandCode>;

export interface AgeBandRow {
  label: string;
  min: number;
  max: number;
  words: readonly string[];
}

export const ageBands: Record<AgeBandCode, AgeBandRow> = {
  baby: { label: 'baby', min: 0, max: 1, words: ['baby', 'babies', 'infant', 'newborn', 'new born'] },
  toddler: { label: 'toddler', min: 1, max: 3, words: ['toddler', 'toddlers', 'two year old', '2 year old'] },
  'pre-school': {
    label: 'pre-school',
    min: 2,
    max: 5,
    words: ['preschool', 'pre school', 'nursery age', 'under fives', 'under 5s'],
  },
  primary: {
    label: 'primary school',
    min: 4,
    max: 11,
    words: ['primary age', 'primary school child', 'reception child'],
  },
  secondary: { label: 'secondary school', min: 11, max: 16, words: ['secondary age', 'secondary school child'] },
  teenager: { label: 'teenager', min: 13, max: 19, words: ['teenager', 'teenagers', 'teen', 'teens', 'adolescent'] },
  'young-adult': { label: 'young adult', min: 18, max: 25, words: ['young adult', 'over 18'] },
};

export interface SituationRow {
  /** Everyday phrases (and role initials) meaning this situation. */
  phrases: readonly string[];
  /** Need names from the need vocabulary. */
  needs?: readonly string[];
  /** Specialism names, for roles and services asked for by name (DSL, LADO, VSH…). */
  specialisms?: readonly string[];
  /** An age band the phrase itself implies ("toddler not talking"). */
  age?: AgeBandCode;
}

/** Stable code of a need or specialism name, used in `understood` and to remove an understood term. */
export const termCode = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const situations: readonly SituationRow[] = [
  // Speech, language and communication
  {
    phrases: [
      'not talking',
      'not talking yet',
      'isnt talking',
      'no words',
      'few words',
      'hardly talks',
      'late talker',
      'not saying words',
      'speech delay',
      'delayed speech',
      'behind with talking',
      'not speaking yet',
      'wont talk',
    ],
    needs: ['speech and language delay'],
  },
  {
    phrases: [
      'cant understand what he says',
      'cant understand what she says',
      'hard to understand',
      'unclear speech',
      'mispronounces',
      'lisp',
    ],
    needs: ['unclear speech'],
  },
  { phrases: ['stutters', 'stuttering', 'gets stuck on words', 'stammers'], needs: ['stammering'] },
  {
    phrases: [
      'wont speak at school',
      'doesnt speak at school',
      'not speaking at school',
      'silent at school',
      'only talks at home',
      'wont speak to teachers',
      'refuses to speak',
      'wont speak',
    ],
    needs: ['not speaking in some settings'],
  },
  {
    phrases: ['no eye contact', 'struggles to make friends', 'doesnt play with other children', 'literal thinker'],
    needs: ['social communication difficulties'],
  },
  { phrases: ['non verbal', 'nonverbal', 'cant talk at all'], needs: ['needs a communication aid'] },
  { phrases: ['cant hear', 'hard of hearing', 'hearing problems', 'glue ear'], needs: ['hearing loss'] },
  {
    phrases: ['doesnt speak english', 'speaks no english', 'new to the country', 'english is not first language'],
    needs: ['new to English'],
  },
  { phrases: ['choking on food', 'trouble swallowing'], needs: ['difficulty eating and drinking'] },
  // Learning and SEND
  {
    phrases: ['struggling at school', 'falling behind', 'behind at school', 'slow learner', 'cant keep up in class'],
    needs: ['learning difficulties'],
  },
  {
    phrases: ['cant read', 'struggles to read', 'mixes up letters', 'struggles with reading'],
    needs: ['reading difficulties'],
  },
  {
    phrases: [
      'might be autistic',
      'could be autistic',
      'think hes autistic',
      'think shes autistic',
      'autistic traits',
      'on the spectrum',
    ],
    needs: ['possible autism'],
  },
  {
    phrases: ['cant sit still', 'cant concentrate', 'always on the go', 'no attention span', 'hyper', 'impulsive'],
    needs: ['possible ADHD'],
  },
  {
    phrases: ['clumsy', 'always falling over', 'cant hold a pencil', 'messy handwriting'],
    needs: ['coordination difficulties'],
  },
  {
    phrases: ['hates loud noises', 'covers ears', 'hates labels on clothes', 'sensory issues'],
    needs: ['sensory needs'],
  },
  {
    phrases: ['needs an ehcp', 'apply for an ehcp', 'get an ehcp', 'statement of sen'],
    needs: ['needs an EHC needs assessment'],
  },
  {
    phrases: ['senco', 'special needs coordinator', 'special educational needs coordinator'],
    specialisms: ['SEN support and the graduated approach'],
    needs: ['special educational needs'],
  },
  { phrases: ['need a break from caring', 'exhausted carer', 'respite care'], needs: ['carer needs a break'] },
  // Social, emotional and mental health
  {
    phrases: [
      'low mood',
      'feeling low',
      'always sad',
      'unhappy all the time',
      'down all the time',
      'crying all the time',
      'depressed',
      'feels hopeless',
    ],
    needs: ['low mood'],
  },
  {
    phrases: [
      'worries a lot',
      'worrying all the time',
      'panics',
      'nervous all the time',
      'scared all the time',
      'stomach aches before school',
    ],
    needs: ['anxiety'],
  },
  {
    phrases: [
      'anger',
      'angry',
      'angry outbursts',
      'temper tantrums',
      'tantrums',
      'loses his temper',
      'loses her temper',
      'rages',
      'lashes out',
      'explodes',
    ],
    needs: ['difficulty managing emotions'],
  },
  {
    phrases: [
      'hitting other children',
      'violent at school',
      'throwing chairs',
      'disruptive in class',
      'naughty',
      'bad behaviour',
      'aggressive',
    ],
    needs: ['behaviour that challenges'],
  },
  {
    phrases: [
      'cutting herself',
      'cutting himself',
      'hurting herself',
      'hurting himself',
      'scratching arms',
      'self harming',
    ],
    needs: ['self-harm'],
  },
  { phrases: ['wants to die', 'talking about suicide', 'suicidal'], needs: ['suicidal thoughts'] },
  {
    phrases: ['stopped eating', 'wont eat', 'making herself sick', 'making himself sick', 'anorexia', 'bulimia'],
    needs: ['eating difficulties'],
  },
  {
    phrases: [
      'mum died',
      'dad died',
      'mother died',
      'father died',
      'parent died',
      'lost her mum',
      'lost his dad',
      'grieving',
      'someone died',
    ],
    needs: ['bereavement'],
  },
  { phrases: ['no confidence', 'hates himself', 'hates herself', 'feels worthless'], needs: ['low self-esteem'] },
  { phrases: ['being picked on', 'picked on', 'bullied', 'cyber bullying', 'cyberbullying'], needs: ['bullying'] },
  {
    phrases: ['camhs', 'mental health team', 'mental health service'],
    needs: ['anxiety', 'low mood'],
    specialisms: ['Specialist CAMHS assessment'],
  },
  {
    phrases: [
      'mum is depressed',
      'mum has depression',
      'dad is depressed',
      'parent mentally ill',
      'postnatal depression',
    ],
    needs: ['parental mental ill health'],
  },
  // Family and parenting
  {
    phrases: [
      'dad in prison',
      'mum in prison',
      'parent in prison',
      'father in prison',
      'mother in prison',
      'parent in jail',
      'dad in jail',
      'mum in jail',
      'visiting prison',
      'imprisoned parent',
    ],
    needs: ['several needs in the family'],
    specialisms: ['Family support'],
  },
  {
    phrases: [
      'cant cope with his behaviour',
      'cant cope with her behaviour',
      'struggling as a parent',
      'no boundaries at home',
      'wont do as told',
      'help with parenting',
    ],
    needs: ['parenting support'],
  },
  { phrases: ['rows with my teenager', 'teenager wont listen', 'stroppy teenager'], needs: ['parenting a teenager'] },
  {
    phrases: [
      'looks after mum',
      'looks after dad',
      'cares for his mum',
      'cares for her mum',
      'caring for mum',
      'caring for dad',
    ],
    needs: ['young carer'],
  },
  { phrases: ['parents always arguing', 'parents keep arguing', 'parents fighting'], needs: ['parental conflict'] },
  {
    phrases: ['parents splitting up', 'parents split up', 'parents divorcing', 'contact with dad', 'contact with mum'],
    needs: ['parental separation'],
  },
  {
    phrases: ['lives with grandparents', 'lives with nan', 'raised by grandparents', 'lives with aunt'],
    needs: ['kinship care'],
  },
  { phrases: ['no family nearby', 'no one to help', 'lonely mum'], needs: ['isolated family'] },
  // Safeguarding and safeguarding roles
  {
    phrases: [
      'keeps running away',
      'runs away',
      'running away',
      'ran away',
      'goes missing',
      'missing from home',
      'stays out all night',
      'not coming home',
    ],
    needs: ['going missing'],
  },
  {
    phrases: ['dad hits mum', 'hits mum', 'violence at home', 'abusive relationship', 'mum is being abused'],
    needs: ['exposure to domestic abuse'],
  },
  {
    phrases: [
      'older boyfriend',
      'new phone and money',
      'dealing drugs',
      'being groomed',
      'gang involvement',
      'in a gang',
    ],
    needs: ['risk of exploitation'],
  },
  {
    phrases: ['dirty clothes', 'always hungry at school', 'not looked after', 'left alone at home'],
    needs: ['neglect'],
  },
  {
    phrases: [
      'worried about abuse',
      'being abused',
      'bruises',
      'disclosed abuse',
      'unsafe at home',
      'not safe at home',
    ],
    needs: ['child protection concern'],
  },
  {
    phrases: ['dsl', 'designated safeguarding lead', 'designated safeguarding officer', 'safeguarding lead'],
    specialisms: ['Designated safeguarding lead'],
  },
  {
    phrases: [
      'lado',
      'local authority designated officer',
      'designated officer',
      'allegation against a teacher',
      'allegation against staff',
    ],
    specialisms: ['Child protection'],
  },
  {
    phrases: ['vsh', 'virtual school head', 'virtual school', 'pep', 'personal education plan'],
    needs: ['in care'],
    specialisms: ['Virtual school and personal education plans'],
  },
  {
    phrases: ['iro', 'independent reviewing officer', 'in foster care', 'foster child', 'fostered'],
    needs: ['in care'],
  },
  {
    phrases: ['front door', 'children services referral', 'report a concern', 'refer to social care'],
    specialisms: ['Multi-agency safeguarding hub'],
  },
  { phrases: ['sending nudes', 'sexting', 'talking to strangers online'], needs: ['online harm'] },
  // Attendance and inclusion
  {
    phrases: [
      'wont go to school',
      'refuses to go to school',
      'school refuser',
      'scared of school',
      'crying before school',
    ],
    needs: ['anxiety about going to school'],
  },
  {
    phrases: [
      'misses school',
      'keeps missing school',
      'off school a lot',
      'skipping school',
      'bunking off',
      'truanting',
      'truancy',
    ],
    needs: ['school attendance'],
  },
  {
    phrases: ['might be excluded', 'about to be excluded', 'keeps getting suspended', 'sent home from school'],
    needs: ['at risk of exclusion'],
  },
  { phrases: ['not in school', 'no school place'], needs: ['missing education'] },
  {
    phrases: ['starting secondary', 'going up to secondary', 'moving up to big school'],
    needs: ['moving to secondary school'],
  },
  // Youth justice
  {
    phrases: ['arrested', 'in trouble with the police', 'trouble with police', 'stealing', 'shoplifting'],
    needs: ['offending behaviour'],
  },
  { phrases: ['carries a knife', 'has a knife'], needs: ['carrying a knife'] },
  {
    phrases: ['hanging around on the streets', 'nothing to do', 'bored after school'],
    needs: ['nothing to do out of school'],
  },
  {
    phrases: ['left school with nothing', 'no job', 'dropped out'],
    needs: ['not in education, employment or training'],
  },
  // Housing and money
  {
    phrases: ['being evicted', 'losing our home', 'might lose the house', 'nowhere to live', 'kicked out of the house'],
    needs: ['housing insecurity'],
  },
  { phrases: ['kicked out', 'sofa surfing', 'sleeping on friends sofas'], needs: ['homeless young person'] },
  { phrases: ['cant afford food', 'no money for food', 'food bank', 'foodbank'], needs: ['food insecurity'] },
  { phrases: ['in debt', 'behind on rent', 'money problems', 'cant pay bills'], needs: ['family debt'] },
  {
    phrases: ['mould in the house', 'damp house', 'too many of us in one room'],
    needs: ['overcrowded or poor housing'],
  },
  // Substance misuse
  {
    phrases: ['smoking weed', 'smokes weed', 'drinking alcohol', 'taking drugs', 'smoking cannabis'],
    needs: ['young person using drugs or alcohol'],
  },
  {
    phrases: ['mum drinks', 'dad drinks', 'parent drinks too much', 'parents use drugs', 'mum takes drugs'],
    needs: ['parental substance misuse'],
  },
  // Early years and physical health
  {
    phrases: ['not walking yet', 'not crawling', 'not sitting up', 'behind for his age', 'behind for her age'],
    needs: ['early development concerns'],
  },
  { phrases: ['wont sleep', 'doesnt sleep', 'up all night', 'wakes every night'], needs: ['sleep problems'] },
  {
    phrases: ['wets the bed', 'bed wetting', 'bedwetting', 'still in nappies', 'accidents at school'],
    needs: ['toileting difficulties'],
  },
  { phrases: ['pregnant teenager', 'pregnant at 15', 'pregnant at 16'], needs: ['teenage pregnancy'] },
  // Identity and community
  { phrases: ['no friends', 'lonely', 'has no friends', 'isolated'], needs: ['socially isolated young person'] },
  {
    phrases: ['wants to be a girl', 'wants to be a boy', 'questioning gender', 'gay and worried'],
    needs: ['LGBTQ+ young person needing support'],
  },
];

/** Words that carry no meaning of their own in a situation ("my son keeps running away"). */
export const fillerWords: readonly string[] = [
  'a',
  'an',
  'the',
  'my',
  'our',
  'his',
  'her',
  'their',
  'is',
  'are',
  'was',
  'has',
  'have',
  'been',
  'being',
  'and',
  'or',
  'of',
  'at',
  'in',
  'on',
  'to',
  'for',
  'with',
  'who',
  'that',
  'he',
  'she',
  'they',
  'we',
  'i',
  'me',
  'very',
  'really',
  'keeps',
  'always',
  'still',
  'child',
  'children',
  'kid',
  'kids',
  'son',
  'daughter',
  'boy',
  'girl',
  'pupil',
  'student',
  'young',
  'person',
  'year',
  'old',
  'help',
  'support',
  'worried',
  'about',
  'concerned',
  'need',
  'needs',
];
