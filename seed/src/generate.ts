import {
  nodeSchemas,
  type DirectoryLabel,
  type Profession,
  type RelationshipType,
} from '@knotwork/graph-schema';
import { seedId, slug } from './ids.js';
import { Rng } from './rng.js';
import { agencyTemplates, type AgencyTemplate } from './vocab/agencies.js';
import { forumTemplates } from './vocab/forums.js';
import { givenNames, initials, otherLanguages, surnames } from './vocab/names.js';
import { needRows } from './vocab/needs.js';
import { AUTHORITY, districtTemplates } from './vocab/places.js';
import { P, parseSynonyms } from './vocab/professions.js';
import { professionInfo, rareSpecialisms } from './vocab/professions-info.js';
import { specialismRows } from './vocab/specialisms.js';
import { makeBio, makeSummary } from './vocab/text.js';
import { GAPS, PINNED, storyCollaborations, type Pin } from './story.js';

export interface SeedOptions {
  /** PRNG seed; same seed (and asOf, scale) -> identical output. Default 1. */
  seed?: number;
  /** Multiplies practitioners (1 = demo, >= 700 practitioners; 150 -> >= 100k practitioners, >= 1M collaborations). */
  scale?: number;
  /** The "today" of the generated world, YYYY-MM-DD (default: today, UTC). Every date is relative to it. */
  asOf?: string;
  /** Rows per batch (default 5,000). */
  batchSize?: number;
  /** Validate every node with the graph-schema Input schemas (default: true when scale <= 2). */
  validate?: boolean;
}

/** A node in the API shape of graph-schema (Input fields) plus id, createdAt, updatedAt (and lastVerifiedAt for profiles). */
export type NodeRow = { id: string } & Record<string, unknown>;
export interface RelRow {
  from: string;
  to: string;
  properties: Record<string, unknown>;
}
export type SeedBatch =
  | { kind: 'nodes'; label: DirectoryLabel; rows: NodeRow[] }
  | { kind: 'relationships'; type: RelationshipType; fromLabel: DirectoryLabel; toLabel: DirectoryLabel; rows: RelRow[] };

/** Practitioners per unit of scale, and collaborations per practitioner (four years). */
export const PRACTITIONERS_PER_SCALE = 720;
export const COLLABORATIONS_PER_PRACTITIONER = 10;
const YEARS = 4;
const DAY = 86_400_000;

export function resolveOptions(options: SeedOptions = {}) {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('scale must be a positive number');
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('asOf must be YYYY-MM-DD');
  return {
    seed: options.seed ?? 1,
    scale,
    asOf,
    batchSize: options.batchSize ?? 5000,
    validate: options.validate ?? scale <= 2,
  };
}

/** Expected sizes for progress bars (exact for practitioners and collaborations). */
export function plannedCounts(options: SeedOptions = {}) {
  const o = resolveOptions(options);
  const practitioners = Math.round(PRACTITIONERS_PER_SCALE * o.scale);
  const collaborations = practitioners * COLLABORATIONS_PER_PRACTITIONER;
  // nodes + relationships, estimated: each collaboration ~ 1 node + 2.8 participants + 1.4 needs + 1 locality
  const approxTotal = practitioners * 7 + collaborations * 6.2 + 2000;
  return { practitioners, collaborations, approxTotal: Math.round(approxTotal) };
}

