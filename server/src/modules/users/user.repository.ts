import type { Role, UserView } from '@knotwork/graph-schema';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypherAfter, cypherDirection } from '../../lib/cypher.js';
import type { Db } from '../../lib/db.js';

/** Accounts. The password hash never leaves this module except to be written. */
const USER_VIEW = `u { .id, .email, .role, .createdAt, .updatedAt, lastLoginAt: u.lastLoginAt,
                       practitionerId: p.id, practitionerName: p.name }`;

function toView(v: Record<string, unknown>): UserView {
  return {
    id: v.id as string,
    email: v.email as string,
    role: v.role as Role,
    createdAt: (v.createdAt as string | null) ?? '1970-01-01T00:00:00.000Z',
    updatedAt: (v.updatedAt as string | null) ?? (v.createdAt as string | null) ?? '1970-01-01T00:00:00.000Z',
    lastLoginAt: (v.lastLoginAt as string | null) ?? null,
    practitionerId: (v.practitionerId as string | null) ?? null,
    practitionerName: (v.practitionerName as string | null) ?? null,
  };
}

export function createUserRepository(db: Db) {
  return {
    async list(p: {
      q: string | null;
      role: Role | null;
      sortKey: string;
      desc: boolean;
      after: { key: string; id: string } | null;
      limit: number;
    }): Promise<{ rows: UserView[]; sortValues: string[]; total: number }> {
      const where = `WHERE ($q IS NULL OR u.email CONTAINS toLower($q)) AND ($role IS NULL OR u.role = $role)`;
      const params = { ...p, limit: neo4j.int(p.limit + 1) };
      return db.read(async (tx) => {
        const page = await tx.run(
          `MATCH (u:User) ${where}
           WITH u, toLower(coalesce(toString(u[$sortKey]), '')) AS sortValue
           WHERE $after IS NULL OR sortValue ${cypherAfter(p.desc)} $after.key
              OR (sortValue = $after.key AND u.id ${cypherAfter(p.desc)} $after.id)
           OPTIONAL MATCH (u)-[:IS]->(p:Practitioner)
           RETURN ${USER_VIEW} AS user, sortValue
           ORDER BY sortValue ${cypherDirection(p.desc)}, u.id ${cypherDirection(p.desc)}
           LIMIT $limit`,
          params,
        );
        const count = await tx.run(`MATCH (u:User) ${where} RETURN count(u) AS total`, params);
        return {
          rows: page.records.map((r) => toView(r.get('user') as Record<string, unknown>)),
          sortValues: page.records.map((r) => r.get('sortValue') as string),
          total: (count.records[0]?.get('total') as number) ?? 0,
        };
      });
    },

    async get(id: string, tx?: ManagedTransaction): Promise<UserView | null> {
      const work = async (t: ManagedTransaction) => {
        const res = await t.run(
          `MATCH (u:User {id: $id}) OPTIONAL MATCH (u)-[:IS]->(p:Practitioner) RETURN ${USER_VIEW} AS user`,
          { id },
        );
        const v = res.records[0]?.get('user') as Record<string, unknown> | undefined;
        return v ? toView(v) : null;
      };
      return tx ? work(tx) : db.read(work);
    },

    async emailTaken(tx: ManagedTransaction, email: string): Promise<boolean> {
      const res = await tx.run('MATCH (u:User {email: $email}) RETURN count(u) AS n', { email });
      return ((res.records[0]?.get('n') as number) ?? 0) > 0;
    },

    async practitionerExists(tx: ManagedTransaction, id: string): Promise<boolean> {
      const res = await tx.run('MATCH (p:Practitioner {id: $id}) RETURN count(p) AS n', { id });
      return ((res.records[0]?.get('n') as number) ?? 0) > 0;
    },

    /** The other account already linked to this practitioner, if any. */
    async accountOfPractitioner(tx: ManagedTransaction, practitionerId: string, exceptUserId: string | null): Promise<string | null> {
      const res = await tx.run(
        `MATCH (u:User)-[:IS]->(:Practitioner {id: $practitionerId})
         WHERE $exceptUserId IS NULL OR u.id <> $exceptUserId
         RETURN u.email AS email LIMIT 1`,
        { practitionerId, exceptUserId },
      );
      return (res.records[0]?.get('email') as string | undefined) ?? null;
    },

    async create(
      tx: ManagedTransaction,
      u: { id: string; email: string; passwordHash: string; role: Role; practitionerId: string | null; at: string },
    ): Promise<void> {
      await tx.run(
        `CREATE (u:User {id: $id, email: $email, passwordHash: $passwordHash, role: $role, createdAt: $at, updatedAt: $at})
         WITH u
         OPTIONAL MATCH (p:Practitioner {id: $practitionerId})
         FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (u)-[:IS]->(p))`,
        u,
      );
    },

    async update(
      tx: ManagedTransaction,
      id: string,
      patch: { role?: Role; passwordHash?: string; practitionerId?: string | null },
      at: string,
    ): Promise<void> {
      const set: Record<string, unknown> = { updatedAt: at };
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.passwordHash !== undefined) set.passwordHash = patch.passwordHash;
      await tx.run('MATCH (u:User {id: $id}) SET u += $set', { id, set });
      if (patch.practitionerId !== undefined) {
        await tx.run(
          `MATCH (u:User {id: $id})
           OPTIONAL MATCH (u)-[old:IS]->() DELETE old
           WITH DISTINCT u
           OPTIONAL MATCH (p:Practitioner {id: $practitionerId})
           FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (u)-[:IS]->(p))`,
          { id, practitionerId: patch.practitionerId },
        );
      }
    },

    /** Ends every session of the account (after a password change or deletion). */
    async deleteSessions(tx: ManagedTransaction, userId: string): Promise<void> {
      await tx.run('MATCH (s:Session)-[:FOR]->(:User {id: $userId}) DETACH DELETE s', { userId });
    },

    async delete(tx: ManagedTransaction, id: string): Promise<void> {
      await tx.run('MATCH (u:User {id: $id}) DETACH DELETE u', { id });
    },

    async countAdmins(tx: ManagedTransaction): Promise<number> {
      const res = await tx.run(`MATCH (u:User {role: 'admin'}) RETURN count(u) AS n`);
      return (res.records[0]?.get('n') as number) ?? 0;
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
