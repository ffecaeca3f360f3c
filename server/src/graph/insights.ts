import { CompactGraph } from './compact-graph.js';
import { betweenness, cutStructure, eiIndex, structuralHoles } from './structure.js';
import { collaborationDecay, combineComponents, componentsFromSummary, explainTie, type TieEvidence } from './tie-strength.js';

/**
 * Coordinator insights computed from one bulk snapshot of the directory (see graph-schema payloads/insights.ts for
 * definitions). Pure: the repository loads `InsightsData`, `InsightsSnapshot` computes each insight lazily once.
 */

export interface InsightsData {
  asOf: string;
  localities: Array<{ id: string; name: string; kind: string; parents: string[] }>;
  /** ageMin/ageMax: the served age range as stored; null or absent = open-ended on that side (no range: any age). */
  agencies: Array<{
    id: string;
    name: string;
    sector: string;
    offers: string[];
    serves: string[];
    ageMin?: number | null;
    ageMax?: number | null;
  }>;
  practitioners: Array<{
    id: string;
    name: string;
    profession: string;
    level: string;
    ageMin?: number | null;
    ageMax?: number | null;
    agencies: string[];
    served: string[];
    forums: string[];
    specialisms: string[];
  }>;
  specialisms: Array<{ id: string; name: string; broader: string[] }>;
  needs: Array<{ id: string; name: string; domain: string; addressedBy: string[] }>;
  forums: Array<{ id: string; name: string; kind: string; meetsIn: string[] }>;
  /** Collaborations started by asOf with ≥ 2 participants; `date` as in ties.repository collaborationDate. */
  collaborations: Array<{ date: string; participants: string[] }>;
  knows: Array<[string, string]>;
}

type P = InsightsData['practitioners'][number];
type Ref = { id: string; name: string };

/**
 * Whether a served age range includes `age` (whole years). A missing bound is open-ended, so a practitioner or
 * agency without a range serves any age; `age` null (not asked) matches everyone.
 */
export function servesAge(range: { ageMin?: number | null; ageMax?: number | null }, age: number | null): boolean {
  if (age === null) return true;
  return (range.ageMin ?? -Infinity) <= age && age <= (range.ageMax ?? Infinity);
}

export class InsightsSnapshot {
  readonly computedAt = new Date().toISOString();
  readonly asOfDate: Date;
  private readonly loc: Map<string, InsightsData['localities'][number]>;
  private readonly agencyById: Map<string, InsightsData['agencies'][number]>;
  private readonly forumById: Map<string, InsightsData['forums'][number]>;
  readonly people: P[];
  private readonly personById: Map<string, P>;
  /** Localities shown (the scope and everything within it, or all). */
  readonly localities: InsightsData['localities'];
  private memo = new Map<string, unknown>();

  constructor(
    readonly data: InsightsData,
    readonly scope: string | null = null,
  ) {
    this.asOfDate = new Date(`${data.asOf}T23:59:59.999Z`);
    this.loc = new Map(data.localities.map((l) => [l.id, l]));
    this.agencyById = new Map(data.agencies.map((a) => [a.id, a]));
    this.forumById = new Map(data.forums.map((f) => [f.id, f]));
    if (scope) {
      const inScope = new Set([scope, ...this.descendants(scope)]);
      const reach = new Set([...inScope, ...this.ancestors(scope)]);
      this.localities = data.localities.filter((l) => inScope.has(l.id));
      this.people = data.practitioners.filter((p) => p.served.some((l) => reach.has(l)));
    } else {
      this.localities = data.localities;
      this.people = data.practitioners;
    }
    this.personById = new Map(this.people.map((p) => [p.id, p]));
  }

