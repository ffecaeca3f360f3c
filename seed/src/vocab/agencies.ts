import type { Sector } from '@knotwork/graph-schema';

/**
 * Agencies of Ashmere. `per: 'district'` templates are repeated in every district (name with {district}, or one
 * name per district in `names` as 'Name@Ward'). staff: [profession alias, base count, extra specialism pool].
 */
export interface AgencyTemplate {
  key: string;
  name: string;
  names?: string[];
  sector: Sector;
  per: 'authority' | 'district';
  partOf?: string;
  description: string;
  referralRoute: string;
  ages: [number, number];
  offers: string[];
  staff: [alias: string, count: number, pool?: string[]][];
  /** Serves only these district templates (by name) instead of the whole authority. */
  servesDistricts?: string[];
  /** No collaboration or forum ties outside the agency (the demo's isolated agency). */
  isolated?: boolean;
  strategic?: number;
  website?: string;
}

const primary = (key: string, names: string[]): AgencyTemplate => ({
  key,
  name: '',
  names,
  sector: 'education',
  per: 'district',
  description: 'A community primary school for children aged 4 to 11, with a nursery class and a nurture room.',
  referralRoute: 'Parents and professionals contact the school office and ask for the SENCo or the designated safeguarding lead.',
  ages: [3, 11],
  offers: ['SEN support and the graduated approach', 'Nurture groups', 'Designated safeguarding lead', 'Early language development'],
  staff: [['t', 9], ['sen', 1], ['lm', 1], ['ey', 1]],
  strategic: 1,
});