interface District {
  id: string;
  name: string;
  template: string;
  group: number;
  wardIds: string[];
  wardNames: string[];
  clusterId: string;
}
interface AgencyInst {
  id: string;
  key: string;
  name: string;
  tpl: AgencyTemplate;
  /** districts index list it works in (all of the authority when empty+authority level) */
  districts: number[];
  ward: number; // index into district.wardIds of its own district, or -1
  district: number; // own district for per-district agencies, -1 otherwise
  isolated: boolean;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Generates the fictional local authority of Ashmere as a stream of batches: nodes of a label, then the
 * relationships that need them. Deterministic for a given seed, scale and asOf. Bounded memory: collaborations
 * are produced batch by batch.
 */
export function* generateSeedGraph(options: SeedOptions = {}): Generator<SeedBatch> {
  const o = resolveOptions(options);
  const root = new Rng(o.seed);
  const rngPeople = root.fork();
  const rngForums = root.fork();
  const rngCollab = root.fork();
  const rngKnows = root.fork();
  const asOfMs = Date.parse(`${o.asOf}T00:00:00.000Z`);
  const epochMs = asOfMs - 1500 * DAY; // when the directory was set up
  const baseMeta = { createdAt: iso(epochMs + 9 * 3600_000), updatedAt: iso(epochMs + 9 * 3600_000) };
  const B = o.batchSize;

  const validate = (label: DirectoryLabel, row: NodeRow) => {
    if (!o.validate) return;
    const { id: _id, createdAt: _c, updatedAt: _u, lastVerifiedAt: _l, ...input } = row;
    const res = nodeSchemas[label].input.safeParse(input);
    if (!res.success) throw new Error(`generated ${label} ${String(row.name ?? row.id)} is invalid: ${res.error.message}`);
  };
  function* chunks<T>(rows: T[], make: (part: T[]) => SeedBatch): Generator<SeedBatch> {
    for (let i = 0; i < rows.length; i += B) yield make(rows.slice(i, i + B));
  }
  const nodes = (label: DirectoryLabel, rows: NodeRow[]) => {
    for (const r of rows) validate(label, r);
    return chunks(rows, (part) => ({ kind: 'nodes', label, rows: part }));
  };
  const rels = (type: RelationshipType, fromLabel: DirectoryLabel, toLabel: DirectoryLabel, rows: RelRow[]) =>
    chunks(rows, (part) => ({ kind: 'relationships', type, fromLabel, toLabel, rows: part }));

  // 1. Localities ------------------------------------------------------------------------------------------
  const groups = Math.max(1, Math.ceil(Math.sqrt(o.scale)));
  const authorityId = seedId('Locality', AUTHORITY);
  const localityRows: NodeRow[] = [{ id: authorityId, name: AUTHORITY, kind: 'authority', source: 'seed', ...baseMeta }];
  const within: RelRow[] = [];
  const districts: District[] = [];
  for (let g = 0; g < groups; g++) {
    for (const t of districtTemplates) {
      const name = g === 0 ? t.name : `${t.name} ${g + 1}`;
      const id = seedId('Locality', name);
      const wardNames = t.wards.map((w) => (g === 0 ? w : `${w} ${g + 1}`));
      const wardIds = wardNames.map((w) => seedId('Locality', w));
      const clusterName = `${name} Schools Cluster`;
      const clusterId = seedId('Locality', clusterName);
      localityRows.push({ id, name, kind: 'district', source: 'seed', ...baseMeta });
      within.push({ from: id, to: authorityId, properties: {} });
      wardNames.forEach((w, i) => {
        localityRows.push({ id: wardIds[i]!, name: w, kind: 'ward', source: 'seed', ...baseMeta });
        within.push({ from: wardIds[i]!, to: id, properties: {} });
      });
      localityRows.push({ id: clusterId, name: clusterName, kind: 'school-cluster', source: 'seed', ...baseMeta });
      within.push({ from: clusterId, to: id, properties: {} });
      districts.push({ id, name, template: t.name, group: g, wardIds, wardNames, clusterId });
    }
  }
  yield* nodes('Locality', localityRows);
  yield* rels('WITHIN', 'Locality', 'Locality', within);

  // 2. Specialisms and needs ------------------------------------------------------------------------------
  const specId = new Map<string, string>();
  const specNames = specialismRows.map((r) => r[0]);
  specialismRows.forEach(([name]) => specId.set(name, seedId('Specialism', name)));
  const sid = (name: string) => {
    const id = specId.get(name);
    if (!id) throw new Error(`unknown specialism "${name}"`);
    return id;
  };
  yield* nodes(
    'Specialism',
    specialismRows.map(([name, domain, , synonyms, description]) => ({
      id: sid(name),
      name,
      domain,
      description,
      synonyms: parseSynonyms(synonyms),
      source: 'seed',
      ...baseMeta,
    })),
  );
  yield* rels(
    'BROADER',
    'Specialism',
    'Specialism',
    specialismRows.filter((r) => r[2]).map(([name, , broader]) => ({ from: sid(name), to: sid(broader), properties: {} })),
  );

  const needIndexBySpec = new Map<string, number[]>(); // specialism name -> need indices
  const needAddressed: string[][] = [];
  const addressedBy: RelRow[] = [];
  const needNodeRows: NodeRow[] = needRows.map(([name, domain, synonyms, by], i) => {
    const id = seedId('Need', name);
    const specs: string[] = [];
    for (const part of by.split(';')) {
      const [sName, strength] = part.split(':').map((s) => s.trim());
      addressedBy.push({ from: id, to: sid(sName!), properties: { strength: Number(strength) } });
      specs.push(sName!);
      const list = needIndexBySpec.get(sName!) ?? [];
      list.push(i);
      needIndexBySpec.set(sName!, list);
    }
    needAddressed.push(specs);
    return {
      id,
      name,
      domain,
      description: `A need of a child or family: ${name}.`,
      synonyms: parseSynonyms(synonyms),
      source: 'seed',
      ...baseMeta,
    };
  });
  yield* nodes('Need', needNodeRows);
  yield* rels('ADDRESSED_BY', 'Need', 'Specialism', addressedBy);

  // Coverage gaps: (need, district template) pairs that nobody may cover.
  const gapSpecsByDistrictTemplate = new Map<string, Set<string>>();
  const gapNeedsByDistrictTemplate = new Map<string, Set<number>>();
  const authorityGapSpecs = new Set<string>();
  for (const gap of GAPS) {
    const ni = needRows.findIndex((r) => r[0] === gap.need);
    if (ni < 0) throw new Error(`gap need ${gap.need} unknown`);
    const s = gapSpecsByDistrictTemplate.get(gap.district) ?? new Set<string>();
    for (const spec of needAddressed[ni]!) {
      s.add(spec);
      authorityGapSpecs.add(spec);
    }
    gapSpecsByDistrictTemplate.set(gap.district, s);
    const n = gapNeedsByDistrictTemplate.get(gap.district) ?? new Set<number>();
    n.add(ni);
    gapNeedsByDistrictTemplate.set(gap.district, n);
  }
  const allowedSpecs = (specs: string[], districtIdx: number[], servesAuthority: boolean) =>
    specs.filter((s) => {
      if (servesAuthority && authorityGapSpecs.has(s)) return false;
      return !districtIdx.some((d) => gapSpecsByDistrictTemplate.get(districts[d]!.template)?.has(s));
    });

  // 3. Agencies ----------------------------------------------------------------------------------------------
  const agencies: AgencyInst[] = [];
  const agencyByKey = new Map<string, AgencyInst>(); // authority-level by key; district-level by key@district
  const allDistrictIdx = districts.map((_, i) => i);
  for (const tpl of agencyTemplates) {
    if (tpl.per === 'authority') {
      const ds = tpl.servesDistricts ? allDistrictIdx.filter((i) => tpl.servesDistricts!.includes(districts[i]!.template)) : [];
      const a: AgencyInst = { id: seedId('Agency', tpl.name), key: tpl.key, name: tpl.name, tpl, districts: ds, ward: -1, district: -1, isolated: !!tpl.isolated };
      agencies.push(a);
      agencyByKey.set(tpl.key, a);
    } else {
      districts.forEach((d, di) => {
        const tIdx = districtTemplates.findIndex((t) => t.name === d.template);
        let name: string;
        let ward = -1;
        if (tpl.names) {
          const [n, w] = tpl.names[tIdx]!.split('@');
          name = d.group === 0 ? n! : `${n} (${d.name})`;
          ward = districtTemplates[tIdx]!.wards.indexOf(w!);
        } else {
          name = tpl.name.replace('{district}', d.name);
        }
        const a: AgencyInst = { id: seedId('Agency', name), key: tpl.key, name, tpl, districts: [di], ward, district: di, isolated: !!tpl.isolated };
        agencies.push(a);
        agencyByKey.set(`${tpl.key}@${di}`, a);
      });
    }
  }
  const agencyAreaName = (a: AgencyInst) =>
    a.district >= 0 ? districts[a.district]!.name : a.districts.length ? a.districts.map((d) => districts[d]!.name).join(', ') : AUTHORITY;
  const agencyRows: NodeRow[] = agencies.map((a, i) => {
    const verified = asOfMs - (i % 7 === 3 ? 200 + (i % 5) * 40 : (i * 13) % 150) * DAY;
    return {
      id: a.id,
      name: a.name,
      sector: a.tpl.sector,
      description: a.tpl.description.replaceAll('{district}', agencyAreaName(a)),
      website: `https://${slug(a.name).slice(0, 40)}.ashmere.example`,
      phone: `01632 ${String(960000 + i * 37).slice(0, 6)}`,
      address: a.ward >= 0 ? `${districts[a.district]!.wardNames[a.ward]}, Ashmere` : a.district >= 0 ? `${districts[a.district]!.name} Family Hub, Ashmere` : 'Ashmere Civic Centre, Ashmere',
      referralRoute: a.tpl.referralRoute,
      ageRange: { min: a.tpl.ages[0], max: a.tpl.ages[1] },
      source: 'seed',
      createdAt: baseMeta.createdAt,
      updatedAt: iso(verified),
      lastVerifiedAt: iso(verified),
    };
  });
  yield* nodes('Agency', agencyRows);
  const partOf: RelRow[] = [];
  const offers: RelRow[] = [];
  const agencyServes: RelRow[] = [];
  for (const a of agencies) {
    if (a.tpl.partOf) {
      const parent = agencyByKey.get(a.tpl.partOf);
      if (!parent) throw new Error(`partOf ${a.tpl.partOf} unknown`);
      partOf.push({ from: a.id, to: parent.id, properties: {} });
    }
    const servesAuthority = a.tpl.per === 'authority' && a.districts.length === 0;
    for (const s of allowedSpecs(a.tpl.offers, a.districts, servesAuthority)) offers.push({ from: a.id, to: sid(s), properties: {} });
    if (servesAuthority) agencyServes.push({ from: a.id, to: authorityId, properties: {} });
    else if (a.ward >= 0) agencyServes.push({ from: a.id, to: districts[a.district]!.wardIds[a.ward]!, properties: {} });
    else for (const d of a.districts) agencyServes.push({ from: a.id, to: districts[d]!.id, properties: {} });
  }
  yield* rels('PART_OF', 'Agency', 'Agency', partOf);
  yield* rels('OFFERS', 'Agency', 'Specialism', offers);
  yield* rels('SERVES', 'Agency', 'Locality', agencyServes);

  // 4. Forums --------------------------------------------------------------------------------------------------
  interface ForumInst { id: string; tplKey: string; district: number; tpl: (typeof forumTemplates)[number] }
  const forums: ForumInst[] = [];
  for (const tpl of forumTemplates) {
    if (tpl.per === 'authority') forums.push({ id: seedId('Forum', tpl.name), tplKey: tpl.key, district: -1, tpl });
    else districts.forEach((d, di) => forums.push({ id: seedId('Forum', tpl.name.replace('{district}', d.name)), tplKey: tpl.key, district: di, tpl }));
  }
  yield* nodes(
    'Forum',
    forums.map((f) => {
      const area = f.district >= 0 ? districts[f.district]!.name : AUTHORITY;
      return {
        id: f.id,
        name: f.tpl.name.replace('{district}', area),
        kind: f.tpl.kind,
        cadence: f.tpl.cadence,
        description: f.tpl.description.replaceAll('{district}', area),
        source: 'seed',
        ...baseMeta,
      };
    }),
  );
  yield* rels('MEETS_IN', 'Forum', 'Locality', forums.map((f) => ({ from: f.id, to: f.district >= 0 ? districts[f.district]!.id : authorityId, properties: {} })));
  const convenes: RelRow[] = [];
  for (const f of forums) for (const k of f.tpl.convenedBy) convenes.push({ from: agencyByKey.get(k)!.id, to: f.id, properties: {} });
  yield* rels('CONVENES', 'Agency', 'Forum', convenes);

  // 5. Practitioners -----------------------------------------------------------------------------------------
  const target = Math.round(PRACTITIONERS_PER_SCALE * o.scale);
  interface Line { agency: number; profession: Profession; pool: string[]; base: number; count: number; strategic: number }
  const lines: Line[] = [];
  agencies.forEach((a, ai) => {
    let strategicLeft = a.tpl.strategic ?? 0;
    for (const [alias, count, pool] of a.tpl.staff) {
      const s = Math.min(strategicLeft, count);
      strategicLeft -= s;
      lines.push({ agency: ai, profession: P[alias]!, pool: pool ?? [], base: count, count: 0, strategic: s });
    }
  });
  const baseTotal = lines.reduce((n, l) => n + l.base, 0);
  const exact = lines.map((l) => (l.base * target) / baseTotal);
  lines.forEach((l, i) => (l.count = Math.floor(exact[i]!)));
  const remainder = target - lines.reduce((n, l) => n + l.count, 0);
  const order = lines.map((_, i) => i).sort((a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)) || a - b);
  for (let i = 0; i < remainder; i++) lines[order[i % order.length]!]!.count++;
  for (const l of lines) if (l.strategic > 0) l.strategic = Math.max(1, Math.round((l.strategic * l.count) / l.base));

