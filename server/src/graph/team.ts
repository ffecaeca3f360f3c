/**
 * Team around the child: choose few practitioners who together cover every coverable need, preferring people
 * with strong ties among them (knotworking — people who have worked together form a team faster).
 *
 * Objective, compared lexicographically:
 *   1. fewer members;
 *   2. higher value = Σ over needs of the best score among members who can cover it
 *                    + COHESION_WEIGHT · Σ over member pairs of their tie strength.
 * This is a weighted set cover (NP-hard in general). `selectTeam` runs a branch-and-bound search that is exact
 * within a node budget (always, at the sizes the API allows: ≤ 12 needs, ≤ `candidatesPerNeed` each) and falls
 * back to the best cover found so far — at worst the greedy cover it starts from — when the budget runs out.
 * `exactTeam` is a brute-force reference used by the tests.
 */

export const COHESION_WEIGHT = 0.5;

export interface TeamCandidate {
  id: string;
  /** Score (0..1) per need this candidate can cover. */
  scores: ReadonlyMap<string, number>;
}

export interface TeamProblem {
  needs: readonly string[];
  candidates: readonly TeamCandidate[];
  /** Tie strength between two candidates (symmetric, 0 when none). */
  tie: (a: string, b: string) => number;
}

export interface TeamSolution {
  members: string[];
  /** need id -> member chosen to cover it */
  assignment: Map<string, string>;
  uncovered: string[];
  value: number;
  exact: boolean;
}

export function teamValue(problem: TeamProblem, members: readonly string[]): { value: number; covered: Set<string> } {
  const byId = new Map(problem.candidates.map((c) => [c.id, c]));
  const covered = new Set<string>();
  let value = 0;
  for (const need of problem.needs) {
    let best = -1;
    for (const m of members) {
      const s = byId.get(m)?.scores.get(need);
      if (s !== undefined && s > best) best = s;
    }
    if (best >= 0) {
      covered.add(need);
      value += best;
    }
  }
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) value += COHESION_WEIGHT * problem.tie(members[i]!, members[j]!);
  }
  return { value, covered };
}

function coverable(problem: TeamProblem): string[] {
  return problem.needs.filter((n) => problem.candidates.some((c) => c.scores.has(n)));
}

function better(size: number, value: number, bestSize: number, bestValue: number): boolean {
  return size < bestSize || (size === bestSize && value > bestValue + 1e-12);
}

function finish(problem: TeamProblem, members: string[], exact: boolean): TeamSolution {
  const byId = new Map(problem.candidates.map((c) => [c.id, c]));
  const assignment = new Map<string, string>();
  for (const need of problem.needs) {
    let bestId: string | null = null;
    let best = -1;
    for (const m of members) {
      const s = byId.get(m)!.scores.get(need);
      if (s !== undefined && s > best) {
        best = s;
        bestId = m;
      }
    }
    if (bestId) assignment.set(need, bestId);
  }
  return {
    members,
    assignment,
    uncovered: problem.needs.filter((n) => !assignment.has(n)),
    value: teamValue(problem, members).value,
    exact,
  };
}

/** Greedy cover: each step adds the candidate covering most uncovered needs, ties broken by value gained. */
export function greedyTeam(problem: TeamProblem): string[] {
  const target = new Set(coverable(problem));
  const members: string[] = [];
  const covered = new Set<string>();
  while ([...target].some((n) => !covered.has(n))) {
    let best: TeamCandidate | null = null;
    let bestGain = 0;
    let bestValue = -Infinity;
    for (const c of problem.candidates) {
      if (members.includes(c.id)) continue;
      const gain = [...c.scores.keys()].filter((n) => target.has(n) && !covered.has(n)).length;
      if (gain === 0) continue;
      const value = teamValue(problem, [...members, c.id]).value;
      if (gain > bestGain || (gain === bestGain && value > bestValue)) {
        best = c;
        bestGain = gain;
        bestValue = value;
      }
    }
    if (!best) break;
    members.push(best.id);
    for (const n of best.scores.keys()) covered.add(n);
  }
  return members;
}

/**
 * Branch and bound: take the uncovered need with the fewest candidates, branch on who covers it (best score first).
 * A branch is cut when it cannot reach a smaller team, or an equal-size team with more value (the value bound adds
 * the best possible score for each uncovered need and the strongest possible ties for the members still to come).
 */
export function selectTeam(problem: TeamProblem, options: { budget?: number } = {}): TeamSolution {
  const budget = options.budget ?? 100_000;
  const target = coverable(problem);
  const byNeed = new Map<string, TeamCandidate[]>();
  for (const n of target) {
    byNeed.set(
      n,
      problem.candidates
        .filter((c) => c.scores.has(n))
        .sort((a, b) => b.scores.get(n)! - a.scores.get(n)! || (a.id < b.id ? -1 : 1)),
    );
  }
  const maxScore = new Map(target.map((n) => [n, byNeed.get(n)![0]!.scores.get(n)!]));
  let maxTie = 0;
  const ids = problem.candidates.map((c) => c.id);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) maxTie = Math.max(maxTie, problem.tie(ids[i]!, ids[j]!));

  let bestMembers = greedyTeam(problem);
  let bestSize = bestMembers.length;
  let bestValue = teamValue(problem, bestMembers).value;
  let nodes = 0;
  let exhausted = false;

  const members: string[] = [];
  const recurse = (): void => {
    if (++nodes > budget) {
      exhausted = true;
      return;
    }
    const { value, covered } = teamValue(problem, members);
    const open = target.filter((n) => !covered.has(n));
    if (open.length === 0) {
      if (better(members.length, value, bestSize, bestValue)) {
        bestMembers = [...members];
        bestSize = members.length;
        bestValue = value;
      }
      return;
    }
    if (members.length + 1 > bestSize) return;
    // Value bound for a team of size bestSize at most: current value + best scores of open needs + ties to come.
    const room = bestSize - members.length;
    const tiesToCome = room * members.length + (room * (room - 1)) / 2;
    const bound = value + open.reduce((s, n) => s + maxScore.get(n)!, 0) + COHESION_WEIGHT * maxTie * tiesToCome;
    // Scores of already-covered needs may still rise with a better member; allow for that too.
    const slack = target.filter((n) => covered.has(n)).length;
    if (members.length + 1 === bestSize && bound + slack < bestValue) return;
    open.sort((a, b) => byNeed.get(a)!.length - byNeed.get(b)!.length);
    for (const c of byNeed.get(open[0]!)!) {
      if (members.includes(c.id)) continue;
      members.push(c.id);
      recurse();
      members.pop();
      if (exhausted) return;
    }
  };
  recurse();
  return finish(problem, bestMembers, !exhausted);
}

/** Brute force over every subset up to the number of needs: the reference answer for small inputs. */
export function exactTeam(problem: TeamProblem): TeamSolution {
  const target = coverable(problem);
  const cands = problem.candidates.map((c) => c.id);
  let best: string[] = [];
  let bestSize = Infinity;
  let bestValue = -Infinity;
  const n = cands.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const members = cands.filter((_, i) => mask & (1 << i));
    if (members.length > target.length || members.length > bestSize) continue;
    const { value, covered } = teamValue(problem, members);
    if (!target.every((t) => covered.has(t))) continue;
    if (better(members.length, value, bestSize, bestValue)) {
      best = members;
      bestSize = members.length;
      bestValue = value;
    }
  }
  return finish(problem, best, true);
}
