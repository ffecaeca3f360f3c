import {
  type CreateIntroductionRequest,
  type Introduction,
  type IntroductionDecision,
  type IntroductionStatus,
  type SessionUser,
} from '@knotwork/graph-schema';
import { randomUUID } from 'node:crypto';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { linkedPractitioner } from '../../lib/linked-practitioner.js';
import { askBroker, askTarget, tellRequester, type MailContext } from './introduction.mail.js';
import type { IntroductionRepository } from './introduction.repository.js';

const DAY_MS = 86_400_000;


const STATUS_WORDS: Record<IntroductionStatus, string> = {
  'awaiting-broker': 'is waiting for the broker',
  'awaiting-target': 'is waiting for the person to be introduced',
  accepted: 'was already accepted',
  declined: 'was declined',
  withdrawn: 'was withdrawn',
  expired: 'has expired',
};

/**
 * Introduction requests: request → broker accepts or declines → target accepts or declines → a KNOWS tie
 * (dated, source "introduction"). Only the parties see a request; every step is audited with it.
 */
export function createIntroductionService(
  repo: IntroductionRepository,
  { publicUrl = '', clock = () => new Date() }: { publicUrl?: string; clock?: () => Date } = {},
) {
  function contextOf(i: Introduction, brokerLine: string | null = i.brokerLine): MailContext {
    return {
      id: i.id,
      requester: i.requester.name,
      broker: i.broker?.name ?? null,
      target: i.target.name,
      needs: i.note.needs.map((n) => n.name),
      ageBand: i.note.ageBand,
      locality: i.note.locality.name,
      line: i.note.line,
      brokerLine,
      expiresAt: i.expiresAt,
      publicUrl,
    };
  }

  /** The request as `me` may see it, or 404 (a request someone else is party to is not admitted to exist). */
  async function visible(id: string, me: string) {
    const stored = await repo.stored(id, clock().toISOString());
    if (!stored || !stored.visibleTo(me)) throw new NotFoundError('Introduction request', id);
    return stored;
  }

  async function reread(id: string, me: string): Promise<Introduction> {
    const found = await repo.get(id, me, clock().toISOString());
    if (!found) throw new NotFoundError('Introduction request', id);
    return found;
  }

  /** A transition refused because the request moved on (answered, withdrawn, expired) says so plainly. */
  async function move(
    id: string,
    me: string,
    step: Parameters<IntroductionRepository['transition']>[0],
    user: SessionUser,
  ): Promise<Introduction> {
    const now = clock().toISOString();
    if (!(await repo.transition(step, user, now))) {
      const current = await visible(id, me);
      if (current.status === 'expired') await repo.expireOverdue(now);
      throw new ConflictError(`This introduction request ${STATUS_WORDS[current.status]}`);
    }
    return reread(id, me);
  }

  return {
    async create(body: CreateIntroductionRequest, user: SessionUser): Promise<Introduction> {
      const me = linkedPractitioner(user);
      const broker = body.broker ?? null;
      if (body.target === me) throw new BadRequestError('You cannot ask to be introduced to yourself');
      if (broker === me)
        throw new BadRequestError('You cannot be your own broker: leave the broker out for a direct request');
      if (broker === body.target)
        throw new BadRequestError('The broker and the person to be introduced must be different people');
      const needIds = [...new Set(body.note.needs)];
      const missing = await repo.missing({
        practitioners: [body.target, ...(broker ? [broker] : [])],
        needs: needIds,
        locality: body.note.locality,
      });
      if (missing.practitioners.length) throw new NotFoundError('Practitioner', missing.practitioners[0]);
      if (missing.needs.length) throw new NotFoundError('Need', missing.needs[0]);
      if (missing.locality) throw new NotFoundError('Locality', body.note.locality);
      const now = clock();
      if (await repo.openBetween(me, body.target, now.toISOString())) {
        throw new ConflictError('You already have an open request to be introduced to this person: withdraw it first');
      }
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + body.expiresInDays * DAY_MS).toISOString();
      const names = await repo.names([me, body.target, ...(broker ? [broker] : []), ...needIds, body.note.locality]);
      const context: MailContext = {
        id,
        requester: names.get(me) ?? 'A practitioner',
        broker: broker ? (names.get(broker) ?? null) : null,
        target: names.get(body.target)!,
        needs: needIds.map((n) => names.get(n)!),
        ageBand: body.note.ageBand,
        locality: names.get(body.note.locality)!,
        line: body.note.line || null,
        brokerLine: null,
        expiresAt,
        publicUrl,
      };
      await repo.create(
        {
          id,
          requesterId: me,
          brokerId: broker,
          targetId: body.target,
          status: broker ? 'awaiting-broker' : 'awaiting-target',
          needIds,
          ageBand: body.note.ageBand,
          localityId: body.note.locality,
          line: body.note.line || null,
          expiresAt,
        },
        user,
        now.toISOString(),
        [broker ? askBroker({ ...context, brokerId: broker }) : askTarget({ ...context, targetId: body.target })],
      );
      return reread(id, me);
    },

    /** An account without a practitioner profile is party to no request: 404 and an empty list, not 403. */
    async get(id: string, user: SessionUser): Promise<Introduction> {
      if (!user.practitionerId) throw new NotFoundError('Introduction request', id);
      return reread(id, user.practitionerId);
    },

    async list(user: SessionUser, as: 'any' | 'requester' | 'broker' | 'target', open?: boolean) {
      if (!user.practitionerId) return { items: [] };
      return { items: await repo.list(user.practitionerId, as, open, clock().toISOString()) };
    },

    async answerAsBroker(id: string, decision: IntroductionDecision, user: SessionUser): Promise<Introduction> {
      const me = linkedPractitioner(user);
      const current = await visible(id, me);
      if (current.brokerId !== me) throw new ForbiddenError('Only the broker asked may answer as the broker');
      const accept = decision.decision === 'accept';
      const now = clock().toISOString();
      const context = contextOf(await reread(id, me), decision.line || null);
      return move(
        id,
        me,
        {
          id,
          from: 'awaiting-broker',
          to: accept ? 'awaiting-target' : 'declined',
          action: accept ? 'accept' : 'decline',
          set: accept
            ? { brokerAcceptedAt: now, brokerLine: decision.line || null }
            : { answeredAt: now, declinedBy: 'broker' },
          mail: accept
            ? [askTarget({ ...context, targetId: current.targetId }), tellRequester({ ...context, requesterId: current.requesterId }, 'brokered')]
            : [tellRequester({ ...context, requesterId: current.requesterId }, 'declined')],
        },
        user,
      );
    },

    async answerAsTarget(id: string, decision: IntroductionDecision, user: SessionUser): Promise<Introduction> {
      const me = linkedPractitioner(user);
      const current = await visible(id, me);
      if (current.targetId !== me) throw new ForbiddenError('Only the person to be introduced may answer this');
      if (decision.line) throw new BadRequestError('Only the broker adds a line to an introduction');
      const accept = decision.decision === 'accept';
      const now = clock().toISOString();
      const context = contextOf(await reread(id, me));
      return move(
        id,
        me,
        {
          id,
          from: 'awaiting-target',
          to: accept ? 'accepted' : 'declined',
          action: accept ? 'accept' : 'decline',
          set: { answeredAt: now, ...(accept ? {} : { declinedBy: 'target' }) },
          ...(accept ? { knows: { from: current.requesterId, to: current.targetId, since: now.slice(0, 10) } } : {}),
          mail: [tellRequester({ ...context, requesterId: current.requesterId }, accept ? 'accepted' : 'declined')],
        },
        user,
      );
    },

    async withdraw(id: string, user: SessionUser): Promise<Introduction> {
      const me = linkedPractitioner(user);
      const current = await visible(id, me);
      if (current.requesterId !== me)
        throw new ForbiddenError('Only the practitioner who asked may withdraw a request');
      if (current.status !== 'awaiting-broker' && current.status !== 'awaiting-target') {
        throw new ConflictError(`This introduction request ${STATUS_WORDS[current.status]}`);
      }
      return move(
        id,
        me,
        { id, from: current.status, to: 'withdrawn', action: 'withdraw', set: { answeredAt: clock().toISOString() } },
        user,
      );
    },

    /** For a periodic sweep: writes down expired requests (reads already show them as expired). */
    expireOverdue: () => repo.expireOverdue(clock().toISOString()),
  };
}

export type IntroductionService = ReturnType<typeof createIntroductionService>;
