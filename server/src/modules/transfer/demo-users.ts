import { demoUsers } from '@knotwork/seed';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db.js';
import { hashPassword } from '../auth/password.js';
import { upsertUser } from './transfer.repository.js';

/**
 * Creates the four demo accounts (viewer, practitioner — linked to the demo practitioner —, coordinator, admin)
 * if they do not exist. Existing accounts keep their password. Only for demo mode.
 */
export async function ensureDemoUsers(db: Db, password: string): Promise<{ email: string; role: string; created: boolean }[]> {
  const out: { email: string; role: string; created: boolean }[] = [];
  for (const u of demoUsers) {
    const passwordHash = await hashPassword(password);
    const now = new Date().toISOString();
    const created = await db.write((tx) =>
      upsertUser(tx, { id: randomUUID(), email: u.email, role: u.role, passwordHash, practitionerId: u.practitionerId, now }),
    );
    out.push({ email: u.email, role: u.role, created });
  }
  return out;
}
