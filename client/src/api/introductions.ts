import type { CreateIntroductionRequest, Introduction, IntroductionList } from '@knotwork/graph-schema';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { graphKeys } from './graph';
import { api } from './http';

export const introductionKeys = {
  all: ['introductions'] as const,
  list: () => [...introductionKeys.all, 'list'] as const,
};

/** Paths and the network read KNOWS ties: an accepted introduction changes them. */
function invalidate(qc: QueryClient) {
  qc.invalidateQueries({ queryKey: introductionKeys.all });
  qc.invalidateQueries({ queryKey: graphKeys.all });
}

/** Every request the signed-in practitioner is party to (polled, so the bell counts new ones). */
export function useIntroductions(enabled = true) {
  return useQuery({
    queryKey: introductionKeys.list(),
    queryFn: ({ signal }) => api<IntroductionList>('/api/introductions', { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

/** Requests waiting for the signed-in practitioner's answer. */
export const awaitingMe = (items: readonly Introduction[]) =>
  items.filter(
    (i) => (i.myRole === 'broker' && i.status === 'awaiting-broker') || (i.myRole === 'target' && i.status === 'awaiting-target'),
  );

export function useRequestIntroduction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CreateIntroductionRequest, 'expiresInDays'> & { expiresInDays?: number }) =>
      api<Introduction>('/api/introductions', { method: 'POST', body }),
    onSuccess: () => invalidate(qc),
  });
}

export function useAnswerIntroduction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, as, decision, line }: { id: string; as: 'broker' | 'target'; decision: 'accept' | 'decline'; line?: string }) =>
      api<Introduction>(`/api/introductions/${id}/${as}`, { method: 'POST', body: { decision, ...(line ? { line } : {}) } }),
    onSuccess: () => invalidate(qc),
  });
}

export function useWithdrawIntroduction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Introduction>(`/api/introductions/${id}/withdraw`, { method: 'POST' }),
    onSuccess: () => invalidate(qc),
  });
}
