import { randomUUID } from 'node:crypto';
import type { Role, SessionUser, UserView } from '@knotwork/graph-schema';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Db } from '../../lib/db.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { writeAuditEvent } from '../audit/audit.repository.js';
import { hashPassword } from '../auth/password.js';
import { decodeCursor, encodeCursor } from '../directory/node.service.js';
import type { UserRepository } from './user.repository.js';

/** Account management for admins. Emails are stored lower-case (sign-in lower-cases too). */
/** `onUserChanged` runs after a user's role, password, practitioner link or account changed (session cache). */
export function createUserService(deps: { db: Db; repository: UserRepository; onUserChanged?: (userId: string) => void }) {
  const { db, repository } = deps;
  const audited = (u: UserView | null) => (u ? { ...u } : null); // never holds the password hash

  async function checkPractitioner(tx: ManagedTransaction, practitionerId: string | null | undefined, userId: string | null) {
    if (!practitionerId) return;
    if (!(await repository.practitionerExists(tx, practitionerId))) throw new NotFoundError('Practitioner', practitionerId);
    const other = await repository.accountOfPractitioner(tx, practitionerId, userId);
    if (other) throw new ConflictError(`Practitioner ${practitionerId} is already linked to the account ${other}`);
  }

  return {
    async list(query: { q?: string | undefined; role?: Role | undefined; sort: string; cursor?: string | undefined; limit: number }) {
      const desc = query.sort.startsWith('-');
      const page = await repository.list({
        q: query.q?.trim() ? query.q.trim() : null,
        role: query.role ?? null,
        sortKey: desc ? query.sort.slice(1) : query.sort,
        desc,
        after: query.cursor ? decodeCursor(query.cursor, query.sort) : null,
        limit: query.limit,
      });
      const items = page.rows.slice(0, query.limit);
      const last = items.length - 1;
      const nextCursor =
        page.rows.length > query.limit && last >= 0 ? encodeCursor(query.sort, page.sortValues[last]!, items[last]!.id) : null;
      return { items, total: page.total, nextCursor };
    },

    async get(id: string): Promise<UserView> {
      const user = await repository.get(id);
      if (!user) throw new NotFoundError('User', id);
      return user;
    },

    async create(actor: SessionUser, input: { email: string; password: string; role: Role; practitionerId: string | null }) {
      const email = input.email.trim().toLowerCase();
      const passwordHash = await hashPassword(input.password);
      const id = randomUUID();
      const at = new Date().toISOString();
      return db.write(async (tx) => {
        if (await repository.emailTaken(tx, email)) {
          throw new ConflictError(`An account with the email ${email} already exists`, { field: 'body.email' });
        }
        await checkPractitioner(tx, input.practitionerId, null);
        await repository.create(tx, { id, email, passwordHash, role: input.role, practitionerId: input.practitionerId, at });
        const after = await repository.get(id, tx);
        await writeAuditEvent(tx, { actor, action: 'create', entityType: 'User', entityId: id, before: null, after: audited(after) });
        return after!;
      });
    },

    async update(actor: SessionUser, id: string, patch: { password?: string | undefined; role?: Role | undefined; practitionerId?: string | null | undefined }) {
      const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
      return db.write(async (tx) => {
        const before = await repository.get(id, tx);
        if (!before) throw new NotFoundError('User', id);
        if (before.role === 'admin' && patch.role !== undefined && patch.role !== 'admin' && (await repository.countAdmins(tx)) <= 1) {
          throw new ConflictError('This is the last admin account; make another admin first');
        }
        await checkPractitioner(tx, patch.practitionerId, id);
        await repository.update(
          tx,
          id,
          {
            ...(patch.role !== undefined ? { role: patch.role } : {}),
            ...(passwordHash !== undefined ? { passwordHash } : {}),
            ...(patch.practitionerId !== undefined ? { practitionerId: patch.practitionerId } : {}),
          },
          new Date().toISOString(),
        );
        if (passwordHash !== undefined) await repository.deleteSessions(tx, id);
        const after = await repository.get(id, tx);
        await writeAuditEvent(tx, {
          actor,
          action: 'update',
          entityType: 'User',
          entityId: id,
          before: audited(before),
          after: { ...audited(after), ...(passwordHash !== undefined ? { passwordChanged: true } : {}) },
        });
        return after!;
      }).finally(() => deps.onUserChanged?.(id));
    },

    async remove(actor: SessionUser, id: string): Promise<void> {
      if (actor.id === id) throw new ConflictError('You cannot delete your own account');
      await db.write(async (tx) => {
        const before = await repository.get(id, tx);
        if (!before) throw new NotFoundError('User', id);
        if (before.role === 'admin' && (await repository.countAdmins(tx)) <= 1) {
          throw new ConflictError('This is the last admin account');
        }
        await repository.deleteSessions(tx, id);
        await repository.delete(tx, id);
        await writeAuditEvent(tx, { actor, action: 'delete', entityType: 'User', entityId: id, before: audited(before), after: null });
      }).finally(() => deps.onUserChanged?.(id));
    },
  };
}
