import type { MailPreferences, SessionUser } from '@knotwork/graph-schema';
import { NotFoundError } from '../../lib/errors.js';
import { linkedPractitioner } from '../../lib/linked-practitioner.js';
import type { NotificationRepository } from './notification.repository.js';
import type { ReminderRepository } from './reminder.repository.js';

const DAY_MS = 86_400_000;


/** Notifications, mail preferences, and the daily jobs (digest; stale-profile reminders at most every 30 days). */
export function createNotificationService(
  repo: NotificationRepository,
  reminders: ReminderRepository,
  {
    staleAfterDays,
    remindEveryDays = 30,
    clock = () => new Date(),
  }: { staleAfterDays: number; remindEveryDays?: number; clock?: () => Date },
) {
  const list = (user: SessionUser) =>
    user.practitionerId ? repo.list(user.practitionerId) : Promise.resolve({ items: [], unread: 0 });
  return {
    list,
    async markRead(id: string, user: SessionUser) {
      if (!user.practitionerId || !(await repo.markRead(id, user.practitionerId)))
        throw new NotFoundError('Notification', id);
      return list(user);
    },
    async markAllRead(user: SessionUser) {
      if (user.practitionerId) await repo.markAllRead(user.practitionerId);
      return list(user);
    },
    preferences: (user: SessionUser) => repo.preferences(linkedPractitioner(user)),
    async setPreferences(user: SessionUser, patch: Partial<MailPreferences>) {
      const me = linkedPractitioner(user);
      const next = { ...(await repo.preferences(me)), ...patch };
      await repo.setPreferences(me, next);
      return next;
    },
    /** Stale-profile reminders (once per `remindEveryDays` each). */
    remindStale(limit = 500, only?: string[]) {
      const now = clock();
      return reminders.remindStale({
        before: new Date(now.getTime() - staleAfterDays * DAY_MS).toISOString(),
        now,
        everyDays: remindEveryDays,
        limit,
        ...(only ? { only } : {}),
      });
    },
    flushDigests: () => repo.flushDigests(),
    async runDaily() {
      const reminded = await this.remindStale();
      const digests = await repo.flushDigests();
      return { reminded: reminded.length, digests };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
