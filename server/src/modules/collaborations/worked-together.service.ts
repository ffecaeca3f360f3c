import type { SessionUser, WorkedTogether, WorkedTogetherRequest } from '@knotwork/graph-schema';
import { randomUUID } from 'node:crypto';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { linkedPractitioner } from '../../lib/linked-practitioner.js';
import type { WorkedTogetherRepository } from './worked-together.repository.js';


/** "We worked together": recorded by one side, evidence only once every partner has confirmed it. */
export function createWorkedTogetherService(repo: WorkedTogetherRepository) {
  async function answer(id: string, user: SessionUser, state: 'confirmed' | 'disputed', reason: string | null) {
    const me = linkedPractitioner(user);
    const mine = await repo.participation(id, me);
    if (!mine.exists) throw new NotFoundError('Collaboration', id);
    if (mine.state === null)
      throw new ForbiddenError('Only a partner named in this collaboration can confirm or dispute it');
    if (!(await repo.answer({ id, practitionerId: me, state, reason }, user))) {
      throw new ConflictError(
        `You have already ${mine.state === 'disputed' ? 'disputed' : 'confirmed'} this collaboration`,
      );
    }
    return (await repo.get(id))!;
  }

  return {
    async record(body: WorkedTogetherRequest, user: SessionUser): Promise<WorkedTogether> {
      const me = linkedPractitioner(user);
      const partners = [...new Set(body.partners)];
      if (partners.includes(me))
        throw new BadRequestError('Name your partners: you are recorded as taking part already');
      const needs = [...new Set(body.needs)];
      const missing = await repo.missing(partners, needs, body.locality ?? null);
      if (missing.practitioners.length) throw new NotFoundError('Practitioner', missing.practitioners[0]);
      if (missing.needs.length) throw new NotFoundError('Need', missing.needs[0]);
      if (missing.locality) throw new NotFoundError('Locality', body.locality);
      const id = randomUUID();
      await repo.create(
        {
          id,
          recordedBy: me,
          partners,
          startedOn: body.on,
          endedOn: body.endedOn ?? body.on,
          kind: body.kind,
          needs,
          locality: body.locality ?? null,
        },
        user,
      );
      return (await repo.get(id))!;
    },

    confirm: (id: string, user: SessionUser) => answer(id, user, 'confirmed', null),
    dispute: (id: string, user: SessionUser, reason?: string) => answer(id, user, 'disputed', reason || null),

    /** What is not yet evidence for the signed-in practitioner: awaiting someone's answer, or disputed. */
    async unconfirmed(user: SessionUser) {
      if (!user.practitionerId) return { items: [] };
      return { items: await repo.unconfirmedFor(user.practitionerId) };
    },
  };
}
