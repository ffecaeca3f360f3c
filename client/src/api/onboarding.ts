import { useQuery } from '@tanstack/react-query';
import { api } from './http';

/**
 * Onboarding suggestions (GET /api/onboarding?profession=&locality=). Written against the expected contract;
 * fields are read defensively until graph-schema/src/payloads carries the schema.
 */
export interface OnboardingPerson {
  id: string;
  name: string;
  profession?: string | null;
  agencyName?: string | null;
  reason?: string;
  met?: boolean;
}
export interface OnboardingResponse {
  peopleByDomain?: { domain: string; people: OnboardingPerson[] }[];
  people?: OnboardingPerson[];
  forums?: { id: string; name: string; kind?: string; reason?: string; attendees?: number }[];
  referralRoutes?: { agency: { id: string; name: string; sector?: string }; referralRoute: string }[];
  progress?: { met: number; total: number };
}

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
