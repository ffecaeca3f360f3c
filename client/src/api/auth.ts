import type { LoginRequest, MeResponse, SessionUser } from '@knotwork/graph-schema';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api } from './http';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        return (await api<MeResponse>('/api/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

const SESSION_ENDED = 'knotwork.sessionEnded';

/**
 * A request answered 401 while someone was signed in: the session expired or was ended elsewhere. Forgetting the
 * user sends every signed-in page to the sign-in page (with ?next= the page they were on), which says why.
 */
export function endSession(qc: QueryClient) {
  if (!qc.getQueryData(authKeys.me)) return;
  sessionStorage.setItem(SESSION_ENDED, '1');
  qc.setQueryData(authKeys.me, null);
}

/** Whether the user was signed out by an expired session (rather than signing out or arriving fresh). */
export const sessionHasEnded = () => sessionStorage.getItem(SESSION_ENDED) === '1';

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api<MeResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (res) => {
      sessionStorage.removeItem(SESSION_ENDED);
      qc.clear();
      qc.setQueryData(authKeys.me, res.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      sessionStorage.removeItem(SESSION_ENDED);
      qc.clear();
      qc.setQueryData(authKeys.me, null);
    },
  });
}

export const roleLabels: Record<SessionUser['role'], string> = {
  viewer: 'Viewer',
  practitioner: 'Practitioner',
  coordinator: 'Coordinator',
  admin: 'Administrator',
};

export const canEdit = (user: SessionUser | null | undefined) =>
  user?.role === 'coordinator' || user?.role === 'admin';
