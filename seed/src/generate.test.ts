import { createHash } from 'node:crypto';
import { nodeSchemas, relationshipTypes } from '@knotwork/graph-schema';
import { describe, expect, it, vi } from 'vitest';
import { demoFacts } from './demo-facts.js';
import { generateSeedGraph, type NodeRow, type RelRow, type SeedBatch } from './generate.js';
import { seedId, uuidv5 } from './ids.js';

const AS_OF = '2026-11-23';
// Generating the demo graph a few times takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

function collect(batches: Iterable<SeedBatch>) {
  const nodes = new Map<string, NodeRow[]>();
  const rels = new Map<string, (RelRow & { fromLabel: string; toLabel: string })[]>();
  for (const b of batches) {
    if (b.kind === 'nodes') nodes.set(b.label, [...(nodes.get(b.label) ?? []), ...b.rows]);
    else rels.set(b.type, [...(rels.get(b.type) ?? []), ...b.rows.map((r) => ({ ...r, fromLabel: b.fromLabel, toLabel: b.toLabel }))]);
  }
  return { nodes, rels };
}

const demo = collect(generateSeedGraph({ seed: 7, asOf: AS_OF }));
const N = (label: string) => demo.nodes.get(label) ?? [];
const R = (type: string) => demo.rels.get(type) ?? [];
const byId = new Map<string, NodeRow>();
for (const rows of demo.nodes.values()) for (const r of rows) byId.set(r.id, r);

describe('ids', () => {
  it('uuidv5 matches the RFC 4122 test vector', () => {
    // python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  it('seedId is derived from the natural key', () => {
    expect(seedId('Specialism', 'Speech and language therapy')).toBe(uuidv5('knotwork:Specialism:speech-and-language-therapy'));
  });
});

describe('determinism', () => {
  const digest = (options: Parameters<typeof generateSeedGraph>[0]) => {
    const h = createHash('sha256');
    for (const b of generateSeedGraph(options)) h.update(JSON.stringify(b));
    return h.digest('hex');
  };
  it('same seed gives byte-identical output; another seed differs', () => {
    const a = digest({ seed: 42, asOf: AS_OF });
    expect(digest({ seed: 42, asOf: AS_OF })).toBe(a);
    expect(digest({ seed: 43, asOf: AS_OF })).not.toBe(a);
  });
});