  private once<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as T;
  }

  /**
   * Computes every insight now (a background refresh does this before the snapshot replaces the old one), and the
   * coverage for each of `ages` (those the replaced snapshot had been asked for).
   */
  warm(ages: readonly number[] = []): void {
    this.coverage();
    for (const age of ages) this.coverage(age);
    this.singlePoints(1);
    this.brokers(1);
    this.isolates();
    this.agencyMatrix();
    this.forumReach();
    this.verticalLinks();
  }

  // Locality tree -------------------------------------------------------------------------------------------
  ancestors(id: string): string[] {
    const out: string[] = [];
    const queue = [...(this.loc.get(id)?.parents ?? [])];
    while (queue.length > 0 && out.length < 100) {
      const x = queue.shift()!;
      if (out.includes(x)) continue;
      out.push(x);
      queue.push(...(this.loc.get(x)?.parents ?? []));
    }
    return out;
  }
  private childrenIndex() {
    return this.once('children', () => {
      const m = new Map<string, string[]>();
      for (const l of this.data.localities) for (const p of l.parents) m.set(p, [...(m.get(p) ?? []), l.id]);
      return m;
    });
  }
  descendants(id: string): string[] {
    const kids = this.childrenIndex();
    const out: string[] = [];
    const queue = [...(kids.get(id) ?? [])];
    while (queue.length > 0) {
      const x = queue.shift()!;
      if (out.includes(x) || x === id) continue;
      out.push(x);
      queue.push(...(kids.get(x) ?? []));
    }
    return out;
  }
  /** Localities a practitioner (or agency) serving `served` covers: those, their parts and wider areas. */
  private coverOf(served: readonly string[]): Set<string> {
    const cache = this.once('cover', () => new Map<string, string[]>());
    const out = new Set<string>();
    for (const l of served) {
      let c = cache.get(l);
      if (!c) {
        c = [l, ...this.ancestors(l), ...this.descendants(l)];
        cache.set(l, c);
      }
      for (const x of c) out.add(x);
    }
    return out;
  }
  /** Localities a practitioner belongs to for per-locality statistics: those served and every wider area. */
  private belongsTo(p: P): Set<string> {
    const cache = this.once('belongs', () => new Map<string, Set<string>>());
    const hit = cache.get(p.id);
    if (hit) return hit;
    const out = new Set<string>();
    cache.set(p.id, out);
    for (const l of p.served) {
      out.add(l);
      for (const a of this.ancestors(l)) out.add(a);
    }
    return out;
  }

  // References ----------------------------------------------------------------------------------------------
  primaryAgency(p: P): string | null {
    return [...p.agencies].sort()[0] ?? null;
  }
  personRef(id: string) {
    const p = this.personById.get(id)!;
    const a = this.primaryAgency(p);
    return { id: p.id, name: p.name, profession: p.profession, agencyName: a ? (this.agencyById.get(a)?.name ?? null) : null };
  }
  locRef(id: string): Ref {
    return { id, name: this.loc.get(id)?.name ?? id };
  }

  // Tie graph -----------------------------------------------------------------------------------------------
  /**
   * Practitioners (in `people` order) tied by shared collaboration or KNOWS; edge weights are tie strengths
   * (graph/tie-strength.ts: shared forums and same agency raise a trail's strength but make no tie on their own).
   * Built with numeric pair keys and typed arrays: ~3M ties at benchmark scale.
   */
  tieGraph(): CompactGraph {
    return this.once('tieGraph', () => {
      const n = this.people.length;
      const index = new Map(this.people.map((p, i) => [p.id, i]));
      // Pair occurrences bucketed by their smaller end (counting pass, then filling pass), then merged per bucket:
      // no map of millions of pair keys.
      const groups: Int32Array[] = [];
      const groupDecay: number[] = [];
      const decayOf = new Map<string, number>();
      const count = new Int32Array(n + 1);
      for (const c of this.data.collaborations) {
        const ps = [...new Set(c.participants.map((id) => index.get(id)).filter((i): i is number => i !== undefined))];
        if (ps.length < 2) continue;
        ps.sort((a, b) => a - b);
        let d = decayOf.get(c.date);
        if (d === undefined) {
          d = collaborationDecay(c.date, this.asOfDate);
          decayOf.set(c.date, d);
        }
        const g = Int32Array.from(ps);
        groups.push(g);
        groupDecay.push(d);
        for (let a = 0; a < g.length - 1; a++) count[g[a]! + 1]! += g.length - 1 - a;
      }
      const knowsPairs: Array<[number, number]> = [];
      for (const [a, b] of this.data.knows) {
        const i = index.get(a);
        const j = index.get(b);
        if (i === undefined || j === undefined || i === j) continue;
        knowsPairs.push(i < j ? [i, j] : [j, i]);
        count[Math.min(i, j) + 1]!++;
      }
      for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
      const total = count[n]!;
      const other = new Int32Array(total);
      const decay = new Float64Array(total);
      const knowsFlag = new Uint8Array(total);
      const fill = count.slice(0, n);
      groups.forEach((g, k) => {
        for (let a = 0; a < g.length - 1; a++)
          for (let b = a + 1; b < g.length; b++) {
            const pos = fill[g[a]!]!++;
            other[pos] = g[b]!;
            decay[pos] = groupDecay[k]!;
          }
      });
      for (const [i, j] of knowsPairs) {
        const pos = fill[i]!++;
        other[pos] = j;
        knowsFlag[pos] = 1;
      }
      const forumsOf = this.people.map((p) => [...new Set(p.forums)]);
      const from: number[] = [];
      const to: number[] = [];
      const weight: number[] = [];
      const order: number[] = [];
      for (let i = 0; i < n; i++) {
        order.length = 0;
        for (let k = count[i]!; k < count[i + 1]!; k++) order.push(k);
        order.sort((x, y) => other[x]! - other[y]!);
        for (let k = 0; k < order.length; ) {
          const j = other[order[k]!]!;
          let decayed = 0;
          let knows = false;
          for (; k < order.length && other[order[k]!] === j; k++) {
            decayed += decay[order[k]!]!;
            knows ||= knowsFlag[order[k]!] === 1;
          }
          const pa = this.people[i]!;
          const pb = this.people[j]!;
          const fb = forumsOf[j]!;
          let sharedForums = 0;
          for (const f of forumsOf[i]!) if (fb.includes(f)) sharedForums++;
          from.push(i);
          to.push(j);
          weight.push(
            combineComponents(
              componentsFromSummary({
                decayedCollaborations: decayed,
                knows,
                sharedForums,
                sameAgency: pa.agencies.some((x) => pb.agencies.includes(x)),
              }),
            ),
          );
        }
      }
      return CompactGraph.fromIndexedEdges(
        this.people.map((p) => p.id),
        from,
        to,
        weight,
      );
    });
  }

  /** The evidence behind one tie, for its explanation in words (read from the snapshot; used for a few ties). */
  tieEvidence(a: string, b: string): TieEvidence {
    const byPerson = this.once('collaborationsByPerson', () => {
      const m = new Map<string, number[]>();
      this.data.collaborations.forEach((c, k) => {
        for (const id of new Set(c.participants)) {
          const list = m.get(id);
          if (list) list.push(k);
          else m.set(id, [k]);
        }
      });
      return m;
    });
    const mine = new Set(byPerson.get(a) ?? []);
    const collaborationDates = (byPerson.get(b) ?? []).filter((k) => mine.has(k)).map((k) => this.data.collaborations[k]!.date);
    const knows = this.data.knows.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    const pa = this.personById.get(a)!;
    const pb = this.personById.get(b)!;
    const sharedForums = [...new Set(pa.forums.filter((f) => pb.forums.includes(f)))].map((f) => this.forumById.get(f)?.name ?? f);
    const agency = pa.agencies.find((x) => pb.agencies.includes(x));
    return {
      collaborationDates,
      knows,
      sharedForums,
      sameAgency: agency ? (this.agencyById.get(agency)?.name ?? null) : null,
    };
  }

  // Coverage ------------------------------------------------------------------------------------------------
  /**
   * Specialisms that cover each need in the coverage matrix: those the need is ADDRESSED_BY, exactly. (Narrower
   * specialisms are not counted here: a 16–17 homelessness specialist does not make a district covered for
   * families facing eviction. Team candidates do score narrower and broader matches.)
   */
  private needSpecialisms(): Map<string, Set<string>> {
    return this.once('needSpecs', () => new Map(this.data.needs.map((n) => [n.id, new Set(n.addressedBy)])));
  }

  /**
   * Coverage for a child of `age` (null: any age): only practitioners and agencies whose served age range includes
   * it count. Memoised per age in this snapshot (the snapshot, its bulk load and locality indexes are shared by
   * every age; a few dozen ages at most).
   */
  coverage(age: number | null = null) {
    return this.once(`coverage:${age ?? 'any'}`, () => {
      const shown = new Set(this.localities.map((l) => l.id));
      const people = age === null ? this.people : this.people.filter((p) => servesAge(p, age));
      // Agencies whose own range leaves the age out count in no cell (neither through their staff nor their offers).
      const agencyOutOfAge = new Set(age === null ? [] : this.data.agencies.filter((a) => !servesAge(a, age)).map((a) => a.id));
      const needSpecs = this.needSpecialisms();
      const cells = [];
      const holders = new Map<string, string[]>(); // `${loc}|${need}` -> practitioner ids
      const agencies = new Map<string, Set<string>>();
      const needsBySpecialism = new Map<string, string[]>();
      for (const [needId, specs] of needSpecs)
        for (const s of specs) needsBySpecialism.set(s, [...(needsBySpecialism.get(s) ?? []), needId]);
      const needsOf = (specialisms: readonly string[]) => {
        const out = new Set<string>();
        for (const s of specialisms) for (const n of needsBySpecialism.get(s) ?? []) out.add(n);
        return out;
      };
      const agencySet = (key: string) => {
        let set = agencies.get(key);
        if (!set) {
          set = new Set();
          agencies.set(key, set);
        }
        return set;
      };
      // One pass over people (not needs × people): each person's needs from their specialisms, times the places
      // they cover.
      for (const p of people) {
        const needs = needsOf(p.specialisms);
        if (needs.size === 0) continue;
        const places = [...this.coverOf(p.served)].filter((l) => shown.has(l));
        for (const n of needs)
          for (const l of places) {
            const key = `${l}|${n}`;
            const list = holders.get(key);
            if (list) list.push(p.id);
            else holders.set(key, [p.id]);
            const set = agencySet(key);
            for (const a of p.agencies) if (!agencyOutOfAge.has(a)) set.add(a);
          }
      }
      for (const a of this.data.agencies) {
        if (agencyOutOfAge.has(a.id)) continue;
        const needs = needsOf(a.offers);
        if (needs.size === 0) continue;
        for (const l of this.coverOf(a.serves)) {
          if (!shown.has(l)) continue;
          for (const n of needs) agencySet(`${l}|${n}`).add(a.id);
        }
      }
      for (const l of this.localities)
        for (const n of this.data.needs) {
          const key = `${l.id}|${n.id}`;
          const count = holders.get(key)?.length ?? 0;
          cells.push({
            localityId: l.id,
            needId: n.id,
            practitioners: count,
            agencies: agencies.get(key)?.size ?? 0,
            flag: count === 0 ? ('none' as const) : count === 1 ? ('single' as const) : ('covered' as const),
          });
        }
      return { cells, holders };
    });
  }

  /** The ages (not null) whose coverage this snapshot has computed. */
  coverageAges(): number[] {
    return [...this.memo.keys()]
      .filter((k) => k.startsWith('coverage:') && k !== 'coverage:any')
      .map((k) => Number(k.slice('coverage:'.length)));
  }

  coverageResponse(age: number | null = null) {
    return {
      localities: this.localities.map((l) => ({ id: l.id, name: l.name, kind: l.kind, parentId: l.parents[0] ?? null })),
      needs: this.data.needs.map((n) => ({ id: n.id, name: n.name, domain: n.domain })),
      cells: this.coverage(age).cells,
    };
  }

  // Single points of failure --------------------------------------------------------------------------------
  /**
   * `age` (null: any age) applies to `needs` only — the single-flagged cells of `coverage(age)`; single-holder
   * specialisms, articulation points and bridges are for all ages.
   */
  singlePoints(limit: number, age: number | null = null) {
    const shown = new Set(this.localities.map((l) => l.id));
    const bySpec = new Map<string, string[]>();
    for (const p of this.people)
      for (const s of new Set(p.specialisms))
        for (const l of this.coverOf(p.served)) {
          if (!shown.has(l)) continue;
          const key = `${l}|${s}`;
          const list = bySpec.get(key);
          if (list) list.push(p.id);
          else bySpec.set(key, [p.id]);
        }
    const specName = new Map(this.data.specialisms.map((s) => [s.id, s.name]));
    const specialisms = [...bySpec.entries()]
      .filter(([, ps]) => ps.length === 1)
      .map(([key, ps]) => {
        const [l, s] = key.split('|') as [string, string];
        return { locality: this.locRef(l), specialism: { id: s, name: specName.get(s) ?? s }, holder: this.personRef(ps[0]!) };
      })
      .sort((a, b) => a.locality.name.localeCompare(b.locality.name) || a.specialism.name.localeCompare(b.specialism.name));
    const needName = new Map(this.data.needs.map((n) => [n.id, n.name]));
    const needs = [...this.coverage(age).holders.entries()]
      .filter(([, ps]) => ps.length === 1)
      .map(([key, ps]) => {
        const [l, n] = key.split('|') as [string, string];
        return { locality: this.locRef(l), need: { id: n, name: needName.get(n) ?? n }, holder: this.personRef(ps[0]!) };
      })
      .sort((a, b) => a.locality.name.localeCompare(b.locality.name) || a.need.name.localeCompare(b.need.name));
    const cuts = this.once('cuts', () => cutStructure(this.tieGraph()));
    const g = this.tieGraph();
    const cutOff = (sizes: number[]) => sizes.slice(1).reduce((a, b) => a + b, 0);
    const articulationPoints = cuts.articulationPoints
      .map((id) => ({ practitioner: this.personRef(id), splitSizes: cuts.splitSizes.get(id) ?? [] }))
      .sort((a, b) => cutOff(b.splitSizes) - cutOff(a.splitSizes) || a.practitioner.name.localeCompare(b.practitioner.name))
      .slice(0, limit);
    const bridges = cuts.bridges
      .map(([a, b]) => ({ a, b, strength: round(g.weight(g.indexOf(a)!, g.indexOf(b)!)) }))
      .sort((x, y) => y.strength - x.strength || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
      .slice(0, limit)
      .map(({ a, b, strength }) => ({
        a: this.personRef(a),
        b: this.personRef(b),
        strength,
        explanation: explainTie(this.tieEvidence(a, b), this.asOfDate),
      }))
      .sort((x, y) => y.strength - x.strength || x.a.name.localeCompare(y.a.name));
    return { specialisms, needs, articulationPoints, bridges };
  }

  // Brokers -------------------------------------------------------------------------------------------------
  brokers(limit: number) {
    const g = this.tieGraph();
    const bc = this.once('betweenness', () => betweenness(g));
    const ranked = [...bc.scores.entries()]
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit);
    return {
      method: bc.method,
      sources: bc.sources,
      brokers: ranked.map(([id, v]) => {
        const holes = structuralHoles(g, id);
        const i = g.indexOf(id)!;
        const agencies = new Set(Array.from(g.neighbours(i), (n) => this.people[n]!.agencies).flat());
        return {
          practitioner: this.personRef(id),
          betweenness: v,
          constraint: holes.constraint === null ? null : round(holes.constraint),
          effectiveSize: holes.effectiveSize === null ? null : round(holes.effectiveSize),
          ties: g.degree(i),
          agencies: agencies.size,
        };
      }),
    };
  }

  // Isolates and E–I ----------------------------------------------------------------------------------------
  isolates() {
    return this.once('isolates', () => {
      const g = this.tieGraph();
      const external = new Map<string, number>();
      for (const p of this.people) external.set(p.id, 0);
      const agencyE = new Map<string, { external: number; internal: number }>();
      const locE = new Map<string, { external: number; internal: number }>();
      const bump = (m: Map<string, { external: number; internal: number }>, k: string, cross: boolean) => {
        let cur = m.get(k);
        if (!cur) {
          cur = { external: 0, internal: 0 };
          m.set(k, cur);
        }
        if (cross) cur.external++;
        else cur.internal++;
      };
      const belongs = this.people.map((p) => [...this.belongsTo(p)]);
      g.forEachEdge((i, j) => {
        const pa = this.people[i]!;
        const pb = this.people[j]!;
        const cross = !pa.agencies.some((x) => pb.agencies.includes(x));
        if (cross) {
          external.set(pa.id, external.get(pa.id)! + 1);
          external.set(pb.id, external.get(pb.id)! + 1);
        }
        for (const ag of pa.agencies) bump(agencyE, ag, cross);
        for (const ag of pb.agencies) if (!pa.agencies.includes(ag)) bump(agencyE, ag, cross);
        const la = belongs[i]!;
        for (const l of la) bump(locE, l, cross);
        for (const l of belongs[j]!) if (!la.includes(l)) bump(locE, l, cross);
      });
      const practitioners = this.people
        .filter((p) => external.get(p.id) === 0)
        .map((p) => ({ ...this.personRef(p.id), ties: g.degree(g.indexOf(p.id)!) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const members = new Map<string, string[]>();
      for (const p of this.people)
        for (const a of p.agencies) {
          const list = members.get(a);
          if (list) list.push(p.id);
          else members.set(a, [p.id]);
        }
      const agencies = [...members.entries()]
        .filter(([, ps]) => ps.every((id) => external.get(id) === 0))
        .map(([id, ps]) => {
          const a = this.agencyById.get(id)!;
          return { id, name: a.name, sector: a.sector, members: ps.length };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      const eiByAgency = [...members.keys()]
        .map((id) => {
          const a = this.agencyById.get(id)!;
          const c = agencyE.get(id) ?? { external: 0, internal: 0 };
          return { id, name: a.name, sector: a.sector, ...c, ei: nullableRound(eiIndex(c.external, c.internal)) };
        })
        .sort((a, b) => (a.ei ?? -2) - (b.ei ?? -2) || a.name.localeCompare(b.name));
      const eiByLocality = this.localities
        .map((l) => {
          const c = locE.get(l.id) ?? { external: 0, internal: 0 };
          return { id: l.id, name: l.name, ...c, ei: nullableRound(eiIndex(c.external, c.internal)) };
        })
        .sort((a, b) => (a.ei ?? -2) - (b.ei ?? -2) || a.name.localeCompare(b.name));
      return { practitioners, agencies, eiByAgency, eiByLocality };
    });
  }

  // Agency × agency -----------------------------------------------------------------------------------------
  agencyMatrix() {
    return this.once('agencyMatrix', () => {
      // Agencies as numbers and pair keys as numbers: a million collaborations at benchmark scale.
      const agencyIds = this.data.agencies.map((a) => a.id).sort();
      const agencyIndex = new Map(agencyIds.map((id, i) => [id, i]));
      const A = agencyIds.length;
      const agenciesOf = new Map(this.people.map((p) => [p.id, p.agencies.map((a) => agencyIndex.get(a)).filter((i) => i !== undefined)]));
      const counted = new Map<number, number>();
      const seenIndexes = new Set<number>();
      const perAgency = new Map<number, number>();
      const met = new Set<string>();
      for (const c of this.data.collaborations) {
        perAgency.clear();
        met.clear();
        for (const pid of c.participants) {
          if (met.has(pid)) continue;
          met.add(pid);
          for (const a of agenciesOf.get(pid) ?? []) perAgency.set(a, (perAgency.get(a) ?? 0) + 1);
        }
        const ags = [...perAgency.keys()].sort((x, y) => x - y);
        for (let i = 0; i < ags.length; i++) {
          const ai = ags[i]!;
          seenIndexes.add(ai);
          if (perAgency.get(ai)! >= 2) counted.set(ai * A + ai, (counted.get(ai * A + ai) ?? 0) + 1);
          for (let j = i + 1; j < ags.length; j++) {
            const k = ai * A + ags[j]!;
            counted.set(k, (counted.get(k) ?? 0) + 1);
          }
        }
      }
      const seen = new Set([...seenIndexes].map((i) => agencyIds[i]!));
      const counts = new Map([...counted].map(([k, n]) => [`${agencyIds[Math.floor(k / A)]}|${agencyIds[k % A]}`, n]));
      for (const p of this.people) for (const a of p.agencies) seen.add(a);
      const agencies = [...seen]
        .map((id) => this.agencyById.get(id)!)
        .filter(Boolean)
        .map((a) => ({ id: a.id, name: a.name, sector: a.sector }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const cells = [...counts.entries()]
        .map(([k, n]) => {
          const [a, b] = k.split('|') as [string, string];
          return { a, b, collaborations: n };
        })
        .sort((x, y) => y.collaborations - x.collaborations);
      return { agencies, cells };
    });
  }

  // Forum reach ---------------------------------------------------------------------------------------------
  forumReach() {
    return this.once('forumReach', () => {
      const attendees = new Map<string, P[]>();
      for (const p of this.people)
        for (const f of p.forums) {
          const list = attendees.get(f);
          if (list) list.push(p);
          else attendees.set(f, [p]);
        }
      const shown = new Set(this.localities.map((l) => l.id));
      const forums = this.data.forums
        .filter((f) => attendees.has(f.id) || (this.scope ? f.meetsIn.some((l) => shown.has(l)) : true))
        .map((f) => {
          const ps = attendees.get(f.id) ?? [];
          const byAgency = new Map<string, number>();
          for (const p of ps) for (const a of p.agencies) byAgency.set(a, (byAgency.get(a) ?? 0) + 1);
          const agencies = [...byAgency.entries()]
            .map(([id, n]) => {
              const a = this.agencyById.get(id)!;
              return { id, name: a.name, sector: a.sector, attendees: n };
            })
            .sort((a, b) => b.attendees - a.attendees || a.name.localeCompare(b.name));
          const locs = new Set([...f.meetsIn, ...ps.flatMap((p) => p.served)]);
          return {
            id: f.id,
            name: f.name,
            kind: f.kind,
            attendees: ps.length,
            agencies,
            sectors: [...new Set(agencies.map((a) => a.sector))].sort(),
            localities: [...locs].map((l) => this.locRef(l)).sort((a, b) => a.name.localeCompare(b.name)),
            strategic: ps.filter((p) => p.level === 'strategic').length,
          };
        })
        .sort((a, b) => b.agencies.length - a.agencies.length || a.name.localeCompare(b.name));
      return { forums };
    });
  }

  // Vertical links ------------------------------------------------------------------------------------------
  verticalLinks() {
    return this.once('vertical', () => {
      const g = this.tieGraph();
      let vertical = 0;
      g.forEachEdge((i, j) => {
        if (this.people[i]!.level !== this.people[j]!.level) vertical++;
      });
      const strategicPeople = this.people.filter((p) => p.level === 'strategic');
      const strategic = strategicPeople
        .map((p) => {
          const ops = Array.from(g.neighbours(g.indexOf(p.id)!), (n) => this.people[n]!).filter((q) => q.level !== 'strategic');
          return {
            ...this.personRef(p.id),
            operationalTies: ops.length,
            agenciesReached: new Set(ops.flatMap((q) => q.agencies)).size,
          };
        })
        .sort((a, b) => a.operationalTies - b.operationalTies || a.name.localeCompare(b.name));
      const forums = this.forumReach()
        .forums.map((f) => ({ id: f.id, name: f.name, kind: f.kind, strategic: f.strategic, operational: f.attendees - f.strategic }))
        .filter((f) => f.strategic > 0 && f.operational > 0);
      return {
        totals: {
          strategic: strategicPeople.length,
          operational: this.people.length - strategicPeople.length,
          verticalTies: vertical,
          strategicWithoutOperationalTies: strategic.filter((s) => s.operationalTies === 0).length,
        },
        strategic,
        forums,
      };
    });
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const nullableRound = (x: number | null) => (x === null ? null : round(x));
