import type { ForumKind, Profession } from '@knotwork/graph-schema';

/**
 * Boundary zones. per 'district' forums repeat in every district. attendees: which practitioners go
 * (professions, agency keys, or share of all operational staff of the area) and roughly how many.
 */
export interface ForumTemplate {
  key: string;
  name: string;
  kind: ForumKind;
  per: 'authority' | 'district';
  cadence: string;
  description: string;
  convenedBy: string[];
  professions?: Profession[];
  agencies?: string[];
  strategicOnly?: boolean;
  /** share of the eligible practitioners who attend */
  share: number;
}

export const forumTemplates: ForumTemplate[] = [
  { key: 'network', name: '{district} Locality Network Meeting', kind: 'network-meeting', per: 'district', cadence: 'Every half term', description: 'Practitioners from schools, health, early help, VCS and police in the {district} locality meet to share updates, services and worries about gaps.', convenedBy: ['early-help'], share: 0.22 },
  { key: 'mpt', name: '{district} Multi-Professional Team Meeting', kind: 'mpt-meeting', per: 'district', cadence: 'Fortnightly', description: 'The {district} multi-professional team discusses families at early help level and agrees a lead practitioner.', convenedBy: ['early-help'], professions: ['family-support-worker', 'senco', 'health-visitor', 'school-nurse', 'education-welfare-officer', 'parenting-practitioner', 'educational-psychologist', 'speech-and-language-therapist'], share: 0.45 },
  { key: 'family-hub', name: '{district} Family Hub', kind: 'co-location', per: 'district', cadence: 'Daily (co-located site)', description: 'Early help, health visiting, midwifery clinics, SALT drop-ins and VCS groups share the {district} Family Hub building.', convenedBy: ['early-help', 'public-health-nursing'], agencies: ['early-help-team', 'public-health-nursing', 'salt-service', 'hearthside', 'talkabout', 'advice-centre'], share: 0.5 },
  { key: 'early-help-panel', name: '{district} Early Help Panel', kind: 'panel', per: 'district', cadence: 'Monthly', description: 'Allocates complex early help cases and steps cases up or down with social care.', convenedBy: ['early-help'], professions: ['family-support-worker', 'social-worker', 'service-manager', 'education-welfare-officer'], share: 0.25 },
  { key: 'dsl-network', name: 'Ashmere Designated Safeguarding Leads Network', kind: 'network-meeting', per: 'authority', cadence: 'Termly', description: 'Designated safeguarding leads of schools and settings with the Front Door and police.', convenedBy: ['childrens-services'], professions: ['teacher', 'senco', 'learning-mentor'], share: 0.2 },
  { key: 'senco-network', name: 'Ashmere SENCo Network', kind: 'network-meeting', per: 'authority', cadence: 'Termly', description: 'SENCos with the SEND Service, educational psychology and SLT school link therapists.', convenedBy: ['send-service'], professions: ['senco', 'educational-psychologist', 'speech-and-language-therapist'], share: 0.6 },
  { key: 'fair-access', name: 'Ashmere Fair Access Panel', kind: 'panel', per: 'authority', cadence: 'Monthly', description: 'Places children without a school place and agrees managed moves.', convenedBy: ['attendance'], professions: ['education-welfare-officer', 'senco', 'virtual-school-officer'], share: 0.35 },
  { key: 'send-panel', name: 'Ashmere SEND Panel', kind: 'panel', per: 'authority', cadence: 'Weekly', description: 'Decides EHC needs assessment requests and plans.', convenedBy: ['send-service'], professions: ['educational-psychologist', 'other', 'paediatrician', 'senco'], share: 0.3 },
  { key: 'marac', name: 'Ashmere MARAC', kind: 'panel', per: 'authority', cadence: 'Fortnightly', description: 'Multi-agency risk assessment conference for high-risk domestic abuse.', convenedBy: ['police', 'womens-aid'], professions: ['domestic-abuse-advocate', 'police-officer', 'social-worker', 'housing-officer', 'health-visitor'], share: 0.25 },
  { key: 'mace', name: 'Ashmere Multi-Agency Child Exploitation (MACE) Panel', kind: 'panel', per: 'authority', cadence: 'Monthly', description: 'Plans around children at risk of criminal or sexual exploitation and the places where it happens.', convenedBy: ['social-care', 'police'], professions: ['youth-justice-officer', 'police-officer', 'social-worker', 'youth-worker'], share: 0.25 },
  { key: 'oocd-panel', name: 'Youth Justice Out-of-Court Disposal Panel', kind: 'panel', per: 'authority', cadence: 'Weekly', description: 'Decides diversion and out-of-court outcomes with police.', convenedBy: ['youth-justice'], professions: ['youth-justice-officer', 'police-officer'], share: 0.4 },
  { key: 'cic-panel', name: 'Children in Care Education Panel', kind: 'panel', per: 'authority', cadence: 'Monthly', description: 'Reviews the education of children in care with the Virtual School.', convenedBy: ['virtual-school'], professions: ['virtual-school-officer', 'social-worker', 'educational-psychologist'], share: 0.25 },
  { key: 'safeguarding-board', name: 'Ashmere Safeguarding Children Partnership Board', kind: 'board', per: 'authority', cadence: 'Quarterly', description: 'The statutory safeguarding partners (council, police, health) and relevant agencies set priorities and review learning.', convenedBy: ['childrens-services', 'police', 'community-health'], strategicOnly: true, share: 0.6 },
  { key: 'cyp-partnership', name: "Ashmere Children and Young People's Strategic Partnership", kind: 'board', per: 'authority', cadence: 'Quarterly', description: 'Strategic leaders across sectors, including VCS representatives, plan services together.', convenedBy: ['childrens-services'], strategicOnly: true, share: 0.5 },
  { key: 'slcn-training', name: 'Joint Training: Speech, Language and Communication in the Classroom', kind: 'joint-training', per: 'authority', cadence: 'Twice a year', description: 'SLTs train teachers, early years staff and SENCos together.', convenedBy: ['salt-service'], professions: ['speech-and-language-therapist', 'teacher', 'early-years-practitioner', 'senco'], share: 0.15 },
  { key: 'trauma-training', name: 'Joint Training: Trauma-Informed Practice', kind: 'joint-training', per: 'authority', cadence: 'Termly', description: 'Multi-agency training on adverse childhood experiences and trauma-informed responses.', convenedBy: ['ep-service', 'camhs'], share: 0.06 },
  { key: 'graduated-training', name: 'Joint Training: The Graduated Approach to SEND', kind: 'joint-training', per: 'authority', cadence: 'Termly', description: 'SENCos, teachers and early help staff learn the assess-plan-do-review cycle together.', convenedBy: ['send-service', 'ep-service'], professions: ['senco', 'teacher', 'family-support-worker', 'educational-psychologist'], share: 0.12 },
  { key: 'front-door-site', name: 'Integrated Front Door co-location', kind: 'co-location', per: 'authority', cadence: 'Daily (co-located site)', description: 'Social care, police, health and early help sit together to screen safeguarding contacts.', convenedBy: ['social-care'], agencies: ['front-door', 'police', 'public-health-nursing'], share: 0.3 },
  { key: 'vcs-forum', name: 'Ashmere VCS Children and Families Forum', kind: 'network-meeting', per: 'authority', cadence: 'Every two months', description: 'Voluntary and community organisations meet each other and statutory commissioners.', convenedBy: ['childrens-services'], professions: ['vcs-worker', 'youth-worker', 'domestic-abuse-advocate', 'service-manager'], share: 0.3 },
];
