import type { MailPreferences, NotificationList, WorkedTogether, WorkedTogetherRequest } from '@knotwork/graph-schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http';

export const notificationKeys = { all: ['notifications'] as const };
export const workedTogetherKeys = { all: ['worked-together'] as const };

/** The bell's notifications (polled, so new ones show without a reload). */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => api<NotificationList>('/api/notifications', { signal }),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api<NotificationList>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`, {
        method: 'POST',
      }),
    onSuccess: (data) => qc.setQueryData(notificationKeys.all, data),
  });
}

export function useUnconfirmed(enabled = true) {
  return useQuery({
    queryKey: workedTogetherKeys.all,
    queryFn: ({ signal }) => api<{ items: WorkedTogether[] }>('/api/collaborations/unconfirmed', { signal }),
    enabled,
  });
}

export function useRecordWorkedTogether() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<WorkedTogetherRequest, 'needs'> & { needs?: string[] }) =>
      api<WorkedTogether>('/api/collaborations/worked-together', { method: 'POST', body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: workedTogetherKeys.all });
      qc.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}

export function useAnswerCollaboration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: 'confirm' | 'dispute' }) =>
      api<WorkedTogether>(`/api/collaborations/${id}/${answer}`, { method: 'POST', body: {} }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: workedTogetherKeys.all });
      qc.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}

const mailPreferencesKey = ['mail-preferences'] as const;

export function useMailPreferences() {
  return useQuery({
    queryKey: mailPreferencesKey,
    queryFn: ({ signal }) => api<MailPreferences>('/api/me/mail-preferences', { signal }),
  });
}

export function useSetMailPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<MailPreferences>) =>
      api<MailPreferences>('/api/me/mail-preferences', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(mailPreferencesKey, data),
  });
}
