import { createHash, randomBytes } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { eventKindOf, queueDigestItems, readMailPreferences, writeNotifications } from '../notifications/notification.repository.js';

/**
 * The mail outbox: a message is a `:MailMessage` node written in the same transaction as the change it tells of,
 * so nothing is sent for a rolled-back write; the mail worker sends due messages and marks them sent. A message
 * whose send failed stays, with a later `nextAttemptAt`, so an SMTP outage delays mail and loses none.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Why it is sent, for the logs and tests: "introduction.broker", … */
  kind: string;
}

export async function enqueueMail(tx: ManagedTransaction, messages: readonly OutgoingMail[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.run(
    `UNWIND $messages AS m
     CREATE (:MailMessage {id: randomUUID(), to: m.to, subject: m.subject, text: m.text, kind: m.kind,
                           createdAt: $now, nextAttemptAt: $now, attempts: 0, sentAt: null})`,
    { messages, now: new Date().toISOString() },
  );
}

export type MailAction =
  | 'introduction.broker-accept'
  | 'introduction.target-accept'
  | 'introduction.broker-decline'
  | 'introduction.target-decline'
  | 'collaboration.confirm'
  | 'profile.still-right';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A one-click action link's token: it allows exactly one action on one request by one practitioner, once, until it
 * expires. Only its hash is stored. It signs nobody in.
 */
export async function createActionToken(
  tx: ManagedTransaction,
  input: { action: MailAction; subjectId: string; practitionerId: string; expiresAt: string },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.run(
    `CREATE (:ActionToken {tokenHash: $hash, action: $action, subjectId: $subjectId, practitionerId: $practitionerId,
                           expiresAt: $expiresAt, createdAt: $now, usedAt: null})`,
    { ...input, hash: hashToken(token), now: new Date().toISOString() },
  );
  return token;
}

export interface StoredMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  attempts: number;
}

export interface StoredActionToken {
  action: MailAction;
  subjectId: string;
  practitionerId: string;
  expiresAt: string;
  usedAt: string | null;
}