  const n = target;
  const pId: string[] = new Array(n);
  const pName: string[] = new Array(n);
  const pAgency = new Int32Array(n);
  const pDistrict = new Int32Array(n).fill(-1); // -1 = whole authority
  const pWard = new Int32Array(n).fill(-1);
  const pStrategic = new Uint8Array(n);
  const pIsolate = new Uint8Array(n);
  const pSpecs: number[][] = new Array(n);
  const pProf: Profession[] = new Array(n);
  const pinByIndex = new Map<number, Pin>();
  const specIndex = new Map(specNames.map((s, i) => [s, i]));
  const usedNames = new Set<string>(PINNED.map((p) => p.name));
  const usedKeys = new Set<string>(PINNED.map((p) => slug(p.name)));
  const rareAssigned = new Set<string>(); // `${specialism}@${group}`
  const rareBySpec = new Map(rareSpecialisms.map(([s, prof]) => [s, prof]));
  const rareNames = new Set(rareSpecialisms.map(([s]) => s));
  for (const pin of PINNED) for (const s of pin.specialisms ?? []) if (rareNames.has(s)) rareAssigned.add(`${s}@0`);
  const pinsUsed = new Set<string>();

  const practitionerBuf: NodeRow[] = [];
  const worksFor: RelRow[] = [];
  const hasSpec: RelRow[] = [];
  const pServes: RelRow[] = [];
  const knowsSince = (r: Rng) => isoDate(asOfMs - r.int(30, 1400) * DAY);
  let idx = 0;
  const nextName = (r: Rng): [string, string] => {
    for (let attempt = 0; ; attempt++) {
      const first = r.pick(givenNames);
      const last = r.pick(surnames);
      const name = attempt < 4 ? `${first} ${last}` : `${first} ${r.pick(initials)}. ${last}`;
      if (usedNames.has(name) && attempt < 12) continue;
      let key = slug(name);
      if (usedKeys.has(key)) {
        let k = 2;
        while (usedKeys.has(`${key}-${k}`)) k++;
        key = `${key}-${k}`;
      }
      usedNames.add(name);
      usedKeys.add(key);
      return [name, key];
    }
  };

