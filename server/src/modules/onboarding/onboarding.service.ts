import {
  domains as domainLabels,
  type EvidenceQuery,
  type EvidenceResponse,
  type KnowsRequest,
  type KnowsResponse,
  type OnboardingQuery,
  type OnboardingResponse,
  type SessionUser,
} from '@knotwork/graph-schema';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { NOT_LINKED_MESSAGE } from '../../lib/linked-practitioner.js';
import { collaborationDate, dayOf } from '../graph/ties.repository.js';
import type { OnboardingRepository } from './onboarding.repository.js';

const LEVEL_WORDS = ['knows about', 'works on', 'leads on'];

export function createOnboardingService(repo: OnboardingRepository) {
  return {
    async onboarding(query: OnboardingQuery, user: SessionUser | null): Promise<OnboardingResponse> {
      const locality = await repo.locality(query.locality);
      if (!locality) throw new NotFoundError('Locality', query.locality);
      const me = user?.practitionerId ?? null;
      const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
      const [people, forums, agencies] = await Promise.all([
        repo.people(query.locality, query.profession, me, query.perDomain, twoYearsAgo),
        repo.forums(query.locality, query.profession, me),
        repo.agencies(query.locality),
      ]);
      const byDomain = new Map<string, OnboardingResponse['domains'][number]['people']>();
      for (const p of people) {
        const list = byDomain.get(p.domain) ?? [];
        const specs = p.specialisms as string[];
        list.push({
          id: p.id,
          name: p.name,
          profession: p.profession,
          agencyName: p.agencyName ?? null,
          level: p.level,
          specialisms: specs,
          recentCollaborations: p.recent,
          reason:
            `${LEVEL_WORDS[p.specialismLevel as number] ?? 'works on'} ${specs.join(', ')}` +
            (p.recent > 0 ? `; ${p.recent} joint piece${p.recent > 1 ? 's' : ''} of work in the last two years` : ''),
          known: p.known,
        });
        byDomain.set(p.domain, list);
      }
      const domains: OnboardingResponse['domains'] = Object.entries(domainLabels as Record<string, string>)
        .filter(([d]) => byDomain.has(d))
        .map(([domain, label]) => ({ domain, label, people: byDomain.get(domain)! }));
      for (const [d, list] of byDomain) if (!(d in domainLabels)) domains.push({ domain: d, label: d, people: list });
      const suggested = new Map(domains.flatMap((d) => d.people.map((p) => [p.id, p.known] as const)));
      return {
        locality,
        profession: query.profession,
        domains,
        forums: forums as OnboardingResponse['forums'],
        agencies: agencies as OnboardingResponse['agencies'],
        progress: me ? { known: [...suggested.values()].filter(Boolean).length, suggested: suggested.size } : null,
      };
    },

    async recordKnows(body: KnowsRequest, user: SessionUser): Promise<KnowsResponse> {
      let from: string | null;
      if (user.role === 'practitioner') {
        if (!user.practitionerId) throw new ForbiddenError(NOT_LINKED_MESSAGE);
        if (body.from && body.from !== user.practitionerId)
          throw new ForbiddenError('Practitioners may record only their own trails');
        from = user.practitionerId;
      } else {
        from = body.from ?? user.practitionerId;
        if (!from) throw new BadRequestError('Say whose trail this is: from');
      }
      if (from === body.practitionerId) throw new BadRequestError('A practitioner cannot record meeting themselves');
      const result = await repo.recordKnows(
        { from, to: body.practitionerId, since: body.since ?? dayOf(), source: body.source },
        user,
      );
      if (!result) throw new NotFoundError('Practitioner');
      return result;
    },

    async evidence(query: EvidenceQuery): Promise<EvidenceResponse> {
      const asOf = dayOf(query.asOf);
      const found = await repo.evidence(query.practitioner, { need: query.need, specialism: query.specialism }, asOf);
      if (!found) throw new NotFoundError(query.need ? 'Practitioner or need' : 'Practitioner or specialism');
      const partners = new Map<string, { id: string; name: string; agencyName: string | null; count: number }>();
      let lastOn: string | null = null;
      for (const row of found.rows) {
        const d = collaborationDate(row.startedOn, row.endedOn ?? null, asOf);
        if (!lastOn || d > lastOn) lastOn = d;
        for (const q of row.partners as Array<{ id: string; name: string; agencyName: string | null }>) {
          const cur = partners.get(q.id) ?? { ...q, agencyName: q.agencyName ?? null, count: 0 };
          cur.count++;
          partners.set(q.id, cur);
        }
      }
      return {
        practitioner: { id: query.practitioner, name: found.practitionerName },
        subject: {
          id: (query.need ?? query.specialism)!,
          name: found.subjectName,
          type: query.need ? 'need' : 'specialism',
        },
        collaborations: found.rows.length,
        lastOn,
        partners: [...partners.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 20),
        items: found.rows.slice(0, 20).map((r) => ({
          id: r.id,
          startedOn: r.startedOn,
          endedOn: r.endedOn ?? null,
          outcome: r.outcome,
          needs: r.needs,
        })),
      };
    },
  };
}