export function createMailRepository(db: Db) {
  return {
    /** The practitioner a mail link was sent to, with their account when they have one (the audit log names it). */
    async recipientAccount(practitionerId: string): Promise<Record<string, unknown> | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (p:Practitioner {id: $practitionerId}) OPTIONAL MATCH (u:User)-[:IS]->(p)
           RETURN p.name AS name, p.email AS workEmail, u.id AS userId, u.email AS email LIMIT 1`,
          { practitionerId },
        );
        return res.records[0]?.toObject() ?? null;
      });
    },
    /** Claims up to `limit` due messages for `leaseMs` (another worker skips them meanwhile). */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<StoredMail[]> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (m:MailMessage) WHERE m.sentAt IS NULL AND m.nextAttemptAt <= $now
           WITH m ORDER BY m.createdAt LIMIT $limit
           SET m.nextAttemptAt = $leaseUntil
           RETURN m {.id, .to, .subject, .text, .kind, .attempts} AS m`,
          { now: now.toISOString(), leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), limit: neo4j.int(limit) },
        );
        return res.records.map((r) => {
          const m = r.get('m') as Record<string, unknown>;
          return { ...(m as unknown as StoredMail), attempts: Number(m.attempts) };
        });
      });
    },

    async markSent(id: string, messageId: string): Promise<void> {
      await db.write((tx) =>
        tx.run(`MATCH (m:MailMessage {id: $id}) SET m.sentAt = $now, m.messageId = $messageId, m.lastError = null`, {
          id,
          messageId,
          now: new Date().toISOString(),
        }),
      );
    },

    async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
      await db.write((tx) =>
        tx.run(
          `MATCH (m:MailMessage {id: $id})
           SET m.attempts = m.attempts + 1, m.lastError = $error, m.nextAttemptAt = $next`,
          { id, error: error.slice(0, 500), next: nextAttemptAt.toISOString() },
        ),
      );
    },

    async pendingCount(): Promise<number> {
      return db.read(async (tx) => {
        const res = await tx.run(`MATCH (m:MailMessage) WHERE m.sentAt IS NULL RETURN count(m) AS n`);
        return Number(res.records[0]!.get('n'));
      });
    },

    async token(token: string): Promise<StoredActionToken | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (t:ActionToken {tokenHash: $hash}) RETURN t {.action, .subjectId, .practitionerId, .expiresAt, .usedAt} AS t`,
          { hash: hashToken(token) },
        );
        return (res.records[0]?.get('t') as StoredActionToken | undefined) ?? null;
      });
    },

    /** Marks the token used, once: false when it was used already or has expired. */
    async useToken(token: string, now: string): Promise<boolean> {
      return db.write(async (tx) => {
        const res = await tx.run(
          `MATCH (t:ActionToken {tokenHash: $hash}) WHERE t.usedAt IS NULL AND t.expiresAt > $now
           SET t.usedAt = $now RETURN t.tokenHash AS h`,
          { hash: hashToken(token), now },
        );
        return res.records.length > 0;
      });
    },
  };
}

export type MailRepository = ReturnType<typeof createMailRepository>;

/** A message to a practitioner, addressed when it is queued; `{link}` in the text becomes the one-click link. */
export interface PlannedMail {
  toPractitionerId: string;
  kind: string;
  subject: string;
  text: string;
  link?: { action: MailAction; subjectId: string; expiresAt: string };
  /** A second one-click link (`{declineLink}` in the text), e.g. to decline the request. */
  declineLink?: { action: MailAction; subjectId: string; expiresAt: string };
  /** Where the in-app notification of the same event points (default /introductions). */
  appLink?: string;
}

/**
 * Queues planned mail in the caller's transaction: each practitioner is written to at their account's email (else
 * their work email; nobody without either), and each link gets a fresh single-use token for that practitioner only.
 */
export async function enqueuePlannedMail(tx: ManagedTransaction, plans: readonly PlannedMail[], publicUrl: string): Promise<void> {
  if (plans.length === 0) return;
  // The in-app notification of each event, whatever the mail preferences say (nothing depends on email).
  await writeNotifications(
    tx,
    plans.map((p) => ({ recipientId: p.toPractitionerId, kind: p.kind, text: p.subject, link: p.appLink ?? '/introductions' })),
  );
  const prefs = await readMailPreferences(tx, plans.map((p) => p.toPractitionerId));
  const digest: Array<{ recipientId: string; to: string; kind: string; subject: string }> = [];
  const res = await tx.run(
    `UNWIND $ids AS id MATCH (p:Practitioner {id: id})
     OPTIONAL MATCH (u:User)-[:IS]->(p)
     WITH id, p, u ORDER BY u.createdAt
     WITH id, p, collect(u.email) AS accounts
     RETURN id, coalesce(head(accounts), p.email) AS email`,
    { ids: [...new Set(plans.map((p) => p.toPractitionerId))] },
  );
  const emailOf = new Map(res.records.map((r) => [r.get('id') as string, r.get('email') as string | null]));
  const messages: OutgoingMail[] = [];
  for (const plan of plans) {
    const to = emailOf.get(plan.toPractitionerId);
    if (!to) continue;
    // Nobody is mailed more than their settings allow: off sends nothing, digest gathers a line for the daily mail.
    const delivery = prefs.get(plan.toPractitionerId)?.[eventKindOf(plan.kind)] ?? 'immediate';
    if (delivery === 'off') continue;
    if (delivery === 'digest') {
      digest.push({ recipientId: plan.toPractitionerId, to, kind: plan.kind, subject: plan.subject });
      continue;
    }
    let text = plan.text;
    if (plan.link) {
      const token = await createActionToken(tx, { ...plan.link, practitionerId: plan.toPractitionerId });
      text = text.replaceAll('{link}', `${publicUrl}/mail-actions/${token}`);
    }
    if (plan.declineLink) {
      const token = await createActionToken(tx, { ...plan.declineLink, practitionerId: plan.toPractitionerId });
      text = text.replaceAll('{declineLink}', `${publicUrl}/mail-actions/${token}`);
    }
    messages.push({ to, subject: plan.subject, text, kind: plan.kind });
  }
  await enqueueMail(tx, messages);
  await queueDigestItems(tx, digest);
}