  for (const line of lines) {
    const a = agencies[line.agency]!;
    const info = professionInfo[line.profession];
    const allowedDistricts = a.district >= 0 ? [a.district] : a.districts.length ? a.districts : allDistrictIdx;
    for (let i = 0; i < line.count; i++) {
      const r = rngPeople;
      const strategic = i < line.strategic;
      const pin = PINNED.find(
        (p) => !pinsUsed.has(p.name) && p.agencyKey === a.key && p.profession === line.profession && (p.district === undefined || (a.district >= 0 ? districts[a.district]!.name === p.district && districts[a.district]!.group === 0 : true)) && !strategic,
      );
      let name: string;
      let key: string;
      if (pin) {
        pinsUsed.add(pin.name);
        name = pin.name;
        key = slug(pin.name);
      } else {
        [name, key] = nextName(r);
      }
      const id = seedId('Practitioner', key);
      // Where they work
      let district = -1;
      let ward = -1;
      if (a.district >= 0) {
        district = a.district;
        ward = a.ward;
      } else if (!strategic) {
        district = pin?.district ? districts.findIndex((d) => d.name === pin.district) : allowedDistricts[(i + r.int(0, 3)) % allowedDistricts.length]!;
      }
      const servesAuthority = district < 0 && a.districts.length === 0;
      // Specialisms
      const linePool = line.pool.filter((s) => !rareNames.has(s));
      const profPool = info.pool.filter((s) => !rareNames.has(s) && !linePool.includes(s));
      let specs: string[];
      if (pin?.specialisms) specs = [...pin.specialisms];
      else if (line.profession === 'service-manager' || (strategic && linePool.length === 0 && profPool.length === 0)) specs = r.sample(a.tpl.offers, Math.min(2, a.tpl.offers.length));
      else {
        const k = r.int(2, 4);
        const fromLine = linePool.length ? r.sample(linePool, Math.min(linePool.length, Math.max(2, k - 1))) : [];
        specs = [...fromLine, ...r.sample(profPool, Math.max(0, k - fromLine.length))];
        if (line.profession === 'speech-and-language-therapist' && !specs.includes('Speech and language therapy')) specs.unshift('Speech and language therapy');
        if (line.profession === 'education-welfare-officer' && !specs.includes('School attendance')) specs.unshift('School attendance');
      }
      const isolate = pin?.isolate ? 1 : !pin && !strategic && r.chance(0.015) ? 1 : 0;
      const group = district >= 0 ? districts[district]!.group : 0;
      if (!isolate && !strategic && district >= 0) {
        for (const rare of rareNames) {
          if (rareBySpec.get(rare) === line.profession && !rareAssigned.has(`${rare}@${group}`)) {
            rareAssigned.add(`${rare}@${group}`);
            specs.push(rare);
            break;
          }
        }
      }
      const servedDistricts = district >= 0 ? [district] : a.districts;
      specs = allowedSpecs([...new Set(specs)], servedDistricts, servesAuthority);
      if (specs.length === 0) specs = allowedSpecs(a.tpl.offers, servedDistricts, servesAuthority).slice(0, 1);
      const title = pin?.title ?? (strategic ? r.pick(info.strategicTitles) : r.pick(info.titles));
      const area = district >= 0 ? (ward >= 0 ? `${districts[district]!.wardNames[ward]} (${districts[district]!.name})` : districts[district]!.name) : agencyAreaName(a);
      const verifiedDaysAgo = pin ? 20 : r.chance(0.15) ? r.int(190, 720) : r.int(0, 170);
      const verified = asOfMs - verifiedDaysAgo * DAY - r.int(8, 17) * 3600_000;
      const created = verified - r.int(0, 600) * DAY;
      const minAge = Math.max(info.ages[0], a.tpl.ages[0]);
      const maxAge = Math.min(info.ages[1], a.tpl.ages[1]);
      const languages = ['English'];
      if (r.chance(0.2)) languages.push(r.pick(otherLanguages));
      const [first, ...rest] = name.split(' ');
      const emailLocal = `${slug(first!)}.${slug(rest[rest.length - 1] ?? 'x')}${key.match(/-(\d+)$/)?.[1] ?? ''}`;
      const row: NodeRow = {
        id,
        name,
        profession: line.profession,
        title,
        level: strategic ? 'strategic' : 'operational',
        bio: makeBio(r, { title, agency: a.name, area, specs }),
        languages,
        email: `${emailLocal}@${slug(a.key)}.ashmere.example`,
        phone: `01632 ${String(100000 + ((idx * 7919) % 860000)).padStart(6, '0')}`,
        ageRange: minAge <= maxAge ? { min: minAge, max: maxAge } : { min: a.tpl.ages[0], max: a.tpl.ages[1] },
        capacity: r.chance(0.6) ? 'open' : r.chance(0.75) ? 'limited' : 'closed',
        limitsOfExpertise: r.sample(info.limits, r.int(1, 2)).join(' '),
        phoneVisibility: r.chance(0.8) ? 'signed-in' : 'coordinators',
        bioVisibility: r.chance(0.95) ? 'signed-in' : 'coordinators',
        source: 'seed',
        createdAt: iso(created),
        updatedAt: iso(verified),
        lastVerifiedAt: iso(verified),
      };
      validate('Practitioner', row);
      practitionerBuf.push(row);
      worksFor.push({ from: id, to: a.id, properties: { role: title, since: isoDate(created) } });
      specs.forEach((s, si) =>
        hasSpec.push({
          from: id,
          to: sid(s),
          properties: { level: si === 0 && r.chance(0.3) ? 'lead' : r.chance(0.8) ? 'practitioner' : 'aware', since: isoDate(created - r.int(0, 2000) * DAY) },
        }),
      );
      if (district < 0) {
        if (a.districts.length) for (const d of a.districts) pServes.push({ from: id, to: districts[d]!.id, properties: {} });
        else pServes.push({ from: id, to: authorityId, properties: {} });
      } else if (ward >= 0) pServes.push({ from: id, to: districts[district]!.wardIds[ward]!, properties: {} });
      else {
        pServes.push({ from: id, to: districts[district]!.id, properties: {} });
      }
      pId[idx] = id;
      pName[idx] = name;
      pAgency[idx] = line.agency;
      pDistrict[idx] = district;
      pWard[idx] = ward;
      pStrategic[idx] = strategic ? 1 : 0;
      pIsolate[idx] = isolate;
      pSpecs[idx] = specs.map((s) => specIndex.get(s)!);
      pProf[idx] = line.profession;
      if (pin) pinByIndex.set(idx, pin);
      idx++;
      if (practitionerBuf.length >= B) {
        yield { kind: 'nodes', label: 'Practitioner', rows: practitionerBuf.splice(0) };
        yield* rels('WORKS_FOR', 'Practitioner', 'Agency', worksFor.splice(0));
        yield* rels('HAS_SPECIALISM', 'Practitioner', 'Specialism', hasSpec.splice(0));
        yield* rels('SERVES', 'Practitioner', 'Locality', pServes.splice(0));
      }
    }
  }
  // Below scale 1 some posts do not exist; at scale >= 1 every pinned person must have found a post.
  if (o.scale >= 1) for (const pin of PINNED) if (!pinsUsed.has(pin.name)) throw new Error(`pinned practitioner ${pin.name} found no place`);
  if (practitionerBuf.length) yield { kind: 'nodes', label: 'Practitioner', rows: practitionerBuf.splice(0) };
  yield* rels('WORKS_FOR', 'Practitioner', 'Agency', worksFor.splice(0));
  yield* rels('HAS_SPECIALISM', 'Practitioner', 'Specialism', hasSpec.splice(0));
  yield* rels('SERVES', 'Practitioner', 'Locality', pServes.splice(0));

