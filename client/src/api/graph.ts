import type { KnowsRequest, KnowsResponse, NeighbourhoodResponse, PathsResponse, TeamRequest, TeamResponse } from '@knotwork/graph-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';

export interface NeighbourhoodParams {
  depth: number;
  types?: string[];
  limit?: number;
  asOf?: string;
}

export const graphKeys = {
  all: ['graph'] as const,
  neighbourhood: (id: string, p: NeighbourhoodParams) => [...graphKeys.all, 'neighbourhood', id, p] as const,
  paths: (p: { from: string; to?: string; toSpecialism?: string; asOf?: string }) =>
    [...graphKeys.all, 'paths', p] as const,
  team: (body: TeamRequest) => [...graphKeys.all, 'team', body] as const,
};

export function fetchNeighbourhood(id: string, p: NeighbourhoodParams, signal?: AbortSignal) {
  return api<NeighbourhoodResponse>(`/api/graph/neighbourhood/${id}`, {
    signal,
    query: { depth: p.depth, types: p.types, limit: p.limit ?? 200, asOf: p.asOf },
  });
}

export function useNeighbourhood(id: string | undefined, p: NeighbourhoodParams) {
  return useQuery({
    queryKey: graphKeys.neighbourhood(id ?? '', p),
    queryFn: ({ signal }) => fetchNeighbourhood(id!, p, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function usePaths(p: { from?: string | null; to?: string; toSpecialism?: string; asOf?: string }) {
  const enabled = Boolean(p.from && (p.to || p.toSpecialism) && p.from !== p.to);
  return useQuery({
    queryKey: graphKeys.paths({ from: p.from ?? '', to: p.to, toSpecialism: p.toSpecialism, asOf: p.asOf }),
    queryFn: ({ signal }) =>
      api<PathsResponse>('/api/paths', {
        signal,
        query: { from: p.from, to: p.to, toSpecialism: p.toSpecialism, asOf: p.asOf },
      }),
    enabled,
  });
}

export function useTeam(body: TeamRequest | null) {
  return useQuery({
    queryKey: graphKeys.team(body ?? ({} as TeamRequest)),
    queryFn: ({ signal }) => api<TeamResponse>('/api/team', { method: 'POST', body, signal }),
    enabled: Boolean(body),
  });
}

/** "I have met them": records a KNOWS trail from the signed-in practitioner. */
export function useMarkMet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: KnowsRequest) => api<KnowsResponse>('/api/knows', { method: 'POST', body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: graphKeys.all });
      qc.invalidateQueries({ queryKey: ['onboarding'] });
    },
  });
}
