import type { Candidate, SessionUser, TeamRequest, TeamResponse } from '@knotwork/graph-schema';
import { selectTeam } from '../../graph/team.js';
import { explainTie } from '../../graph/tie-strength.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { asOfDate, pairKey } from '../graph/ties.repository.js';
import type { HolderRow, LocalityRow, TeamOps, TeamRepository } from './team.repository.js';

/**
 * Candidate score = Σ weight × component, each component in [0, 1] (the breakdown the API returns):
 *   specialism  match (1 exact, 0.9 narrower, 0.6 broader) × level (lead 1, practitioner 0.85, aware 0.5)
 *               × the need's ADDRESSED_BY strength
 *   locality    1 serves the locality, 0.9 a place within it, 0.8 a wider area containing it
 *   age         1 (only practitioners whose age range includes the child's age are candidates)
 *   capacity    open 1, limited 0.6, closed 0.2
 *   freshness   profile verified ≤ 6 months ago 1, falling linearly to 0.2 at 2 years; never verified 0.2
 *   closeness   tie strength to the requester, or the best two-step chain through one of their ties
 */
export const SCORE_WEIGHTS = {
  specialism: 0.35,
  locality: 0.15,
  age: 0.1,
  capacity: 0.15,
  freshness: 0.1,
  closeness: 0.15,
};
export const CANDIDATES_SHOWN = 10;
/** Candidates per need the team search chooses from. */
export const TEAM_POOL = 6;
const PRE_RANK = 30;

const LEVEL = { lead: 1, practitioner: 0.85, aware: 0.5 } as Record<string, number>;
const LEVEL_WORDS = { lead: 'leads on', practitioner: 'practises', aware: 'is aware of' } as Record<string, string>;
const CAPACITY = { open: 1, limited: 0.6, closed: 0.2 } as Record<string, number>;
const CAPACITY_WORDS = {
  open: 'taking new work',
  limited: 'limited capacity',
  closed: 'not taking new work',
} as Record<string, string>;
const DAY = 86_400_000;

export class LocalityTree {
  readonly byId: Map<string, LocalityRow>;
  constructor(rows: LocalityRow[]) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }
  /** [self, parent, grandparent, …] (first parent path; cycles guarded). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let cur: string | undefined = id;
    while (cur && !out.includes(cur) && out.length < 20) {
      out.push(cur);
      cur = this.byId.get(cur)?.parents[0];
    }
    return out;
  }
  descendants(id: string): string[] {
    const out: string[] = [];
    for (const r of this.byId.values()) if (r.id !== id && this.ancestors(r.id).includes(id)) out.push(r.id);
    return out;
  }
  /** Steps through the tree between two localities (via their nearest common ancestor); Infinity if unrelated. */
  distance(a: string, b: string): number {
    const aa = this.ancestors(a);
    const bb = this.ancestors(b);
    let best = Infinity;
    aa.forEach((x, i) => {
      const j = bb.indexOf(x);
      if (j >= 0) best = Math.min(best, i + j);
    });
    return best;
  }
  name(id: string) {
    return this.byId.get(id)?.name ?? null;
  }
}

