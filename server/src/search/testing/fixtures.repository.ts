import { randomUUID } from 'node:crypto';
import { toStoredProps } from '@knotwork/graph-schema';
import type { Db } from '../../lib/db.js';
import { enqueueSearchSync } from '../outbox.repository.js';

/**
 * A small, self-contained directory for the search tests (fresh random ids on every call, so test files sharing
 * the database do not collide). Written the way the API writes: node + outbox event in one transaction.
 */
export interface SearchFixture {
  ids: Record<string, string>;
  all: string[];
}

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

export async function createSearchFixture(db: Db): Promise<SearchFixture> {
  const keys = [
    'authority', 'north', 'ward', 'south',
    'slt', 'attendance', 'housing', 'autism',
    'speechNeed', 'housingNeed',
    'therapyService', 'housingOptions',
    'amira', 'ben', 'chloe', 'dev', 'erin', 'farah',
    'forum',
  ] as const;
  const ids = Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<(typeof keys)[number], string>;
  const now = new Date().toISOString();
  const meta = (id: string, extra: Record<string, unknown> = {}) => ({ id, createdAt: now, updatedAt: now, source: 'manual', ...extra });

  const nodes: { label: string; props: Record<string, unknown> }[] = [
    { label: 'Locality', props: meta(ids.authority, { name: 'Northshire', kind: 'authority' }) },
    { label: 'Locality', props: meta(ids.north, { name: 'Northshire North', kind: 'district' }) },
    { label: 'Locality', props: meta(ids.ward, { name: 'Castle Ward', kind: 'ward' }) },
    { label: 'Locality', props: meta(ids.south, { name: 'Northshire South', kind: 'district' }) },
    {
      label: 'Specialism',
      props: toStoredProps(meta(ids.slt, {
        name: 'Speech and language therapy', domain: 'communication',
        description: 'Assessment and therapy for speech, language and communication needs.',
        synonyms: [
          { term: 'SALT', profession: 'teacher' },
          { term: 'SLT' },
          { term: 'speech therapy' },
          { term: 'communication difficulties', profession: 'social-worker' },
        ],
      })),
    },
    {
      label: 'Specialism',
      props: toStoredProps(meta(ids.attendance, {
        name: 'School attendance support', domain: 'attendance-and-inclusion',
        description: 'Working with families when a child misses school.',
        synonyms: [{ term: 'persistent absence', profession: 'teacher' }, { term: 'truancy' }, { term: 'EWS' }],
      })),
    },
    {
      label: 'Specialism',
      props: toStoredProps(meta(ids.housing, {
        name: 'Housing advice', domain: 'housing-and-money', description: 'Advice for families at risk of losing their home.',
        synonyms: [{ term: 'homelessness prevention' }, { term: 'eviction' }],
      })),
    },
    {
      label: 'Specialism',
      props: toStoredProps(meta(ids.autism, {
        name: 'Autism assessment', domain: 'learning-and-send', description: 'Diagnostic assessment of autism.',
        synonyms: [{ term: 'ASD' }, { term: 'ASC' }, { term: 'autistic spectrum' }],
      })),
    },
    {
      label: 'Need',
      props: toStoredProps(meta(ids.speechNeed, {
        name: 'speech and language delay', domain: 'communication', description: 'A child talks or understands later than expected.',
        synonyms: [{ term: 'late talking' }, { term: 'speech delay' }],
      })),
    },
    {
      label: 'Need',
      props: toStoredProps(meta(ids.housingNeed, {
        name: 'housing insecurity', domain: 'housing-and-money', description: 'The family may lose its home.',
        synonyms: [{ term: 'eviction risk' }, { term: 'temporary accommodation' }],
      })),
    },
    {
      label: 'Agency',
      props: toStoredProps(meta(ids.therapyService, {
        name: "Northshire Children's Therapy Service", sector: 'health',
        description: 'NHS therapies for children: speech and language, occupational therapy, physiotherapy.',
        referralRoute: 'Referral form from any professional; parents may self-refer.', ageRange: { min: 0, max: 18 },
        lastVerifiedAt: daysAgo(10), website: null, phone: null, address: '',
      })),
    },
    {
      label: 'Agency',
      props: toStoredProps(meta(ids.housingOptions, {
        name: 'Riverside Housing Options', sector: 'housing', description: 'Council housing options team.',
        referralRoute: 'Duty to refer form.', ageRange: { min: 0, max: 25 }, lastVerifiedAt: daysAgo(20),
        website: null, phone: null, address: '',
      })),
    },
    ...practitioners(ids, meta),
    {
      label: 'Forum',
      props: meta(ids.forum, {
        name: 'Northshire North Locality Network Meeting', kind: 'network-meeting', cadence: 'monthly',
        description: 'Schools, health and social care in the north meet to share concerns early.',
      }),
    },
  ];

  const rels: [string, string, string, Record<string, unknown>?][] = [
    [ids.north, 'WITHIN', ids.authority],
    [ids.ward, 'WITHIN', ids.north],
    [ids.south, 'WITHIN', ids.authority],
    [ids.speechNeed, 'ADDRESSED_BY', ids.slt, { strength: 1 }],
    [ids.housingNeed, 'ADDRESSED_BY', ids.housing, { strength: 1 }],
    [ids.therapyService, 'OFFERS', ids.slt],
    [ids.therapyService, 'SERVES', ids.authority],
    [ids.housingOptions, 'OFFERS', ids.housing],
    [ids.housingOptions, 'SERVES', ids.south],
    [ids.amira, 'HAS_SPECIALISM', ids.slt, { level: 'lead' }],
    [ids.amira, 'WORKS_FOR', ids.therapyService],
    [ids.amira, 'SERVES', ids.ward],
    [ids.ben, 'HAS_SPECIALISM', ids.slt, { level: 'practitioner' }],
    [ids.ben, 'SERVES', ids.south],
    [ids.farah, 'HAS_SPECIALISM', ids.slt, { level: 'practitioner' }],
    [ids.farah, 'SERVES', ids.south],
    [ids.chloe, 'HAS_SPECIALISM', ids.attendance, { level: 'lead' }],
    [ids.chloe, 'SERVES', ids.north],
    [ids.dev, 'HAS_SPECIALISM', ids.housing, { level: 'lead' }],
    [ids.dev, 'WORKS_FOR', ids.housingOptions],
    [ids.erin, 'HAS_SPECIALISM', ids.autism, { level: 'lead' }],
    [ids.erin, 'SERVES', ids.authority],
    [ids.forum, 'MEETS_IN', ids.north],
    [ids.chloe, 'ATTENDS', ids.forum],
  ];

  await db.write(async (tx) => {
    for (const n of nodes) await tx.run(`CREATE (n:${n.label}) SET n = $props`, { props: n.props });
    for (const [from, type, to, props] of rels) {
      await tx.run(`MATCH (a {id: $from}), (b {id: $to}) CREATE (a)-[r:${type}]->(b) SET r = $props`, {
        from, to, props: props ?? {},
      });
    }
    await enqueueSearchSync(tx, nodes.map((n) => n.props.id as string));
  });
  return { ids, all: nodes.map((n) => n.props.id as string) };
}

