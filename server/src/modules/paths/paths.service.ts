import type { PathsQuery, PathsResponse, SessionUser } from '@knotwork/graph-schema';
import { kBestPaths } from '../../graph/paths.js';
import { explainTie } from '../../graph/tie-strength.js';
import { NotFoundError } from '../../lib/errors.js';
import { asOfDate } from '../graph/ties.repository.js';
import type { PathsOps, PathsRepository } from './paths.repository.js';

export const PATHS_K = 3;
export const PATHS_MAX_HOPS = 4;
/** Strongest neighbours per side expanded at the second level. */
export const PATHS_BEAM = 20;
/** Holders of a specialism considered as targets. */
export const HOLDERS_LIMIT = 10;

export function createPathsService(repo: PathsRepository) {
  return {
    find(query: PathsQuery, user: SessionUser | null): Promise<PathsResponse> {
      return repo.read((ops) => findWith(ops, query, user));
    },
  };
}

async function findWith(repo: PathsOps, query: PathsQuery, user: SessionUser | null): Promise<PathsResponse> {
  // Round trip 1: endpoints, holders and the ties of both ends.
  const resolved = await repo.start({
    from: query.from,
    to: query.to,
    specialism: query.toSpecialism,
    locality: query.locality,
    asOf: query.asOf,
    holders: HOLDERS_LIMIT,
  });
  const from = resolved.from;
  if (!from) throw new NotFoundError('Practitioner', query.from);
  let targets: Array<{ id: string; name: string }>;
  let targetLabel: string;
  if (query.to) {
    const to = resolved.to;
    if (!to) throw new NotFoundError('Practitioner', query.to);
    if (to.id === from.id) return { paths: [], target: to, message: 'That is the same person' };
    targets = [to];
    targetLabel = to.name;
  } else {
    const spec = resolved.specialism;
    if (!spec) throw new NotFoundError('Specialism', query.toSpecialism);
    targets = resolved.holders;
    targetLabel = `anyone holding ${spec.name}`;
    if (targets.some((t) => t.id === from.id)) {
      return { paths: [], target: from, message: `${from.name} holds ${spec.name} already` };
    }
    if (targets.length === 0) {
      return {
        paths: [],
        target: null,
        message: query.locality ? `Nobody serving that locality holds ${spec.name}` : `Nobody holds ${spec.name}`,
      };
    }
  }
  const set = resolved.ties;
  const targetIds = targets.map((t) => t.id);
  // Round trip 2: ties of the strongest neighbours of each side (the beam) that can lie on a path of ≤ 4 hops.
  // Any path of ≤ 4 hops has all its ties in the set unless the beam or the weak-tie cap cut one of its inner
  // nodes. The middle of a 2-hop path (tied to both ends, outside the beam) is named by the same read.
  const done = new Set([from.id, ...targetIds]);
  const beam = [
    ...new Set([
      ...set.strongestNeighbours([from.id], done, PATHS_BEAM),
      ...set.strongestNeighbours(targetIds, done, PATHS_BEAM),
    ]),
  ];
  const inBeam = new Set(beam);
  const nearTargets = set.neighbourIds(targetIds);
  const alsoName = [...set.neighbourIds([from.id])].filter((id) => nearTargets.has(id) && !inBeam.has(id) && !set.names.has(id));
  await repo.beam(set, { from: from.id, targets: targetIds, beam, alsoName, asOf: query.asOf });
  const found = kBestPaths(set.graph(done), from.id, new Set(targetIds), { k: PATHS_K, maxHops: PATHS_MAX_HOPS });
  const unnamed = found.flatMap((p) => p.nodes).filter((id) => !set.names.has(id));
  if (unnamed.length > 0) await repo.names(set, unnamed);
  const when = asOfDate(query.asOf);
  const name = (id: string) => set.names.get(id) ?? targets.find((t) => t.id === id)?.name ?? id;
  const isMe = user?.practitionerId === from.id;
  const paths = found.map((p) => ({
    strength: round(p.strength),
    hops: p.nodes.slice(1).map((to, i) => {
      const a = p.nodes[i]!;
      const tie = set.tie(a, to)!;
      return {
        from: { id: a, name: name(a) },
        to: { id: to, name: name(to) },
        strength: round(tie.strength),
        explanation: explainTie(tie.evidence, when, isMe && i === 0),
      };
    }),
  }));
  const targetId = found[0]?.nodes[found[0].nodes.length - 1];
  const target = targetId ? { id: targetId, name: name(targetId) } : query.to ? targets[0]! : null;
  return paths.length > 0
    ? { paths, target }
    : {
        paths,
        target,
        message: `No chain of at most ${PATHS_MAX_HOPS} known ties links ${from.name} to ${targetLabel}`,
      };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