export function freshness(lastVerifiedAt: string | null, now: Date): number {
  if (!lastVerifiedAt) return 0.2;
  const days = (now.getTime() - Date.parse(lastVerifiedAt)) / DAY;
  if (days <= 182) return 1;
  if (days >= 730) return 0.2;
  return 1 - (0.8 * (days - 182)) / (730 - 182);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function createTeamService(repo: TeamRepository) {
  return {
    suggest(request: TeamRequest, user: SessionUser | null): Promise<TeamResponse> {
      return repo.read((ops) => suggestWith(ops, request, user));
    },
  };
}

async function suggestWith(repo: TeamOps, request: TeamRequest, user: SessionUser | null): Promise<TeamResponse> {
  const needs = await repo.needs(request.needs);
  const missing = request.needs.filter((id) => !needs.some((n) => n.id === id));
  if (missing.length > 0) throw new BadRequestError(`Unknown need: ${missing.join(', ')}`, { needs: missing });
  const tree = new LocalityTree(await repo.localities());
  if (!tree.byId.has(request.locality)) throw new NotFoundError('Locality', request.locality);
  const requester = request.requester ?? user?.practitionerId ?? null;
  const now = asOfDate(request.asOf);

  const within = tree.descendants(request.locality);
  const above = tree.ancestors(request.locality).slice(1);
  const allowed = [request.locality, ...within, ...above];
  const localityScore = (served: string[]): { score: number; via: string | null } => {
    if (served.includes(request.locality)) return { score: 1, via: request.locality };
    const w = served.find((l) => within.includes(l));
    if (w) return { score: 0.9, via: w };
    const a = served.find((l) => above.includes(l));
    if (a) return { score: 0.8, via: a };
    return { score: 0, via: null };
  };

  const rows = await repo.holders(request.needs, request.age, allowed, request.asOf, 200);
  // Best row per (need, practitioner).
  const best = new Map<string, { row: HolderRow; spec: number }>();
  for (const row of rows) {
    const spec = row.match * (LEVEL[row.level] ?? 0.85) * Math.min(1, Math.max(0, row.addressedBy));
    const key = `${row.needId}|${row.practitionerId}`;
    if (!best.has(key) || best.get(key)!.spec < spec) best.set(key, { row, spec });
  }
  type Pre = { row: HolderRow; spec: number; loc: { score: number; via: string | null }; base: number };
  const perNeed = new Map<string, Pre[]>();
  for (const { row, spec } of best.values()) {
    const loc = localityScore(row.served);
    const base =
      SCORE_WEIGHTS.specialism * spec +
      SCORE_WEIGHTS.locality * loc.score +
      SCORE_WEIGHTS.age +
      SCORE_WEIGHTS.capacity * (CAPACITY[row.capacity] ?? 0.6) +
      SCORE_WEIGHTS.freshness * freshness(row.lastVerifiedAt, now);
    const list = perNeed.get(row.needId) ?? [];
    list.push({ row, spec, loc, base });
    perNeed.set(row.needId, list);
  }
  for (const list of perNeed.values()) {
    list.sort((a, b) => b.base - a.base || (a.row.practitionerId < b.row.practitionerId ? -1 : 1));
    list.splice(PRE_RANK);
  }
  const candidateIds = [...new Set([...perNeed.values()].flat().map((p) => p.row.practitionerId))];
  const ties = await repo.teamTies(requester, candidateIds, request.asOf);
  const tie = (a: string, b: string) => ties.ties.get(pairKey(a, b))?.strength ?? 0;
  const closeness = (id: string): { value: number; via: string | null } => {
    if (!requester) return { value: 0, via: null };
    if (id === requester) return { value: 1, via: null };
    let value = tie(requester, id);
    let via: string | null = null;
    for (const t of ties.ties.values()) {
      const n = t.a === requester ? t.b : t.b === requester ? t.a : null;
      if (!n || n === id) continue;
      const chain = t.strength * tie(n, id);
      if (chain > value) {
        value = chain;
        via = n;
      }
    }
    return { value, via };
  };

  const evidence = await repo.needEvidence(
    [...perNeed.entries()].flatMap(([needId, list]) =>
      list.map((p) => ({ practitionerId: p.row.practitionerId, needId })),
    ),
    request.asOf,
  );

  const candidatesByNeed: TeamResponse['candidatesByNeed'] = [];
  const scored = new Map<string, Candidate[]>();
  for (const need of request.needs.map((id) => needs.find((n) => n.id === id)!)) {
    const list = (perNeed.get(need.id) ?? []).map((p): Candidate => {
      const close = closeness(p.row.practitionerId);
      const breakdown = {
        specialism: round(p.spec),
        locality: round(p.loc.score),
        age: 1,
        capacity: CAPACITY[p.row.capacity] ?? 0.6,
        freshness: round(freshness(p.row.lastVerifiedAt, now)),
        closeness: round(close.value),
      };
      const score = round(p.base + SCORE_WEIGHTS.closeness * close.value);
      const ev = evidence.get(`${p.row.practitionerId}|${need.id}`) ?? { collaborations: 0, lastOn: null };
      const reasons = [
        `${LEVEL_WORDS[p.row.level] ?? 'practises'} ${p.row.specialismName}${p.row.match < 1 ? (p.row.match >= 0.9 ? ' (a narrower specialism)' : ' (a broader specialism)') : ''}`,
        p.loc.via === request.locality
          ? `serves ${tree.name(request.locality)}`
          : p.loc.score === 0.9
            ? `serves ${tree.name(p.loc.via!)}, within ${tree.name(request.locality)}`
            : `serves ${tree.name(p.loc.via!)}, which includes ${tree.name(request.locality)}`,
        CAPACITY_WORDS[p.row.capacity] ?? p.row.capacity,
      ];
      if (ev.collaborations > 0)
        reasons.push(`${ev.collaborations} recorded piece${ev.collaborations > 1 ? 's' : ''} of work on this need`);
      if (requester && close.value > 0) {
        const direct = ties.ties.get(pairKey(requester, p.row.practitionerId));
        reasons.push(
          close.via === null && direct
            ? `tie to you: ${explainTie(direct.evidence, now, true)}`
            : `known to ${ties.names.get(close.via!) ?? 'a colleague'}, whom you know`,
        );
      }
      return {
        practitioner: {
          id: p.row.practitionerId,
          name: p.row.name,
          profession: p.row.profession,
          agencyName: p.row.agencyName ?? null,
          capacity: p.row.capacity,
          lastVerifiedAt: p.row.lastVerifiedAt ?? null,
        },
        score,
        breakdown,
        reasons,
        evidence: ev,
      };
    });
    list.sort((a, b) => b.score - a.score || (a.practitioner.id < b.practitioner.id ? -1 : 1));
    scored.set(need.id, list);
    candidatesByNeed.push({ need, candidates: list.slice(0, CANDIDATES_SHOWN) });
  }

  // Team: weighted set cover over the best few candidates per need.
  const pool = new Map<string, Map<string, number>>();
  for (const [needId, list] of scored)
    for (const c of list.slice(0, TEAM_POOL)) {
      const m = pool.get(c.practitioner.id) ?? new Map<string, number>();
      m.set(needId, c.score);
      pool.set(c.practitioner.id, m);
    }
  const solution = selectTeam({
    needs: request.needs,
    candidates: [...pool.entries()].map(([id, scores]) => ({ id, scores })),
    tie,
  });
  const nameOf = (id: string) =>
    [...scored.values()].flat().find((c) => c.practitioner.id === id)?.practitioner.name ?? ties.names.get(id) ?? id;
  const members = solution.members.map((id) => ({
    practitionerId: id,
    name: nameOf(id),
    covers: request.needs.filter((n) => solution.assignment.get(n) === id),
  }));
  const teamTies: TeamResponse['team']['ties'] = [];
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < solution.members.length; i++)
    for (let j = i + 1; j < solution.members.length; j++) {
      const s = tie(solution.members[i]!, solution.members[j]!);
      pairs++;
      sum += s;
      if (s > 0) teamTies.push({ a: solution.members[i]!, b: solution.members[j]!, strength: round(s) });
    }

  // Uncovered needs: the nearest provider outside the locality.
  const uncovered: TeamResponse['uncovered'] = [];
  const uncoveredIds = solution.uncovered;
  const outside = uncoveredIds.length ? await repo.holders(uncoveredIds, request.age, null, request.asOf, 300) : [];
  for (const needId of uncoveredIds) {
    const need = needs.find((n) => n.id === needId)!;
    let nearest: { row: HolderRow; distance: number; locality: string | null } | null = null;
    for (const row of outside.filter((r) => r.needId === needId)) {
      for (const l of row.served.length ? row.served : [null]) {
        const d = l ? tree.distance(request.locality, l) : Infinity;
        const better =
          !nearest ||
          d < nearest.distance ||
          (d === nearest.distance &&
            row.match * (LEVEL[row.level] ?? 0.85) > nearest.row.match * (LEVEL[nearest.row.level] ?? 0.85));
        if (better) nearest = { row, distance: d, locality: l };
      }
    }
    uncovered.push({
      need: { id: need.id, name: need.name },
      nearestOutside: nearest
        ? {
            practitionerId: nearest.row.practitionerId,
            name: nearest.row.name,
            localityName: nearest.locality ? tree.name(nearest.locality) : null,
          }
        : null,
    });
  }

  return {
    candidatesByNeed,
    team: { members, ties: teamTies, cohesion: pairs ? round(sum / pairs) : 0 },
    uncovered,
  };
}
