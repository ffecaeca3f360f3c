import type { Candidate, SessionUser, TeamRequest, TeamResponse } from '@knotwork/graph-schema';
import { selectTeam } from '../../graph/team.js';
import { explainTie } from '../../graph/tie-strength.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { asOfDate, pairKey } from '../graph/ties.repository.js';
import { LocalityTree } from './locality-tree.js';
import type { HolderRow, NeedRow, NeedSpecialisms, TeamOps, TeamRepository } from './team.repository.js';

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

  const specialisms = await repo.needSpecialisms(request.needs);
  const rows = await repo.holders(specialisms, request.age, allowed, request.asOf, 200);
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

  const uncoveredNeeds = solution.uncovered.map((id) => needs.find((n) => n.id === id)!);
  const uncovered = await nearestOutside(repo, tree, request, uncoveredNeeds, specialisms, new Set(allowed));
  return {
    candidatesByNeed,
    team: { members, ties: teamTies, cohesion: pairs ? round(sum / pairs) : 0 },
    uncovered,
  };
}

const OUTSIDE_PER_BAND = 300;

/**
 * For each need nobody in the area covers, the nearest holder outside it: holders serving the localities nearest
 * the child's (by steps through the locality tree) are read one distance at a time, so the answer is the nearest
 * however many hold the specialism elsewhere. Among holders at the same distance, the best match and level wins.
 * A need held only by practitioners serving no related locality gets the best of those, with their first place;
 * a need nobody of the child's age holds anywhere is answered without reading any locality.
 */
async function nearestOutside(
  repo: TeamOps,
  tree: LocalityTree,
  request: TeamRequest,
  needs: readonly NeedRow[],
  specialisms: NeedSpecialisms,
  area: ReadonlySet<string>,
): Promise<TeamResponse['uncovered']> {
  const found = new Map<string, { row: HolderRow; locality: string | null }>();
  const strength = (row: HolderRow) => row.match * (LEVEL[row.level] ?? 0.85);
  const pickBest = (rows: HolderRow[], localityOf: (row: HolderRow) => string | null) => {
    for (const row of rows) {
      const current = found.get(row.needId);
      if (!current || strength(row) > strength(current.row)) found.set(row.needId, { row, locality: localityOf(row) });
    }
  };
  const ofNeeds = (ids: readonly string[]) => specialismsOf(specialisms, ids);
  const held = await repo.heldSpecialisms([...ofNeeds(needs.map((n) => n.id)).keys()], request.age, request.asOf);
  let open = needs.map((n) => n.id).filter((id) => [...ofNeeds([id]).keys()].some((s) => held.has(s)));
  for (const band of tree.bandsAround(request.locality, area)) {
    if (open.length === 0) break;
    const inBand = new Set(band);
    pickBest(await repo.holders(ofNeeds(open), request.age, band, request.asOf, OUTSIDE_PER_BAND), (row) =>
      row.served.find((l) => inBand.has(l)) ?? null,
    );
    open = open.filter((id) => !found.has(id));
  }
  if (open.length > 0) {
    pickBest(await repo.holders(ofNeeds(open), request.age, null, request.asOf, OUTSIDE_PER_BAND), (row) => row.served[0] ?? null);
  }
  return needs.map((need) => {
    const nearest = found.get(need.id);
    return {
      need: { id: need.id, name: need.name },
      nearestOutside: nearest
        ? {
            practitionerId: nearest.row.practitionerId,
            name: nearest.row.name,
            localityName: nearest.locality ? tree.name(nearest.locality) : null,
          }
        : null,
    };
  });
}

/** The part of `specialisms` that addresses the given needs. */
function specialismsOf(specialisms: NeedSpecialisms, needIds: readonly string[]): NeedSpecialisms {
  const wanted = new Set(needIds);
  const out: NeedSpecialisms = new Map();
  for (const [id, list] of specialisms) {
    const kept = list.filter((e) => wanted.has(e.needId));
    if (kept.length) out.set(id, kept);
  }
  return out;
}
