import type { Role, SessionUser } from '@knotwork/graph-schema';
import type { Db } from '../../lib/db.js';

export interface StoredUser {
  id: string;
  email: string;
  role: Role;
  passwordHash: string;
  practitionerId: string | null;
  failedLogins: number;
  lastFailedLoginAt: string | null;
}

const sessionUserProjection = `{
  id: u.id, email: u.email, role: u.role,
  practitionerId: p.id, practitionerName: p.name
}`;

export function createAuthRepository(db: Db) {
  return {
    async findUserByEmail(email: string): Promise<StoredUser | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (u:User {email: $email})
           OPTIONAL MATCH (u)-[:IS]->(p:Practitioner)
           RETURN u { .id, .email, .role, .passwordHash, practitionerId: p.id,
                      failedLogins: coalesce(u.failedLogins, 0), lastFailedLoginAt: u.lastFailedLoginAt } AS user`,
          { email },
        );
        return (res.records[0]?.get('user') as StoredUser | undefined) ?? null;
      });
    },

    async recordFailedLogin(userId: string, at: string, windowStart: string): Promise<void> {
      await db.write((tx) =>
        tx.run(
          `MATCH (u:User {id: $userId})
           SET u.failedLogins = CASE WHEN coalesce(u.lastFailedLoginAt, '') < $windowStart THEN 1
                                     ELSE coalesce(u.failedLogins, 0) + 1 END,
               u.lastFailedLoginAt = $at`,
          { userId, at, windowStart },
        ),
      );
    },

    /** Starts a session: clears failed attempts and replaces any session the browser brought (fixation). */
    async createSession(input: {
      userId: string;
      tokenHash: string;
      expiresAt: string;
      createdAt: string;
      previousTokenHash: string | null;
    }): Promise<void> {
      await db.write(async (tx) => {
        if (input.previousTokenHash) {
          await tx.run('MATCH (s:Session {tokenHash: $h}) DETACH DELETE s', { h: input.previousTokenHash });
        }
        await tx.run(
          `MATCH (u:User {id: $userId})
           SET u.failedLogins = 0, u.lastFailedLoginAt = null, u.lastLoginAt = $createdAt
           CREATE (s:Session {tokenHash: $tokenHash, createdAt: $createdAt, expiresAt: $expiresAt})-[:FOR]->(u)`,
          input,
        );
      });
    },

    /** The live session with this token hash: its user and when it expires. */
    async findSession(tokenHash: string, now: string): Promise<{ user: SessionUser; expiresAt: string } | null> {
      return db.read(async (tx) => {
        const res = await tx.run(
          `MATCH (s:Session {tokenHash: $tokenHash})-[:FOR]->(u:User)
           WHERE s.expiresAt > $now
           OPTIONAL MATCH (u)-[:IS]->(p:Practitioner)
           RETURN ${sessionUserProjection} AS user, s.expiresAt AS expiresAt`,
          { tokenHash, now },
        );
        const row = res.records[0];
        return row ? { user: row.get('user') as SessionUser, expiresAt: row.get('expiresAt') as string } : null;
      });
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.write((tx) => tx.run('MATCH (s:Session {tokenHash: $tokenHash}) DETACH DELETE s', { tokenHash }));
    },

    async deleteExpiredSessions(now: string): Promise<void> {
      await db.write((tx) => tx.run('MATCH (s:Session) WHERE s.expiresAt <= $now DETACH DELETE s', { now }));
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
