import type { Profession } from '@knotwork/graph-schema';

/** Per profession: job titles, the specialisms people in it typically hold, and what they do not do. */
export interface ProfessionInfo {
  titles: string[];
  strategicTitles: string[];
  pool: string[];
  limits: string[];
  ages: [number, number];
}

export const professionInfo: Record<Profession, ProfessionInfo> = {
  teacher: {
    titles: ['Class Teacher', 'Year 6 Teacher', 'Year 2 Teacher', 'Year 4 Teacher', 'Reception Teacher', 'Head of Year 9', 'Teacher of English', 'Pastoral Lead'],
    strategicTitles: ['Headteacher', 'Deputy Headteacher'],
    pool: ['School attendance', 'Primary to secondary transition', 'Literacy intervention', 'Designated safeguarding lead', 'Emotional literacy support', 'Nurture groups', 'English as an additional language', 'Bullying and peer relationships', 'Mentoring in school', 'Online safety', 'Early language development'],
    limits: ['I cannot assess for SEND or diagnose; I refer through our SENCo.', 'I do not do home visits.', 'Not a counsellor: I listen and pass concerns to our DSL.'],
    ages: [4, 11],
  },
  senco: {
    titles: ['SENCo', 'Inclusion Manager', 'SENCo and Assistant Head'], strategicTitles: ['Assistant Headteacher (Inclusion)'],
    pool: ['SEN support and the graduated approach', 'Education, health and care plans', 'Special educational needs and disabilities', 'Autism', 'Specific learning difficulties', 'Social, emotional and mental health needs', 'Speech, language and communication needs', 'Sensory processing'],
    limits: ['I cannot diagnose autism or ADHD.', 'I do not decide EHCP requests: the SEND Service does.'],
    ages: [4, 16],
  },
  'educational-psychologist': {
    titles: ['Educational Psychologist', 'Senior Educational Psychologist', 'Trainee Educational Psychologist'], strategicTitles: ['Principal Educational Psychologist'],
    pool: ['Educational psychology assessment', 'Education, health and care plans', 'Emotionally based school avoidance', 'Autism', 'Trauma-informed practice', 'Specific learning difficulties', 'Social, emotional and mental health needs', 'Moderate learning difficulties', 'Attachment and developmental trauma'],
    limits: ['I do not diagnose autism or ADHD; that is the CDC pathway.', 'I work through schools, not by direct parental referral.'],
    ages: [0, 25],
  },
  'social-worker': {
    titles: ['Social Worker', 'Senior Social Worker', 'Advanced Practitioner', 'Newly Qualified Social Worker'], strategicTitles: ['Team Manager', 'Head of Service'],
    pool: ['Child protection', 'Child in need support', 'Neglect', 'Children in care', 'Domestic abuse support', 'Child criminal exploitation', 'Child sexual exploitation', 'Family group conferencing', 'Kinship care support', 'Parents with learning disabilities', 'Trauma-informed practice', 'Harmful sexual behaviour', 'Unaccompanied asylum-seeking children', 'Care leavers'],
    limits: ['I cannot take referrals directly: go through the Front Door.', 'Not for early help cases below threshold.'],
    ages: [0, 18],
  },
  'family-support-worker': {
    titles: ['Family Support Worker', 'Senior Family Support Worker', 'Early Help Practitioner'], strategicTitles: ['Early Help Locality Manager'],
    pool: ['Early Help assessment and team around the family', 'Family support', 'Parenting programmes', 'Young carers support', 'Reducing parental conflict', 'Work with fathers', 'Homelessness prevention', 'Welfare benefits advice', 'Food poverty support', 'School attendance', 'Neglect', 'Sleep difficulties'],
    limits: ['I do not work with child protection cases.', 'I am not a therapist; I can help families get to one.'],
    ages: [0, 18],
  },
  'health-visitor': {
    titles: ['Health Visitor', 'Specialist Community Public Health Nurse', 'Community Nursery Nurse'], strategicTitles: ['Health Visiting Team Leader'],
    pool: ['Healthy Child Programme reviews', 'Early years development', 'Infant feeding', 'Parent-infant relationships', 'Parental and perinatal mental health', 'Sleep difficulties', 'Early language development', 'Oral health', 'Immunisations'],
    limits: ['Children under five only.', 'I do not provide speech therapy; I screen and refer.'],
    ages: [0, 5],
  },
  'school-nurse': {
    titles: ['School Nurse', 'Specialist School Nurse', 'Staff Nurse (School Nursing)'], strategicTitles: ['School Nursing Team Leader'],
    pool: ['School nursing', 'Healthy weight and nutrition', 'Continence support', 'Long-term health conditions', 'Sexual health and relationships', 'Immunisations', 'Self-harm', 'Vaping and smoking cessation', 'Young parents and teenage pregnancy'],
    limits: ['Not an emergency service.', 'I do not prescribe medication.'],
    ages: [5, 19],
  },
  'speech-and-language-therapist': {
    titles: ['Speech and Language Therapist', 'Specialist Speech and Language Therapist', 'Highly Specialist Speech and Language Therapist'], strategicTitles: ['SLT Clinical Lead'],
    pool: ['Speech and language therapy', 'Developmental language disorder', 'Speech sound disorders', 'Stammering', 'Social communication difficulties', 'Augmentative and alternative communication', 'Makaton and signing', 'Early language development', 'Autism', 'Deaf and hearing impairment support'],
    limits: ['I do not diagnose autism on my own; I contribute to the CDC assessment.', 'No one-to-one therapy for English as an additional language alone.'],
    ages: [0, 18],
  },
  'camhs-clinician': {
    titles: ['CAMHS Practitioner', 'Clinical Psychologist', 'Mental Health Nurse', 'Family Therapist', 'Children’s Wellbeing Practitioner'], strategicTitles: ['CAMHS Service Lead'],
    pool: ['Children and young people mental health', 'Specialist CAMHS assessment', 'Anxiety', 'Low mood and depression', 'Self-harm', 'Eating disorders', 'Cognitive behavioural therapy', 'Crisis and suicide prevention', 'Attachment and developmental trauma', 'Trauma-informed practice', 'Autism diagnostic assessment', 'ADHD'],
    limits: ['Not for behaviour without a mental health need.', 'I do not work with adults.'],
    ages: [0, 18],
  },
  'youth-justice-officer': {
    titles: ['Youth Justice Officer', 'YOT Case Manager', 'Prevention Worker', 'Restorative Justice Worker'], strategicTitles: ['Youth Justice Service Manager'],
    pool: ['Youth justice supervision', 'Out-of-court disposals and diversion', 'Restorative justice', 'Serious youth violence and knife crime', 'Child criminal exploitation', 'Contextual safeguarding and peer groups', 'Young people substance misuse', 'Harmful sexual behaviour', 'Education, employment and training for young people'],
    limits: ['Ages 10 to 17 only.', 'I do not take self-referrals for prevention without police involvement.'],
    ages: [10, 18],
  },
  'education-welfare-officer': {
    titles: ['Education Welfare Officer', 'Senior EWO', 'Attendance Support Officer'], strategicTitles: ['Head of Attendance and Inclusion'],
    pool: ['School attendance', 'Persistent and severe absence', 'Children missing education', 'Elective home education', 'Fair access and managed moves', 'Emotionally based school avoidance', 'Exclusions and suspensions'],
    limits: ['I do not work with children below statutory school age.', 'Legal action is a last resort, after support.'],
    ages: [5, 16],
  },
  'police-officer': {
    titles: ['Police Constable', 'Safer Schools Officer', 'Detective Constable (Child Abuse Investigation)', 'Missing Persons Coordinator', 'PCSO'], strategicTitles: ['Detective Inspector (Public Protection)'],
    pool: ['Police schools liaison', 'Domestic abuse support', 'MARAC and high-risk domestic abuse', 'Child criminal exploitation', 'Missing children and return interviews', 'Online safety', 'Anti-social behaviour', 'Serious youth violence and knife crime', 'Prevent and radicalisation', 'Forced marriage and honour-based abuse', 'Child sexual exploitation'],
    limits: ['Emergencies: call 999, not me directly.'],
    ages: [0, 18],
  },
  'housing-officer': {
    titles: ['Housing Options Officer', 'Homelessness Prevention Officer', 'Tenancy Sustainment Officer', 'Temporary Accommodation Officer'], strategicTitles: ['Housing Options Manager'],
    pool: ['Housing advice', 'Homelessness prevention', 'Temporary accommodation support', 'Tenancy sustainment', 'Young people housing and 16–17 homelessness', 'Anti-social behaviour', 'Debt advice'],
    limits: ['I cannot guarantee social housing.', 'West district residents are served by the Vale Housing Partnership.'],
    ages: [0, 25],
  },
  'youth-worker': {
    titles: ['Youth Worker', 'Senior Youth Worker', 'Detached Youth Worker', 'Personal Adviser', 'Mentor'], strategicTitles: ['Youth Service Manager'],
    pool: ['Youth work and positive activities', 'Contextual safeguarding and peer groups', 'LGBTQ+ young people support', 'Sport and physical activity', 'Arts and creative activities', 'Education, employment and training for young people', 'Peer support and wellbeing groups', 'Missing children and return interviews', 'Young people substance misuse'],
    limits: ['Young people aged 11 and over.', 'I am not a counsellor.'],
    ages: [11, 19],
  },
  'vcs-worker': {
    titles: ['Project Worker', 'Support Worker', 'Volunteer Coordinator', 'Outreach Worker', 'Counsellor', 'Advice Worker'], strategicTitles: ['Chief Executive', 'Project Manager'],
    pool: ['Community groups and volunteering', 'Family support', 'Welfare benefits advice', 'Food poverty support'],
    limits: ['We are not a statutory service and cannot hold safeguarding cases.', 'Limited places: there may be a waiting list.'],
    ages: [0, 18],
  },
  'occupational-therapist': {
    titles: ['Occupational Therapist', 'Specialist Occupational Therapist'], strategicTitles: ['Therapies Lead'],
    pool: ['Occupational therapy', 'Sensory processing', 'Developmental coordination disorder', 'Augmentative and alternative communication'],
    limits: ['No sensory integration therapy; we give strategies and advice.'],
    ages: [0, 18],
  },
  paediatrician: {
    titles: ['Consultant Community Paediatrician', 'Specialty Doctor (Paediatrics)'], strategicTitles: ['Clinical Director (Children)'],
    pool: ['Community paediatrics', 'Autism diagnostic assessment', 'ADHD', 'Sleep difficulties', 'Long-term health conditions', 'Continence support', 'Severe and profound learning disabilities'],
    limits: ['Referrals from GPs and schools only.', 'Long waiting list for neurodevelopmental assessment.'],
    ages: [0, 18],
  },
  gp: {
    titles: ['GP Partner', 'Salaried GP', 'Safeguarding Lead GP'], strategicTitles: ['Named GP for Safeguarding'],
    pool: ['Children and young people mental health', 'Long-term health conditions', 'Immunisations', 'Parental and perinatal mental health', 'Sexual health and relationships'],
    limits: ['Registered patients only.'],
    ages: [0, 25],
  },
  'early-years-practitioner': {
    titles: ['Early Years Practitioner', 'Nursery Teacher', 'Early Years Adviser', 'Portage Home Visitor'], strategicTitles: ['Early Years Lead'],
    pool: ['Early years development', 'Early language development', 'School readiness', 'Makaton and signing', 'Early years SEND and Portage', 'Funded early education places'],
    limits: ['Children under five only.'],
    ages: [0, 5],
  },
  'learning-mentor': {
    titles: ['Learning Mentor', 'Pastoral Support Worker', 'Family Liaison Officer'], strategicTitles: ['Head of Pastoral Care'],
    pool: ['Mentoring in school', 'Emotional literacy support', 'Nurture groups', 'Reduced timetables and reintegration', 'School attendance', 'Peer support and wellbeing groups'],
    limits: ['Pupils of my school only.'],
    ages: [4, 16],
  },
  'domestic-abuse-advocate': {
    titles: ['Independent Domestic Violence Adviser (IDVA)', "Children's Domestic Abuse Worker", 'Outreach Worker'], strategicTitles: ['Head of Services'],
    pool: ['Domestic abuse support', 'Children affected by domestic abuse', 'MARAC and high-risk domestic abuse', 'Forced marriage and honour-based abuse', 'Trauma-informed practice'],
    limits: ['I do not work with perpetrators.'],
    ages: [0, 25],
  },
  'substance-misuse-worker': {
    titles: ['Young People’s Substance Misuse Worker', 'Hidden Harm Worker'], strategicTitles: ['Service Manager'],
    pool: ['Young people substance misuse', 'Parental substance misuse', 'Drug and alcohol education', 'Vaping and smoking cessation'],
    limits: ['No detox or prescribing; we refer to adult services.'],
    ages: [10, 25],
  },
  'parenting-practitioner': {
    titles: ['Parenting Practitioner', 'Parenting Coordinator'], strategicTitles: ['Parenting Lead'],
    pool: ['Parenting programmes', 'Parenting teenagers', 'Reducing parental conflict', 'Work with fathers', 'Family support'],
    limits: ['Not for court-ordered parenting assessments.'],
    ages: [0, 18],
  },
  'virtual-school-officer': {
    titles: ['Virtual School Officer', 'Education Adviser (Children in Care)'], strategicTitles: ['Virtual School Head'],
    pool: ['Virtual school and personal education plans', 'Children in care', 'Care leavers', 'Attachment and developmental trauma', 'Exclusions and suspensions'],
    limits: ['Children in care, previously in care or with a social worker only.'],
    ages: [2, 18],
  },
  'service-manager': {
    titles: ['Service Manager'], strategicTitles: ['Director of Children’s Services', 'Assistant Director', 'Head of Service', 'Service Manager', 'Commissioning Manager'],
    pool: [],
    limits: ['I do not hold cases.'],
    ages: [0, 25],
  },
  other: {
    titles: ['EHCP Coordinator', 'Physiotherapist', 'Practitioner'], strategicTitles: ['Team Manager'],
    pool: [],
    limits: ['Please contact the duty line for new enquiries.'],
    ages: [0, 25],
  },
};

/** Specialisms held by a single person (per area): kept out of every pool and assigned once. */
export const rareSpecialisms: [specialism: string, profession: Profession][] = [
  ['Selective mutism', 'speech-and-language-therapist'],
  ['Eating, drinking and swallowing difficulties', 'speech-and-language-therapist'],
  ['Female genital mutilation', 'school-nurse'],
  ['Gypsy, Roma and Traveller education', 'education-welfare-officer'],
  ['Child employment and performance licensing', 'education-welfare-officer'],
  ['Private fostering', 'social-worker'],
];
