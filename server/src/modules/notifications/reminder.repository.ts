import type { ManagedTransaction } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { writeAuditEvent } from '../audit/audit.repository.js';
import { enqueuePlannedMail, type PlannedMail } from '../mail/mail.repository.js';

/**
 * Stale-profile verification reminders: a practitioner whose profile was not verified since `before` is mailed
 * (and notified) at most once per `everyDays`, with a one-click "still right" link and a link to edit it.
 */
export function createReminderRepository(db: Db, publicUrl = '') {
  return {
    async remindStale(p: {
      before: string;
      now: Date;
      everyDays: number;
      limit: number;
      only?: string[];
    }): Promise<string[]> {
      const now = p.now.toISOString();
      const since = new Date(p.now.getTime() - p.everyDays * 86_400_000).toISOString();
      const expiresAt = new Date(p.now.getTime() + 14 * 86_400_000).toISOString();
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (p:Practitioner)
           WHERE coalesce(p.lastVerifiedAt, '') < $before
             AND coalesce(p.lastRemindedAt, '') < $since
             AND (p.email IS NOT NULL OR EXISTS { (:User)-[:IS]->(p) })
             AND ($only IS NULL OR p.id IN $only)
           WITH p ORDER BY coalesce(p.lastVerifiedAt, ''), p.id LIMIT $limit
           SET p.lastRemindedAt = $now
           RETURN p.id AS id, p.lastVerifiedAt AS lastVerifiedAt`,
          { before: p.before, since, now, limit: neo4j.int(p.limit), only: p.only ?? null },
        );
        const plans: PlannedMail[] = res.records.map((r) => {
          const id = r.get('id') as string;
          const last = (r.get('lastVerifiedAt') as string | null)?.slice(0, 10);
          return {
            toPractitionerId: id,
            kind: 'reminder.verify',
            subject: 'Is your Knotwork profile still right?',
            text:
              `Your profile was ${last ? `last checked on ${last}` : 'never checked'}. People use it to find who can help.\n\n` +
              `Still right: {link}\n\n` +
              `Something changed? Edit it: ${publicUrl}/edit/practitioners/${id}\n` +
              `The link works once, only for this, until ${expiresAt.slice(0, 10)}. It does not sign you in.\n` +
              `Change how often Knotwork writes to you: ${publicUrl}/settings/mail`,
            link: { action: 'profile.still-right', subjectId: id, expiresAt },
            appLink: `/practitioners/${id}`,
          };
        });
        await enqueuePlannedMail(tx, plans, publicUrl);
        return plans.map((x) => x.toPractitionerId);
      });
    },

    /** "Still right": the practitioner verifies their own profile (audited). */
    async stillRight(practitionerId: string, actor: Parameters<typeof writeAuditEvent>[1]['actor']): Promise<boolean> {
      return db.write(async (tx: ManagedTransaction) => {
        const now = new Date().toISOString();
        const res = await tx.run(
          `MATCH (p:Practitioner {id: $practitionerId})
           WITH p, p.lastVerifiedAt AS before
           SET p.lastVerifiedAt = $now, p.updatedAt = $now
           RETURN before`,
          { practitionerId, now },
        );
        if (!res.records.length) return false;
        await writeAuditEvent(tx, {
          actor,
          action: 'verify',
          entityType: 'Practitioner',
          entityId: practitionerId,
          before: { lastVerifiedAt: res.records[0]!.get('before') ?? null },
          after: { lastVerifiedAt: now },
        });
        return true;
      });
    },
  };
}

export type ReminderRepository = ReturnType<typeof createReminderRepository>;
