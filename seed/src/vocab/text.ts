import type { Rng } from '../rng.js';

/** Sentence templates for bios and collaboration summaries. Summaries describe the work, never a child. */

const bioOpeners = [
  '{title} at {agency}, working mostly in the {area} locality.',
  'I am a {titleLower} with {agency} and cover {area}.',
  '{title} based with {agency}; my patch is {area}.',
  'Part of {agency} as a {titleLower}, supporting children and families across {area}.',
];
const bioFocus = [
  'Most of my work is {spec1}, and I also help with {spec2}.',
  'I specialise in {spec1} and have a particular interest in {spec2}.',
  'Happy to give advice on {spec1} and {spec2} before a referral.',
  'Areas I know well: {spec1}, {spec2}.',
];
const bioExtras = [
  'I run drop-in advice sessions once a month.',
  'Please email first; I reply within two working days.',
  'I am part-time (Monday to Wednesday).',
  'I can join Team Around the Family meetings in schools.',
  'I have worked in Ashmere for over ten years and know the local services well.',
  'I co-lead our joint training with schools.',
  '',
  '',
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

export function makeBio(rng: Rng, v: { title: string; agency: string; area: string; specs: string[] }): string {
  const [spec1 = 'family support', spec2 = spec1] = v.specs.map((s) => s.toLowerCase());
  const parts = [
    fill(rng.pick(bioOpeners), { title: v.title, titleLower: v.title.toLowerCase(), agency: v.agency, area: v.area }),
    fill(rng.pick(bioFocus), { spec1, spec2 }),
    rng.pick(bioExtras),
  ];
  return parts.filter(Boolean).join(' ');
}

const summaryOpeners = [
  'Joint work on {needs}.',
  'Team around the family set up for {needs}.',
  'Multi-agency support plan addressing {needs}.',
  'Shared assessment and plan around {needs}.',
  'Early help work on {needs}.',
  'Coordinated support for {needs}.',
];
const summaryActions = [
  'Agreed a plan at a TAF meeting and reviewed it after six weeks.',
  'School and health shared strategies; the family chose the lead practitioner.',
  'Home visits alongside in-school support; reviewed each half term.',
  'Referral made with consent and interim advice given while waiting.',
  'Joint visit, then weekly check-ins between the agencies involved.',
  'Strategies shared with class staff and parents; progress reviewed together.',
  'Consultation between the professionals, then a short piece of direct work.',
  'Information shared with consent; one lead practitioner coordinated the plan.',
];

export function makeSummary(rng: Rng, needs: string[]): string {
  const list = needs.length > 1 ? `${needs.slice(0, -1).join(', ')} and ${needs[needs.length - 1]}` : (needs[0] ?? 'family support');
  return `${fill(rng.pick(summaryOpeners), { needs: list })} ${rng.pick(summaryActions)}`;
}