export const agencyTemplates: AgencyTemplate[] = [
  {
    key: 'childrens-services', name: "Ashmere Borough Council Children's Services", sector: 'local-authority', per: 'authority',
    description: "The council's directorate for children's social care, early help, education and SEND.",
    referralRoute: 'Safeguarding concerns go to the Integrated Front Door; general enquiries to the council contact centre.',
    ages: [0, 25], offers: ['Child protection', 'Early Help assessment and team around the family', 'Education, health and care plans'],
    staff: [['sm', 6]], strategic: 6,
  },
  {
    key: 'social-care', name: "Ashmere Children's Social Care", sector: 'social-care', per: 'authority', partOf: 'childrens-services',
    description: 'Statutory social work for children in need and children in need of protection.',
    referralRoute: 'Through the Integrated Front Door (MASH) with a multi-agency request for support; urgent out-of-hours concerns to the Emergency Duty Team.',
    ages: [0, 18], offers: ['Child protection', 'Child in need support', 'Neglect', 'Family group conferencing'],
    staff: [['sw', 50], ['sm', 3]], strategic: 3,
  },
  {
    key: 'front-door', name: 'Ashmere Integrated Front Door (MASH)', sector: 'social-care', per: 'authority', partOf: 'social-care',
    description: 'The multi-agency safeguarding hub: social workers, police, health and early help screening requests together.',
    referralRoute: 'Multi-agency request for support form or phone the Front Door; threshold guidance: Ashmere Continuum of Need levels 3–4.',
    ages: [0, 18], offers: ['Multi-agency safeguarding hub', 'Child protection', 'MARAC and high-risk domestic abuse'],
    staff: [['sw', 10], ['fsw', 4]],
  },
  {
    key: 'children-in-care', name: 'Ashmere Children in Care and Care Leavers Team', sector: 'social-care', per: 'authority', partOf: 'social-care',
    description: 'Social workers for children in care and personal advisers for care leavers up to 25.',
    referralRoute: 'Internal to social care; partners contact the allocated social worker or personal adviser.',
    ages: [0, 25], offers: ['Children in care', 'Care leavers', 'Unaccompanied asylum-seeking children'],
    staff: [['sw', 14], ['yw', 4, ['Care leavers', 'Young people housing and 16–17 homelessness']]],
  },
  {
    key: 'disabled-children', name: "Ashmere Disabled Children's Team", sector: 'social-care', per: 'authority', partOf: 'social-care',
    description: 'Social work and short breaks for disabled children with substantial needs.',
    referralRoute: 'Through the Front Door; eligibility: a disability with substantial and long-term impact on daily life.',
    ages: [0, 18], offers: ['Disabled children social work', 'Short breaks and respite'],
    staff: [['sw', 10, ['Disabled children social work', 'Short breaks and respite', 'Severe and profound learning disabilities']], ['ot', 2]],
  },
  {
    key: 'early-help', name: 'Ashmere Early Help Service', sector: 'local-authority', per: 'authority', partOf: 'childrens-services',
    description: 'Early help for families below the threshold for social care, organised in four locality teams.',
    referralRoute: 'Early Help request form to the locality team; families can self-refer. Consent needed.',
    ages: [0, 19], offers: ['Early Help assessment and team around the family', 'Family support', 'Parenting programmes'],
    staff: [['sm', 2]], strategic: 2,
  },
  {
    key: 'early-help-team', name: '{district} Early Help Team', sector: 'local-authority', per: 'district', partOf: 'early-help',
    description: 'Family support workers, parenting practitioners and youth workers for the {district} locality, based at the {district} Family Hub.',
    referralRoute: 'Early Help request form; weekly allocation meeting on Tuesdays; families can self-refer at the Family Hub.',
    ages: [0, 19], offers: ['Early Help assessment and team around the family', 'Family support', 'Parenting programmes', 'Young carers support'],
    staff: [['fsw', 12], ['pp', 3], ['yw', 3]],
  },
  {
    key: 'ep-service', name: 'Ashmere Educational Psychology Service', sector: 'education', per: 'authority', partOf: 'childrens-services',
    description: 'Educational psychologists working with schools, families and settings through consultation and statutory advice.',
    referralRoute: 'Through the school SENCo using traded time or the planning meeting; statutory advice is requested by the SEND Service.',
    ages: [0, 25], offers: ['Educational psychology assessment', 'Emotionally based school avoidance', 'Trauma-informed practice'],
    staff: [['ep', 16]], strategic: 1,
  },
  {
    key: 'send-service', name: 'Ashmere SEND Service', sector: 'local-authority', per: 'authority', partOf: 'childrens-services',
    description: 'EHC needs assessments, plans, annual reviews and SEND placements.',
    referralRoute: 'Schools or parents request an EHC needs assessment in writing; decision within 6 weeks.',
    ages: [0, 25], offers: ['Education, health and care plans', 'Special educational needs and disabilities'],
    staff: [['other', 10, ['Education, health and care plans', 'Special educational needs and disabilities', 'Preparation for adulthood']]],
  },
  {
    key: 'attendance', name: 'Ashmere Attendance and Inclusion Service', sector: 'education', per: 'authority', partOf: 'childrens-services',
    description: 'Education welfare officers working with schools and families on attendance, children missing education and exclusions.',
    referralRoute: 'Schools refer after their own attendance support; parents can phone the duty EWO.',
    ages: [5, 16], offers: ['School attendance', 'Persistent and severe absence', 'Children missing education', 'Elective home education'],
    staff: [['ewo', 12], ['lm', 2]],
  },
  {
    key: 'virtual-school', name: 'Ashmere Virtual School', sector: 'education', per: 'authority', partOf: 'childrens-services',
    description: 'Promotes the education of children in care, previously in care and with a social worker.',
    referralRoute: "Designated teachers contact the child's Virtual School officer; PEP meetings termly.",
    ages: [2, 18], offers: ['Virtual school and personal education plans', 'Children in care'],
    staff: [['vso', 6]],
  },
  {
    key: 'youth-justice', name: 'Ashmere Youth Justice Service', sector: 'youth-justice', per: 'authority',
    description: 'The youth offending team (YOT): court orders, out-of-court disposals, prevention and victim work.',
    referralRoute: 'Prevention and Turnaround referrals by email form; court work via the courts and police.',
    ages: [10, 18], offers: ['Youth justice supervision', 'Out-of-court disposals and diversion', 'Restorative justice'],
    staff: [['yjo', 16], ['pol', 2], ['smw', 2]], strategic: 1,
  },
  {
    key: 'youth-service', name: 'Ashmere Youth Service', sector: 'local-authority', per: 'authority', partOf: 'childrens-services',
    description: 'Youth centres, detached youth work and targeted support for young people aged 11 to 19.',
    referralRoute: 'Open access: young people just turn up; targeted work by referral form.',
    ages: [11, 19], offers: ['Youth work and positive activities', 'Education, employment and training for young people'],
    staff: [['yw', 14]],
  },
  {
    key: 'early-years-service', name: 'Ashmere Early Years and Childcare Service', sector: 'local-authority', per: 'authority', partOf: 'childrens-services',
    description: 'Early years advisers, Portage and funded places.',
    referralRoute: 'Settings and health visitors refer using the early years request form; Portage by health visitor or paediatrician.',
    ages: [0, 5], offers: ['Early years SEND and Portage', 'Funded early education places', 'School readiness'],
    staff: [['ey', 10]],
  },
  {
    key: 'community-health', name: 'Ashmere Community Health NHS Trust', sector: 'health', per: 'authority',
    description: "Community health services for children: 0-19 public health nursing, therapies and speech and language therapy.",
    referralRoute: 'Through each service; the single point of access takes referrals by phone or e-referral.',
    ages: [0, 19], offers: ['School nursing', 'Speech and language therapy', 'Occupational therapy'],
    staff: [['sm', 3]], strategic: 3,
  },
  {
    key: 'salt-service', name: "Ashmere Children's Speech and Language Therapy Service", sector: 'health', per: 'authority', partOf: 'community-health',
    description: 'Assessment and therapy for children with speech, language, communication and swallowing needs, in clinics, nurseries and schools.',
    referralRoute: 'Anyone can refer with parental consent using the SLT request form; drop-in advice sessions at Family Hubs; school-age children through the school link therapist.',
    ages: [0, 18], offers: ['Speech and language therapy', 'Developmental language disorder', 'Stammering', 'Augmentative and alternative communication'],
    staff: [['slt', 18]], strategic: 1,
  },
  {
    key: 'public-health-nursing', name: 'Ashmere 0-19 Public Health Nursing Service', sector: 'health', per: 'authority', partOf: 'community-health',
    description: 'Health visitors and school nurses delivering the Healthy Child Programme.',
    referralRoute: 'Health visiting duty line; school nursing by the school or ChatHealth text service for young people.',
    ages: [0, 19], offers: ['Healthy Child Programme reviews', 'School nursing', 'Infant feeding', 'Immunisations'],
    staff: [['hv', 30], ['sn', 16]],
  },
  {
    key: 'therapies', name: "Ashmere Children's Therapies", sector: 'health', per: 'authority', partOf: 'community-health',
    description: 'Occupational therapy and physiotherapy for children.',
    referralRoute: 'GP, paediatrician, school or health visitor referral with consent.',
    ages: [0, 18], offers: ['Occupational therapy', 'Physiotherapy', 'Sensory processing'],
    staff: [['ot', 8], ['other', 4, ['Physiotherapy']]],
  },
  {
    key: 'cdc', name: 'Ashmere General Hospital Child Development Centre', sector: 'health', per: 'authority',
    description: 'Community paediatricians and the neurodevelopmental (autism and ADHD) assessment pathway.',
    referralRoute: 'GP or school referral with the neurodevelopmental referral form; waiting time about 18 months.',
    ages: [0, 18], offers: ['Community paediatrics', 'Autism diagnostic assessment', 'ADHD'],
    staff: [['paed', 8], ['slt', 2]],
  },
  {
    key: 'camhs', name: 'Ashmere and Vale CAMHS', sector: 'health', per: 'authority',
    description: 'Specialist child and adolescent mental health services (CYPMHS), including crisis and eating disorders.',
    referralRoute: 'Single point of access: GP, school or self-referral from 14; urgent crisis line 24/7.',
    ages: [0, 18], offers: ['Specialist CAMHS assessment', 'Crisis and suicide prevention', 'Eating disorders'],
    staff: [['camhs', 26]], strategic: 1,
  },
  {
    key: 'mhst', name: 'Ashmere Mental Health Support Teams in Schools', sector: 'health', per: 'authority', partOf: 'camhs',
    description: 'Low-intensity CBT-based support for mild to moderate anxiety and low mood in participating schools.',
    referralRoute: "Through the school's mental health lead.",
    ages: [5, 18], offers: ['Mental health support in schools', 'Anxiety', 'Low mood and depression'],
    staff: [['camhs', 8, ['Mental health support in schools', 'Cognitive behavioural therapy']]],
  },
  {
    key: 'police', name: 'Ashmere Police Safeguarding and Early Intervention Team', sector: 'police', per: 'authority',
    description: 'Safer schools officers, missing persons coordinators and the child exploitation team.',
    referralRoute: 'Emergencies 999; non-urgent 101; schools contact their safer schools officer.',
    ages: [0, 18], offers: ['Police schools liaison', 'Missing children and return interviews', 'Child criminal exploitation'],
    staff: [['pol', 18]],
  },
  {
    key: 'housing-options', name: 'Ashmere Housing Options', sector: 'housing', per: 'authority',
    description: 'Homelessness prevention, temporary accommodation and housing advice. The West district is served by the Vale Housing Partnership, which is not in this directory.',
    referralRoute: 'Duty to refer by public bodies through the online form; families can call the housing options line.',
    ages: [0, 25], offers: ['Homelessness prevention', 'Temporary accommodation support', 'Housing advice'],
    staff: [['ho', 12]], servesDistricts: ['North', 'South', 'East'],
  },
  {
    key: 'ashmere-homes', name: 'Ashmere Homes', sector: 'housing', per: 'authority',
    description: 'Housing association with tenancy sustainment officers.',
    referralRoute: 'Tenants contact their housing officer; partners email the tenancy sustainment team.',
    ages: [0, 25], offers: ['Tenancy sustainment', 'Anti-social behaviour'],
    staff: [['ho', 6]], servesDistricts: ['North', 'South', 'East'],
  },
  {
    key: 'gp', name: '', names: ['Millbank Medical Practice@Millbank', 'Harbour Lane Surgery@Harbourside', 'Eastfield Health Centre@Eastfield', 'Westbury Road Surgery@Westbury'],
    sector: 'health', per: 'district',
    description: 'General practice with a named safeguarding lead GP.', referralRoute: 'Register with the practice; professionals contact the safeguarding lead GP.',
    ages: [0, 25], offers: ['Children and young people mental health', 'Immunisations'], staff: [['gp', 3]],
  },
  primary('primary-a', ['Brookfield Primary School@Brookfield', 'Harbourside Primary School@Harbourside', 'Eastbrook Primary School@Eastbrook', 'Westbury Primary School@Westbury']),
  primary('primary-b', ["Oakley Church of England Primary School@Oakley", "St Anne's Catholic Primary School@St Anne's", 'Kingsmead Infant and Junior School@Kingsmead', 'Hollins Park Primary School@Hollins Park']),
  {
    key: 'secondary', name: '', names: ['Northgate Academy@Northgate', 'Southfields Community College@Southfields', 'Ashmere East Academy@Eastfield', 'Westfield High School@Westfield'],
    sector: 'education', per: 'district',
    description: 'A secondary school for 11 to 16-year-olds with a sixth form and an inclusion base.',
    referralRoute: 'Contact the school and ask for the head of year, the SENCo or the designated safeguarding lead.',
    ages: [11, 18], offers: ['SEN support and the graduated approach', 'Mentoring in school', 'Designated safeguarding lead'],
    staff: [['t', 12], ['sen', 2], ['lm', 2]], strategic: 1,
  },
  {
    key: 'pru', name: 'The Beacon Centre (Ashmere Pupil Referral Unit)', sector: 'education', per: 'authority',
    description: 'Alternative provision for pupils permanently excluded or at risk of exclusion.',
    referralRoute: 'Through the Fair Access Panel only.',
    ages: [5, 16], offers: ['Alternative provision', 'Reduced timetables and reintegration'],
    staff: [['t', 5, ['Alternative provision', 'Social, emotional and mental health needs']], ['lm', 2]],
  },
  // Voluntary and community sector
  {
    key: 'womens-aid', name: "Ashmere Women's Aid", sector: 'vcs', per: 'authority',
    description: 'Independent domestic abuse service: IDVAs, refuge, outreach and recovery groups for children.',
    referralRoute: 'Self-referral by phone or web chat; professionals use the DASH risk checklist and refer high-risk cases to MARAC.',
    ages: [0, 25], offers: ['Domestic abuse support', 'Children affected by domestic abuse', 'MARAC and high-risk domestic abuse'],
    staff: [['daa', 10], ['vcs', 2, ['Children affected by domestic abuse', 'Play therapy']]],
  },
  {
    key: 'young-carers', name: 'Ashmere Young Carers', sector: 'vcs', per: 'authority',
    description: 'Young carers assessments, clubs, trips and school support.',
    referralRoute: 'Anyone can refer with the family’s consent using the young carers referral form.',
    ages: [5, 18], offers: ['Young carers support'], staff: [['vcs', 5, ['Young carers support', 'Peer support and wellbeing groups']]],
  },
  {
    key: 'advice-centre', name: 'Ashmere Money and Advice Centre', sector: 'vcs', per: 'authority',
    description: 'Free advice on benefits, debt, housing and employment.',
    referralRoute: 'Drop-in Monday to Thursday or book by phone; professionals can make a warm referral.',
    ages: [16, 25], offers: ['Welfare benefits advice', 'Debt advice', 'Housing advice', 'Employment support for parents'],
    staff: [['vcs', 6, ['Welfare benefits advice', 'Debt advice', 'Housing advice', 'No recourse to public funds']]], servesDistricts: ['North', 'South', 'East'],
  },
  {
    key: 'hearthside', name: 'Hearthside Family Support', sector: 'vcs', per: 'authority',
    description: 'Trained volunteers visit families with children under five who are struggling.',
    referralRoute: 'Health visitors, Family Hubs or families themselves; waiting list about 4 weeks.',
    ages: [0, 5], offers: ['Home visiting volunteers', 'Family support'],
    staff: [['vcs', 8, ['Home visiting volunteers', 'Parent-infant relationships', 'Family support']], ['pp', 2]],
  },
  {
    key: 'talkabout', name: 'Talkabout Ashmere', sector: 'vcs', per: 'authority',
    description: 'A charity for families of children with speech, language and communication needs: stay-and-talk groups and parent workshops.',
    referralRoute: 'Families sign up for groups directly; no referral needed.',
    ages: [0, 11], offers: ['Early language development', 'Speech, language and communication needs'],
    staff: [['vcs', 3, ['Early language development', 'Speech, language and communication needs', 'Makaton and signing']], ['slt', 1]],
  },
  {
    key: 'food-network', name: 'Ashmere Food Network', sector: 'vcs', per: 'authority',
    description: 'Food banks and community pantries across Ashmere.',
    referralRoute: 'Food bank vouchers issued by schools, health visitors, Family Hubs and advice agencies.',
    ages: [0, 25], offers: ['Food poverty support', 'Free school meals and holiday food'],
    staff: [['vcs', 4, ['Food poverty support', 'Free school meals and holiday food', 'Fuel poverty and household essentials']]],
  },
  {
    key: 'autism-network', name: 'Ashmere Autism Family Network', sector: 'vcs', per: 'authority',
    description: 'Parent-led support for families of autistic children, before and after diagnosis.',
    referralRoute: 'Join online; no diagnosis needed.',
    ages: [0, 25], offers: ['Autism', 'SEND information, advice and support'],
    staff: [['vcs', 3, ['Autism', 'SEND information, advice and support', 'Sensory processing']]],
  },
  {
    key: 'bridge', name: 'The Bridge Youth Project', sector: 'vcs', per: 'authority',
    description: 'Youth club, detached work and mentoring for young people at risk of exploitation.',
    referralRoute: 'Young people drop in; professionals refer for mentoring.',
    ages: [11, 19], offers: ['Youth work and positive activities', 'Child criminal exploitation'],
    staff: [['yw', 8, ['Youth work and positive activities', 'Contextual safeguarding and peer groups', 'Peer support and wellbeing groups']]],
  },
  {
    key: 'kinship', name: 'Ashmere Kinship Carers', sector: 'vcs', per: 'authority',
    description: 'Peer support for grandparents and relatives raising children.',
    referralRoute: 'Self-referral or social worker referral.',
    ages: [0, 18], offers: ['Kinship care support'], staff: [['vcs', 3, ['Kinship care support', 'Family support']]],
  },
  {
    key: 'little-lanterns', name: "Little Lanterns Children's Bereavement Service", sector: 'vcs', per: 'authority',
    description: 'One-to-one and group bereavement support for children and families.',
    referralRoute: 'Families or professionals with consent; pre-bereavement work too.',
    ages: [3, 18], offers: ['Bereavement support'], staff: [['vcs', 4, ['Bereavement support', 'Play therapy', 'Counselling for young people']]],
  },
  {
    key: 'open-door', name: "Open Door Young People's Counselling", sector: 'vcs', per: 'authority',
    description: 'Free confidential counselling for 11 to 25-year-olds, in schools and at the town centre base.',
    referralRoute: 'Young people self-refer online; schools refer with consent.',
    ages: [11, 25], offers: ['Counselling for young people', 'Anxiety', 'Low mood and depression'],
    staff: [['vcs', 8, ['Counselling for young people', 'Anxiety', 'Low mood and depression', 'LGBTQ+ young people support']]],
  },
  {
    key: 'new-roots', name: 'New Roots Refugee Welcome', sector: 'vcs', per: 'authority',
    description: 'Welcome, English classes, advice and interpreting for refugee and asylum-seeking families.',
    referralRoute: 'Drop-in on Wednesdays; referrals from any agency.',
    ages: [0, 25], offers: ['Refugee and asylum-seeking families', 'Interpreting and translation', 'English as an additional language'],
    staff: [['vcs', 4, ['Refugee and asylum-seeking families', 'Interpreting and translation', 'English as an additional language', 'No recourse to public funds']]],
  },
  {
    key: 'sports-trust', name: 'Ashmere Sports and Community Trust', sector: 'vcs', per: 'authority',
    description: 'Football, multi-sport and holiday clubs in every district.',
    referralRoute: 'Free sessions; just turn up or book online.',
    ages: [5, 19], offers: ['Sport and physical activity', 'Free school meals and holiday food'],
    staff: [['yw', 5, ['Sport and physical activity', 'Youth work and positive activities', 'Free school meals and holiday food']]],
  },
  {
    key: 'step-change', name: "Step Change Young People's Drug and Alcohol Service", sector: 'vcs', per: 'authority',
    description: 'Commissioned specialist substance misuse service for young people and hidden harm work.',
    referralRoute: 'Referral form or self-referral by text.',
    ages: [10, 25], offers: ['Young people substance misuse', 'Parental substance misuse', 'Drug and alcohol education'],
    staff: [['smw', 6]],
  },
  {
    key: 'westfield-faith', name: 'Westfield Faith Communities Family Project', sector: 'vcs', per: 'authority',
    description: 'Family support, a parent and toddler group and a homework club run by local churches and the mosque in Westfield.',
    referralRoute: 'Families contact the project directly.',
    ages: [0, 16], offers: ['Faith community family support', 'Community groups and volunteering'],
    staff: [['vcs', 4, ['Faith community family support', 'Community groups and volunteering', 'Family support']]],
    servesDistricts: ['West'], isolated: true,
  },
  {
    key: 'parent-carer-forum', name: 'Ashmere Parent Carer Forum', sector: 'vcs', per: 'authority',
    description: 'The voice of parents of disabled children and children with SEND in Ashmere.',
    referralRoute: 'Parents join for free.',
    ages: [0, 25], offers: ['SEND information, advice and support'], staff: [['vcs', 2, ['SEND information, advice and support']]],
  },
  {
    key: 'baby-bank', name: 'The Nest Baby Bank', sector: 'vcs', per: 'authority',
    description: 'Clothes, cots, prams and essentials for babies and young children.',
    referralRoute: 'Referral by a health visitor, midwife or family support worker.',
    ages: [0, 5], offers: ['Fuel poverty and household essentials'], staff: [['vcs', 2, ['Fuel poverty and household essentials', 'Infant feeding']]],
  },
  {
    key: 'sendiass', name: 'Ashmere SENDIASS', sector: 'vcs', per: 'authority',
    description: 'Impartial SEND information, advice and support for parents and young people.',
    referralRoute: 'Helpline and email; parents and young people contact directly.',
    ages: [0, 25], offers: ['SEND information, advice and support', 'Education, health and care plans'],
    staff: [['vcs', 3, ['SEND information, advice and support', 'Education, health and care plans']]],
  },
  {
    key: 'pride-youth', name: 'Ashmere Pride Youth', sector: 'vcs', per: 'authority',
    description: 'Youth groups and one-to-one support for LGBTQ+ young people.',
    referralRoute: 'Young people self-refer; professionals with consent.',
    ages: [11, 25], offers: ['LGBTQ+ young people support'], staff: [['yw', 3, ['LGBTQ+ young people support', 'Peer support and wellbeing groups']]],
  },
  {
    key: 'safer-futures', name: 'Safer Futures', sector: 'vcs', per: 'authority',
    description: 'Specialist exploitation charity: trusted relationships, return home interviews and parent support.',
    referralRoute: 'Referral by social care, police or youth justice after the exploitation screening tool.',
    ages: [10, 25], offers: ['Child criminal exploitation', 'Child sexual exploitation', 'Missing children and return interviews'],
    staff: [['yw', 4, ['Child criminal exploitation', 'Child sexual exploitation', 'Missing children and return interviews']]],
  },
  {
    key: 'ashmere-dads', name: 'Ashmere Dads', sector: 'vcs', per: 'authority',
    description: 'Groups and one-to-one support for fathers and male carers.',
    referralRoute: 'Dads join directly; professionals can introduce.',
    ages: [0, 18], offers: ['Work with fathers'], staff: [['vcs', 2, ['Work with fathers', 'Parenting programmes']]],
  },
  {
    key: 'eastside-centre', name: 'Eastside Community Centre', sector: 'vcs', per: 'authority',
    description: 'Community centre with a holiday club, English classes and a debt advice surgery.',
    referralRoute: 'Drop in; no referral needed.',
    ages: [0, 25], offers: ['Community groups and volunteering', 'Free school meals and holiday food'],
    staff: [['vcs', 3, ['Community groups and volunteering', 'Arts and creative activities', 'Free school meals and holiday food']]],
    servesDistricts: ['East'],
  },
  {
    key: 'forces-families', name: 'Ashmere Forces Families Network', sector: 'vcs', per: 'authority',
    description: 'Support for service children and their families around deployments and moves.',
    referralRoute: 'Families or schools contact the network directly.',
    ages: [0, 18], offers: ['Armed forces families'], staff: [['vcs', 2, ['Armed forces families', 'Peer support and wellbeing groups']]],
  },
];