  const pinIndex = new Map<string, number>();
  for (const [i, pin] of pinByIndex) pinIndex.set(pin.name, i);
  const active = (i: number) => !pIsolate[i];
  const isolatedAgency = (i: number) => agencies[pAgency[i]!]!.isolated;

  // 6. Forum attendance ------------------------------------------------------------------------------------------
  const attends: RelRow[] = [];
  const agencyKeyOf = (i: number) => agencies[pAgency[i]!]!.key;
  for (const f of forums) {
    const t = f.tpl;
    for (let i = 0; i < n; i++) {
      if (!active(i) || isolatedAgency(i)) continue;
      if (t.strategicOnly ? !pStrategic[i] : pStrategic[i] && t.kind !== 'board') continue;
      if (f.district >= 0 && pDistrict[i] !== f.district) continue;
      if (t.professions && !t.professions.includes(pProf[i]!)) continue;
      if (t.agencies && !t.agencies.includes(agencyKeyOf(i))) continue;
      const pinned = pinByIndex.get(i);
      const forced = pinned?.forums?.some((name) => name === t.name.replace('{district}', f.district >= 0 ? districts[f.district]!.name : AUTHORITY));
      if (pinned && !forced) continue;
      if (forced || rngForums.chance(t.share)) attends.push({ from: pId[i]!, to: f.id, properties: { since: knowsSince(rngForums) } });
    }
  }
  yield* rels('ATTENDS', 'Practitioner', 'Forum', attends);

