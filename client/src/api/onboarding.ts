import type { OnboardingResponse } from '@knotwork/graph-schema';
import { useQuery } from '@tanstack/react-query';
import { api } from './http';

export const onboardingKeys = {
  all: ['onboarding'] as const,
  for: (profession: string, locality: string) => [...onboardingKeys.all, profession, locality] as const,
};

export function useOnboarding(profession: string, locality: string) {
  return useQuery({
    queryKey: onboardingKeys.for(profession, locality),
    queryFn: ({ signal }) => api<OnboardingResponse>('/api/onboarding', { signal, query: { profession, locality } }),
    enabled: Boolean(profession && locality),
  });
}
