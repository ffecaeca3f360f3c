import type { Profession } from '@knotwork/graph-schema';

/**
 * The demo's fixed cast and facts (see demo-facts.ts): people placed at known posts, coverage gaps, and a few
 * scripted collaborations, so that e2e journeys and relevance tests can rely on them.
 */
export interface Pin {
  name: string;
  agencyKey: string;
  profession: Profession;
  district?: string;
  title: string;
  specialisms?: string[];
  forums?: string[];
  isolate?: boolean;
}

export const PINNED: Pin[] = [
  {
    name: 'Amelia Hartley', agencyKey: 'primary-a', profession: 'teacher', district: 'North', title: 'Year 6 Teacher',
    specialisms: ['School attendance', 'Primary to secondary transition', 'Literacy intervention'],
    forums: ['North Locality Network Meeting'],
  },
  {
    name: 'Daniel Mensah', agencyKey: 'primary-a', profession: 'senco', district: 'North', title: 'SENCo',
    specialisms: ['SEN support and the graduated approach', 'Speech, language and communication needs', 'Education, health and care plans'],
    forums: ['North Multi-Professional Team Meeting', 'Ashmere SENCo Network'],
  },
  {
    name: 'Priya Raman', agencyKey: 'salt-service', profession: 'speech-and-language-therapist', district: 'North',
    title: 'Specialist Speech and Language Therapist',
    specialisms: ['Speech and language therapy', 'Developmental language disorder', 'Early language development'],
    forums: ['North Locality Network Meeting', 'Ashmere SENCo Network', 'North Family Hub'],
  },
  {
    name: 'Joanna Whitfield', agencyKey: 'salt-service', profession: 'speech-and-language-therapist', district: 'North',
    title: 'Highly Specialist Speech and Language Therapist',
    specialisms: ['Speech and language therapy', 'Selective mutism', 'Social communication difficulties'],
    forums: ['North Multi-Professional Team Meeting'],
  },
  {
    name: 'Graham Pike', agencyKey: 'bridge', profession: 'youth-worker', district: 'South', title: 'Detached Youth Worker',
    specialisms: ['Youth work and positive activities', 'Sport and physical activity'],
    forums: [], isolate: true,
  },
];

/** Needs that no practitioner or agency covers in a district (and nobody authority-wide). */
export const GAPS: { need: string; district: string }[] = [
  { need: 'housing insecurity', district: 'West' },
  { need: 'stammering', district: 'East' },
];

export interface StoryCollaboration {
  people: string[];
  needs: string[];
  startedOn: string;
  days: number;
}

export function storyCollaborations(): StoryCollaboration[] {
  return [
    { people: ['Daniel Mensah', 'Priya Raman'], needs: ['speech and language delay'], startedOn: '2025-02-03', days: 120 },
    { people: ['Daniel Mensah', 'Priya Raman'], needs: ['speech and language delay', 'social communication difficulties'], startedOn: '2025-05-12', days: 90 },
    { people: ['Priya Raman', 'Daniel Mensah'], needs: ['speech and language delay', 'school attendance'], startedOn: '2025-10-06', days: 150 },
    { people: ['Amelia Hartley', 'Daniel Mensah'], needs: ['school attendance', 'reading difficulties'], startedOn: '2025-09-15', days: 100 },
    { people: ['Amelia Hartley', 'Daniel Mensah'], needs: ['moving to secondary school'], startedOn: '2026-01-12', days: 60 },
    { people: ['Joanna Whitfield', 'Priya Raman'], needs: ['not speaking in some settings'], startedOn: '2024-06-10', days: 140 },
  ];
}