  // Pools for collaborations and trails
  const byDistrict: number[][] = districts.map(() => []);
  const byAgency: number[][] = agencies.map(() => []);
  const leads: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!active(i) || pStrategic[i] || pinByIndex.has(i)) continue;
    byAgency[pAgency[i]!]!.push(i);
    if (isolatedAgency(i)) {
      leads.push(i);
      continue;
    }
    if (pDistrict[i]! >= 0) {
      byDistrict[pDistrict[i]!]!.push(i);
      leads.push(i);
    }
  }
  const brokers = rngCollab.sample(leads.filter((i) => !isolatedAgency(i)), Math.max(3, Math.round(leads.length * 0.01)));
  if (!leads.length || !brokers.length) throw new Error('scale too small: no practitioners to collaborate');

  // 7. KNOWS trails ----------------------------------------------------------------------------------------------
  const knows: RelRow[] = [];
  for (const i of leads) {
    if (isolatedAgency(i) || !rngKnows.chance(0.3)) continue;
    const pool = rngKnows.chance(0.5) ? byAgency[pAgency[i]!]! : byDistrict[pDistrict[i]!]!;
    const j = pool.length ? rngKnows.pick(pool) : i;
    if (j !== i && !isolatedAgency(j)) knows.push({ from: pId[i]!, to: pId[j]!, properties: { since: knowsSince(rngKnows), source: 'seed' } });
  }
  yield* rels('KNOWS', 'Practitioner', 'Practitioner', knows);

  // 8. Collaborations ------------------------------------------------------------------------------------------------
  const total = n * COLLABORATIONS_PER_PRACTITIONER;
  let made = 0;
  let collabNodes: NodeRow[] = [];
  let participated: RelRow[] = [];
  let addressed: RelRow[] = [];
  let inRows: RelRow[] = [];
  function* flush(): Generator<SeedBatch> {
    if (!collabNodes.length) return;
    yield { kind: 'nodes', label: 'Collaboration', rows: collabNodes };
    yield* rels('PARTICIPATED_IN', 'Practitioner', 'Collaboration', participated);
    yield* rels('ADDRESSED', 'Collaboration', 'Need', addressed);
    yield* rels('IN', 'Collaboration', 'Locality', inRows);
    collabNodes = [];
    participated = [];
    addressed = [];
    inRows = [];
  }
  const r = rngCollab;
  const addCollab = (people: number[], needIdx: number[], localityId: string, startMs: number, durationDays: number) => {
    const id = seedId('Collaboration', `c${made}`);
    const endMs = startMs + durationDays * DAY;
    const ongoing = endMs > asOfMs - 7 * DAY;
    const outcome = ongoing ? 'ongoing' : r.chance(0.55) ? 'helped' : r.chance(0.67) ? 'partly' : 'not-helped';
    const row: NodeRow = {
      id,
      startedOn: isoDate(startMs),
      endedOn: ongoing ? null : isoDate(endMs),
      summary: makeSummary(r, needIdx.map((x) => needRows[x]![0])),
      outcome,
      source: 'seed',
      createdAt: iso(startMs + 10 * 3600_000),
      updatedAt: iso((ongoing ? startMs : endMs) + 15 * 3600_000),
    };
    validate('Collaboration', row);
    collabNodes.push(row);
    people.forEach((p, k) => participated.push({ from: pId[p]!, to: id, properties: { role: k === 0 ? 'lead' : r.chance(0.8) ? 'contributor' : 'consulted' } }));
    for (const x of needIdx) addressed.push({ from: id, to: seedId('Need', needRows[x]![0]), properties: {} });
    inRows.push({ from: id, to: localityId, properties: {} });
    made++;
  };

  // Scripted story collaborations (demo-facts): see story.ts
  for (const s of storyCollaborations()) {
    if (!s.people.every((name) => pinIndex.has(name))) continue; // small scales
    const people = s.people.map((name) => pinIndex.get(name)!);
    const lead = people[0]!;
    const d = pDistrict[lead]!;
    const localityId = pWard[lead]! >= 0 ? districts[d]!.wardIds[pWard[lead]!]! : districts[d]!.id;
    addCollab(people, s.needs.map((nm) => needRows.findIndex((x) => x[0] === nm)), localityId, Date.parse(`${s.startedOn}T00:00:00Z`), s.days);
  }
  while (made < total) {
    const lead = leads[r.int(0, leads.length - 1)]!;
    const size = r.chance(0.45) ? 2 : r.chance(0.64) ? 3 : r.chance(0.75) ? 4 : 5;
    const people = [lead];
    const agencyPool = byAgency[pAgency[lead]!]!;
    const d = pDistrict[lead]!;
    for (let tries = 0; people.length < size && tries < size * 4; tries++) {
      let cand: number;
      if (isolatedAgency(lead)) cand = r.pick(agencyPool);
      else if (agencyPool.length > 1 && r.chance(0.7)) cand = r.pick(agencyPool);
      else if (r.chance(0.06)) cand = r.pick(brokers);
      else cand = d >= 0 && byDistrict[d]!.length ? r.pick(byDistrict[d]!) : r.pick(leads);
      if (!people.includes(cand) && (isolatedAgency(lead) || !isolatedAgency(cand))) people.push(cand);
    }
    if (people.length < 2) continue;
    const dd = d >= 0 ? d : r.int(0, districts.length - 1);
    const localityId = pWard[lead]! >= 0 ? districts[dd]!.wardIds[pWard[lead]!]! : districts[dd]!.wardIds[r.int(0, districts[dd]!.wardIds.length - 1)]!;
    const banned = gapNeedsByDistrictTemplate.get(districts[dd]!.template);
    const candidates: number[] = [];
    for (const s of pSpecs[lead]!) for (const x of needIndexBySpec.get(specNames[s]!) ?? []) candidates.push(x);
    const needsChosen: number[] = [];
    const want = r.chance(0.6) ? 1 : 2;
    for (let tries = 0; needsChosen.length < want && tries < 8; tries++) {
      const x = candidates.length && (needsChosen.length === 0 || r.chance(0.5)) ? r.pick(candidates) : r.int(0, needRows.length - 1);
      if (!needsChosen.includes(x) && !banned?.has(x)) needsChosen.push(x);
    }
    if (!needsChosen.length) continue;
    const start = asOfMs - r.int(0, YEARS * 365) * DAY;
    addCollab(people, needsChosen, localityId, start, r.int(30, 270));
    if (collabNodes.length >= B) yield* flush();
  }
  yield* flush();
}

