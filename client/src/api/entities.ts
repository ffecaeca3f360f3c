import type {
  Agency,
  AuditResponse,
  StaleResponse,
  DirectoryLabel,
  Forum,
  Locality,
  Location,
  Need,
  Practitioner,
  Specialism,
} from '@knotwork/graph-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './http';
import { invalidateSearch } from './search';

/** URL segment of each node type, in the API (/api/<segment>) and in the client (/<segment>/:id). */
export const segments = {
  Practitioner: 'practitioners',
  Agency: 'agencies',
  Specialism: 'specialisms',
  Need: 'needs',
  Forum: 'forums',
  Locality: 'localities',
  Location: 'locations',
  Collaboration: 'collaborations',
} as const satisfies Record<DirectoryLabel, string>;

export type Segment = (typeof segments)[DirectoryLabel];

export function labelOfSegment(segment: string | undefined): DirectoryLabel | undefined {
  return (Object.keys(segments) as DirectoryLabel[]).find((l) => segments[l] === segment);
}

export const labelNames: Record<DirectoryLabel, string> = {
  Practitioner: 'Practitioner',
  Agency: 'Agency',
  Specialism: 'Specialism',
  Need: 'Need',
  Forum: 'Forum',
  Locality: 'Locality',
  Location: 'Location',
  Collaboration: 'Collaboration',
};

export interface EntityByLabel {
  Practitioner: Practitioner;
  Agency: Agency;
  Specialism: Specialism;
  Need: Need;
  Forum: Forum;
  Locality: Locality;
  Location: Location;
  Collaboration: { id: string; startedOn: string; endedOn: string | null; summary: string; outcome: string };
}

/** A node with whatever related items the API adds to a profile (agency, specialisms, forums, …). */
export type EntityRecord = Record<string, unknown> & { id: string; name?: string };

export interface ListResult<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export const entityKeys = {
  all: ['entity'] as const,
  label: (label: DirectoryLabel) => [...entityKeys.all, label] as const,
  list: (label: DirectoryLabel, params: Record<string, unknown>) => [...entityKeys.label(label), 'list', params] as const,
  detail: (label: DirectoryLabel, id: string) => [...entityKeys.label(label), 'detail', id] as const,
  audit: (label: DirectoryLabel, id: string) => [...entityKeys.label(label), 'audit', id] as const,
  stale: (params: Record<string, unknown>) => [...entityKeys.all, 'stale', params] as const,
};

export function useEntity(label: DirectoryLabel | undefined, id: string | undefined) {
  return useQuery({
    queryKey: entityKeys.detail(label ?? 'Practitioner', id ?? ''),
    queryFn: ({ signal }) => api<EntityRecord>(`/api/${segments[label!]}/${id}`, { signal }),
    enabled: Boolean(label && id),
  });
}

export function useEntityList(
  label: DirectoryLabel,
  params: { q?: string; limit?: number; cursor?: string; sort?: string } = {},
  enabled = true,
) {
  return useQuery({
    queryKey: entityKeys.list(label, params),
    queryFn: ({ signal }) =>
      api<ListResult<EntityRecord>>(`/api/${segments[label]}`, { signal, query: { limit: 50, ...params } }),
    enabled,
    staleTime: 60_000,
  });
}

export function useAudit(label: DirectoryLabel, id: string | undefined) {
  return useQuery({
    queryKey: entityKeys.audit(label, id ?? ''),
    queryFn: ({ signal }) =>
      api<z.infer<typeof AuditResponse>>(`/api/audit`, { signal, query: { entity: id } }).then((r) => r.items),
    enabled: Boolean(id),
  });
}

export function useSaveEntity(label: DirectoryLabel, id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id
        ? api<EntityRecord>(`/api/${segments[label]}/${id}`, { method: 'PATCH', body })
        : api<EntityRecord>(`/api/${segments[label]}`, { method: 'POST', body }),
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: entityKeys.label(label) });
      invalidateSearch(qc);
      qc.invalidateQueries({ queryKey: [...entityKeys.all, 'stale'] });
      if (saved?.id) qc.setQueryData(entityKeys.detail(label, saved.id), saved);
    },
  });
}

export function useVerify(label: DirectoryLabel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<EntityRecord>(`/api/${segments[label]}/${id}/verify`, { method: 'POST' }),
    onSuccess: (_saved, id) => {
      qc.invalidateQueries({ queryKey: entityKeys.detail(label, id) });
      qc.invalidateQueries({ queryKey: entityKeys.audit(label, id) });
      qc.invalidateQueries({ queryKey: [...entityKeys.all, 'stale'] });
      invalidateSearch(qc);
    },
  });
}

export function useStaleQueue(params: { type?: 'Practitioner' | 'Agency'; olderThanDays?: number; limit?: number } = {}) {
  return useQuery({
    queryKey: entityKeys.stale(params),
    queryFn: ({ signal }) =>
      api<z.infer<typeof StaleResponse>>('/api/stale', {
        signal,
        query: { type: params.type, olderThanDays: params.olderThanDays ?? STALE_AFTER_DAYS, limit: params.limit ?? 100 },
      }),
  });
}

/** Six months without verification makes a profile stale (DESIGN §2 journey 2). */
export const STALE_AFTER_DAYS = 183;

export function isStale(lastVerifiedAt: string | null | undefined, now = new Date()): boolean {
  if (!lastVerifiedAt) return true;
  const t = Date.parse(lastVerifiedAt);
  if (Number.isNaN(t)) return true;
  return now.getTime() - t > STALE_AFTER_DAYS * 24 * 3600 * 1000;
}
