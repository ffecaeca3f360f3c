import {
  DEFAULT_MAIL_PREFERENCES,
  type MailEventKind,
  type MailPreferences,
  type Notification,
} from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { enqueueMail } from '../mail/mail.repository.js';
import { digestMail } from './digest-mail.js';

/** One notification to write in the caller's transaction (the event's own). */
export interface NewNotification {
  recipientId: string;
  kind: string;
  text: string;
  link: string;
}

/**
 * Writes the notifications in the caller's transaction, so a notification exists exactly when its event does
 * (a rolled-back write leaves none). `recipientId` is a practitioner id.
 */
export async function writeNotifications(tx: ManagedTransaction, items: readonly NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await tx.run(
    `UNWIND $items AS n
     CREATE (:Notification {id: randomUUID(), recipientId: n.recipientId, kind: n.kind, text: n.text, link: n.link,
                            createdAt: $now, readAt: null})`,
    { items, now: new Date().toISOString() },
  );
}

/** Which preference a mail kind ("introduction.broker", "collaboration.recorded", …) falls under. */
export function eventKindOf(kind: string): MailEventKind {
  if (kind.startsWith('collaboration.')) return 'collaborations';
  if (kind.startsWith('team.')) return 'teams';
  if (kind.startsWith('reminder.')) return 'reminders';
  return 'introductions';
}

/** The practitioners' mail preferences (defaults where they have chosen none), read in the caller's transaction. */
export async function readMailPreferences(
  tx: ManagedTransaction,
  practitionerIds: readonly string[],
): Promise<Map<string, MailPreferences>> {
  const res = await tx.run(
    `UNWIND $ids AS id OPTIONAL MATCH (p:Practitioner {id: id})
     RETURN id, p.mailPreferences AS prefs`,
    { ids: [...new Set(practitionerIds)] },
  );
  return new Map(
    res.records.map((r) => {
      const raw = r.get('prefs') as string | null;
      let parsed: Partial<MailPreferences>;
      try {
        parsed = raw ? (JSON.parse(raw) as Partial<MailPreferences>) : {};
      } catch {
        parsed = {};
      }
      return [r.get('id') as string, { ...DEFAULT_MAIL_PREFERENCES, ...parsed }];
    }),
  );
}

/** Queues a line for the recipient's next daily digest, in the caller's transaction. */
export async function queueDigestItems(
  tx: ManagedTransaction,
  items: ReadonlyArray<{ recipientId: string; to: string; kind: string; subject: string }>,
): Promise<void> {
  if (items.length === 0) return;
  await tx.run(
    `UNWIND $items AS i
     CREATE (:DigestItem {id: randomUUID(), recipientId: i.recipientId, to: i.to, kind: i.kind, subject: i.subject,
                          createdAt: $now})`,
    { items, now: new Date().toISOString() },
  );
}

function toNotification(n: Record<string, unknown>): Notification {
  return {
    id: n.id as string,
    kind: n.kind as string,
    text: n.text as string,
    link: n.link as string,
    createdAt: n.createdAt as string,
    readAt: (n.readAt as string | null) ?? null,
  };
}

export function createNotificationRepository(db: Db, publicUrl = '') {
  return {
    async list(recipientId: string, limit = 50): Promise<{ items: Notification[]; unread: number }> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `CALL () {
             MATCH (n:Notification {recipientId: $recipientId})
             WITH n ORDER BY n.createdAt DESC LIMIT $limit
             RETURN collect(n {.*}) AS items
           }
           CALL () {
             MATCH (n:Notification {recipientId: $recipientId}) WHERE n.readAt IS NULL RETURN count(n) AS unread
           }
           RETURN items, unread`,
          { recipientId, limit: neo4j.int(limit) },
        );
        const row = res.records[0]!;
        return {
          items: (row.get('items') as Record<string, unknown>[]).map(toNotification),
          unread: Number(row.get('unread')),
        };
      });
    },

    /** Marks one of the recipient's notifications read; false when it is not theirs (or does not exist). */
    async markRead(id: string, recipientId: string): Promise<boolean> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (n:Notification {id: $id}) WHERE n.recipientId = $recipientId
           SET n.readAt = coalesce(n.readAt, $now) RETURN n.id AS id`,
          { id, recipientId, now: new Date().toISOString() },
        );
        return res.records.length > 0;
      });
    },

    async markAllRead(recipientId: string): Promise<number> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (n:Notification {recipientId: $recipientId}) WHERE n.readAt IS NULL
           SET n.readAt = $now RETURN count(n) AS n`,
          { recipientId, now: new Date().toISOString() },
        );
        return Number(res.records[0]!.get('n'));
      });
    },

    async preferences(practitionerId: string): Promise<MailPreferences> {
      return db.read(async (tx) => (await readMailPreferences(tx, [practitionerId])).get(practitionerId)!);
    },

    async setPreferences(practitionerId: string, prefs: MailPreferences): Promise<void> {
      await db.write((tx) =>
        tx.run(`MATCH (p:Practitioner {id: $practitionerId}) SET p.mailPreferences = $prefs`, {
          practitionerId,
          prefs: JSON.stringify(prefs),
        }),
      );
    },

    /**
     * Turns every recipient's queued digest lines into one mail each in the outbox and removes the lines, in one
     * transaction (a failed run leaves them queued for the next). Returns how many digests were queued.
     */
    async flushDigests(): Promise<number> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (i:DigestItem)
           WITH i ORDER BY i.createdAt
           WITH i.recipientId AS recipientId, i.to AS to, collect(i) AS items
           WITH to, items, [x IN items | x.subject] AS subjects
           FOREACH (x IN items | DETACH DELETE x)
           RETURN to, subjects`,
        );
        const digests = res.records.map((r) =>
          digestMail(r.get('to') as string, r.get('subjects') as string[], publicUrl),
        );
        await enqueueMail(tx, digests);
        return digests.length;
      });
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