describe('demo graph structure (issue 3)', () => {
  it('every node is valid against its graph-schema Input schema and ids are unique', () => {
    const seen = new Set<string>();
    for (const [label, rows] of demo.nodes) {
      for (const row of rows) {
        const { id, createdAt: _c, updatedAt: _u, lastVerifiedAt: _l, ...input } = row;
        expect(nodeSchemas[label as keyof typeof nodeSchemas].input.safeParse(input).success, `${label} ${id}`).toBe(true);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
  });

  it('relationships join existing nodes of the right labels with valid properties', () => {
    for (const [type, rows] of demo.rels) {
      const spec = relationshipTypes[type as keyof typeof relationshipTypes];
      for (const r of rows) {
        expect(byId.has(r.from), `${type} from`).toBe(true);
        expect(byId.has(r.to), `${type} to`).toBe(true);
        expect((spec.from as readonly string[]).includes(r.fromLabel)).toBe(true);
        expect((spec.to as readonly string[]).includes(r.toLabel)).toBe(true);
        expect(spec.props.safeParse(r.properties).success, `${type} props`).toBe(true);
      }
    }
  });

  it('has the sizes the issue asks for', () => {
    const localities = N('Locality');
    expect(localities.filter((l) => l.kind === 'district').length).toBeGreaterThanOrEqual(4);
    const parents = new Set(R('WITHIN').map((r) => r.to));
    expect(localities.filter((l) => !parents.has(l.id)).length).toBeGreaterThanOrEqual(20);
    const agencies = N('Agency');
    expect(agencies.length).toBeGreaterThanOrEqual(45);
    expect(agencies.filter((a) => a.sector === 'vcs').length / agencies.length).toBeGreaterThanOrEqual(0.3);
    expect(new Set(agencies.map((a) => a.sector)).size).toBeGreaterThanOrEqual(8);
    expect(R('PART_OF').length).toBeGreaterThan(5);
    for (const a of agencies) {
      expect(String(a.referralRoute).length).toBeGreaterThan(10);
      expect(a.ageRange).toBeDefined();
    }
    const practitioners = N('Practitioner');
    expect(practitioners.length).toBeGreaterThanOrEqual(700);
    expect(new Set(practitioners.map((p) => p.profession)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(practitioners.map((p) => p.level))).toEqual(new Set(['operational', 'strategic']));
    const specialisms = N('Specialism');
    expect(specialisms.length).toBeGreaterThanOrEqual(120);
    expect(new Set(specialisms.map((s) => s.domain)).size).toBeGreaterThanOrEqual(8);
    for (const s of specialisms) {
      const syn = s.synonyms as { term: string; profession?: string }[];
      expect(syn.length, String(s.name)).toBeGreaterThanOrEqual(2);
      expect(syn.some((x) => x.profession)).toBe(true);
    }
    expect(R('BROADER').length).toBeGreaterThan(50);
    expect(N('Need').length).toBeGreaterThanOrEqual(80);
    const addressed = new Set(R('ADDRESSED_BY').map((r) => r.from));
    expect(N('Need').every((n) => addressed.has(n.id))).toBe(true);
    expect(N('Forum').length).toBeGreaterThanOrEqual(25);
    expect(new Set(N('Forum').map((f) => f.kind)).size).toBe(6);
    expect(R('ATTENDS').length).toBeGreaterThan(300);
    expect(N('Collaboration').length).toBeGreaterThanOrEqual(3000);
  });

  it('carries the abbreviations practitioners use as profession-tagged synonyms', () => {
    const terms = new Map<string, string>();
    for (const s of [...N('Specialism'), ...N('Need')])
      for (const syn of s.synonyms as { term: string; profession?: string }[]) terms.set(syn.term, syn.profession ?? '');
    for (const t of ['SALT', 'SLT', 'speech therapy', 'communication difficulties', 'CAMHS', 'EWO', 'SENCo', 'EHCP', 'YOT', 'EHA', 'TAF', 'LAC', 'CLA', 'DV', 'DA', 'ASD', 'SEMH', 'SEBD']) {
      expect(terms.has(t), t).toBe(true);
    }
    expect(terms.get('SALT')).toBe('teacher');
    expect(terms.get('SLT')).toBe('speech-and-language-therapist');
  });

  it('collaborations span four years, are clustered, and have more ties inside agencies than across', () => {
    const collabs = N('Collaboration');
    const starts = collabs.map((c) => String(c.startedOn)).sort();
    expect(starts[0]! < '2023-01-01').toBe(true);
    expect(starts[starts.length - 1]! >= '2026-06-01').toBe(true);
    const agencyOf = new Map(R('WORKS_FOR').map((r) => [r.from, r.to]));
    const members = new Map<string, string[]>();
    for (const r of R('PARTICIPATED_IN')) members.set(r.to, [...(members.get(r.to) ?? []), r.from]);
    let within = 0;
    let across = 0;
    for (const people of members.values()) {
      expect(people.length).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < people.length; i++)
        for (let j = i + 1; j < people.length; j++) {
          if (agencyOf.get(people[i]!) === agencyOf.get(people[j]!)) within++;
          else across++;
        }
    }
    const share = across / (within + across);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    // summaries never identify a child: no names of people and no ages/dates of birth
    const names = N('Practitioner').map((p) => String(p.name));
    for (const c of collabs.slice(0, 500)) {
      expect(String(c.summary)).not.toMatch(/\b(born|aged \d+|DOB)\b/i);
      expect(names.some((nm) => String(c.summary).includes(nm))).toBe(false);
    }
  });

  it('about 15% of profiles are not verified for over six months', () => {
    const cutoff = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - 182 * 86_400_000).toISOString();
    const ps = N('Practitioner');
    const stale = ps.filter((p) => String(p.lastVerifiedAt) < cutoff).length / ps.length;
    expect(stale).toBeGreaterThan(0.1);
    expect(stale).toBeLessThan(0.2);
  });

  it('holds the demo facts', () => {
    const amelia = byId.get(demoFacts.demoPractitioner.id)!;
    expect(amelia).toMatchObject({ name: 'Amelia Hartley', profession: 'teacher', title: 'Year 6 Teacher' });
    expect(R('WORKS_FOR').find((r) => r.from === amelia.id)?.to).toBe(demoFacts.demoPractitioner.agency.id);
    expect(R('SERVES').find((r) => r.from === amelia.id)?.to).toBe(demoFacts.demoPractitioner.ward.id);
    expect(R('WITHIN').find((r) => r.from === demoFacts.demoPractitioner.ward.id)?.to).toBe(demoFacts.northDistrict.id);

    // several SLTs; the demo SLT is reachable from Amelia through collaborations (via Daniel) and a shared forum
    expect(N('Practitioner').filter((p) => p.profession === 'speech-and-language-therapist').length).toBeGreaterThanOrEqual(5);
    const collabsOf = (id: string) => new Set(R('PARTICIPATED_IN').filter((r) => r.from === id).map((r) => r.to));
    const shared = (a: string, b: string) => [...collabsOf(a)].filter((c) => collabsOf(b).has(c)).length;
    expect(shared(demoFacts.demoPractitioner.id, demoFacts.colleague.id)).toBeGreaterThanOrEqual(2);
    expect(shared(demoFacts.colleague.id, demoFacts.slt.id)).toBe(3);
    const attends = (id: string) => new Set(R('ATTENDS').filter((r) => r.from === id).map((r) => r.to));
    expect(attends(demoFacts.demoPractitioner.id).has(demoFacts.sharedForum.id)).toBe(true);
    expect(attends(demoFacts.slt.id).has(demoFacts.sharedForum.id)).toBe(true);

    // single holder
    const holders = R('HAS_SPECIALISM').filter((r) => r.to === demoFacts.singleHolder.specialism.id).map((r) => r.from);
    expect(holders).toEqual([demoFacts.singleHolder.practitioner.id]);

    // isolate: no collaborations, forums or trails
    const iso = demoFacts.isolate.id;
    expect(byId.has(iso)).toBe(true);
    for (const t of ['PARTICIPATED_IN', 'ATTENDS', 'KNOWS']) expect(R(t).some((r) => r.from === iso || r.to === iso)).toBe(false);

    // isolated agency: its staff only ever collaborate with each other and attend no forums
    const agencyOf = new Map(R('WORKS_FOR').map((r) => [r.from, r.to]));
    const staff = new Set(R('WORKS_FOR').filter((r) => r.to === demoFacts.isolatedAgency.id).map((r) => r.from));
    expect(staff.size).toBeGreaterThan(1);
    const members = new Map<string, string[]>();
    for (const r of R('PARTICIPATED_IN')) members.set(r.to, [...(members.get(r.to) ?? []), r.from]);
    let theirs = 0;
    for (const people of members.values()) {
      if (!people.some((p) => staff.has(p))) continue;
      theirs++;
      expect(people.every((p) => agencyOf.get(p) === demoFacts.isolatedAgency.id)).toBe(true);
    }
    expect(theirs).toBeGreaterThan(0);
    expect(R('ATTENDS').some((r) => staff.has(r.from))).toBe(false);
  });

  it('leaves the chosen needs uncovered in their localities (practitioners and agencies, incl. the authority)', () => {
    const parent = new Map(R('WITHIN').map((r) => [r.from, r.to]));
    const inside = (loc: string, area: string): boolean => loc === area || (parent.has(loc) && inside(parent.get(loc)!, area));
    for (const gap of [demoFacts.uncoveredNeed, demoFacts.uncoveredNeed2]) {
      const specs = new Set(R('ADDRESSED_BY').filter((r) => r.from === gap.need.id).map((r) => r.to));
      const coversGap = (who: string) =>
        R('SERVES').some((s) => s.from === who && (inside(s.to, gap.locality.id) || inside(gap.locality.id, s.to)));
      const holders = [...R('HAS_SPECIALISM'), ...R('OFFERS')].filter((r) => specs.has(r.to)).map((r) => r.from);
      expect(holders.length).toBeGreaterThan(0); // covered elsewhere
      expect(holders.filter(coversGap)).toEqual([]);
    }
    // the other chosen needs are covered in North
    const north = demoFacts.northDistrict.id;
    for (const need of [demoFacts.needs.schoolAttendance, demoFacts.needs.speechAndLanguageDelay]) {
      const specs = new Set(R('ADDRESSED_BY').filter((r) => r.from === need.id).map((r) => r.to));
      const holders = new Set(R('HAS_SPECIALISM').filter((r) => specs.has(r.to)).map((r) => r.from));
      expect(R('SERVES').some((s) => holders.has(s.from) && (s.to === north || parent.get(s.to) === north))).toBe(true);
    }
  });
});

describe('scale', () => {
  it('streams in bounded batches and multiplies practitioners and collaborations', () => {
    let practitioners = 0;
    let collaborations = 0;
    let maxRows = 0;
    for (const b of generateSeedGraph({ seed: 1, asOf: AS_OF, scale: 3, batchSize: 2000 })) {
      maxRows = Math.max(maxRows, b.rows.length);
      if (b.kind === 'nodes' && b.label === 'Practitioner') practitioners += b.rows.length;
      if (b.kind === 'nodes' && b.label === 'Collaboration') collaborations += b.rows.length;
    }
    expect(practitioners).toBe(2160);
    expect(collaborations).toBe(21600);
    expect(maxRows).toBeLessThanOrEqual(2000);
  });
});