function practitioners(ids: Record<string, string>, meta: (id: string, extra?: Record<string, unknown>) => Record<string, unknown>) {
  const base = {
    title: '', level: 'operational', languages: ['English'], email: null, phone: null, limitsOfExpertise: '',
    phoneVisibility: 'signed-in', bioVisibility: 'signed-in',
  };
  const p = (id: string, extra: Record<string, unknown>) => ({ label: 'Practitioner', props: toStoredProps(meta(id, { ...base, ...extra })) });
  return [
    p(ids.amira!, {
      name: 'Amira Okafor', profession: 'speech-and-language-therapist', title: 'Lead speech and language therapist',
      bio: 'Works with children who find talking and understanding hard, and with their teachers.',
      languages: ['English', 'Somali'], ageRange: { min: 2, max: 11 }, capacity: 'open', lastVerifiedAt: daysAgo(30),
      limitsOfExpertise: 'Does not do autism assessments.',
    }),
    p(ids.ben!, {
      name: 'Ben Hartley', profession: 'speech-and-language-therapist', title: 'Speech and language therapist',
      bio: 'Secondary schools.', ageRange: { min: 11, max: 18 }, capacity: 'open', lastVerifiedAt: daysAgo(700),
    }),
    p(ids.farah!, {
      name: 'Farah Iqbal', profession: 'speech-and-language-therapist', title: 'Speech and language therapist',
      bio: 'Secondary schools.', ageRange: { min: 11, max: 18 }, capacity: 'open', lastVerifiedAt: daysAgo(15),
    }),
    p(ids.chloe!, {
      name: 'Chloe Dunmore', profession: 'education-welfare-officer', title: 'Education welfare officer',
      bio: 'Private note: zanzibarquokka cases only.', bioVisibility: 'coordinators', phone: '01234 567890',
      phoneVisibility: 'coordinators', ageRange: { min: 5, max: 16 }, capacity: 'limited', lastVerifiedAt: daysAgo(40),
    }),
    p(ids.dev!, {
      name: 'Dev Patel', profession: 'housing-officer', title: 'Family housing officer',
      bio: 'Helps families facing eviction find somewhere safe to live.', ageRange: { min: 0, max: 25 },
      capacity: 'open', lastVerifiedAt: daysAgo(60),
    }),
    p(ids.erin!, {
      name: 'Erin Walsh', profession: 'educational-psychologist', title: 'Senior educational psychologist',
      bio: 'Autism and learning difficulties.', ageRange: { min: 0, max: 19 }, capacity: 'closed',
      lastVerifiedAt: daysAgo(90),
    }),
  ];
}

/** Removes the fixture's nodes (and their outbox events). */
export async function deleteSearchFixture(db: Db, fixture: SearchFixture): Promise<void> {
  await db.write(async (tx) => {
    await tx.run('UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n', { ids: fixture.all });
    await tx.run('UNWIND $ids AS id MATCH (e:OutboxEvent {entityId: id}) DELETE e', { ids: fixture.all });
  });
}
