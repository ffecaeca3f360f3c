import type { SessionUser } from '@knotwork/graph-schema';

/**
 * A short-lived, bounded in-process memo of signed-in sessions (token hash → user), so a signed-in request does
 * not cost a Neo4j round trip every time. Only sessions that exist are kept (forged cookies never fill it); an entry
 * is trusted for at most `ttlMs` and never past the session's own expiry. Logout, password and role changes and
 * account deletion in this process drop the entries at once; a change made by another process or directly in the
 * database takes effect within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now: number): SessionUser | null {
    const hit = this.entries.get(tokenHash);
    if (!hit) return null;
    if (hit.until <= now) {
      this.entries.delete(tokenHash);
      return null;
    }
    return hit.user;
  }

  set(tokenHash: string, user: SessionUser, sessionExpiresAt: number, now: number): void {
    if (this.ttlMs <= 0) return;
    const until = Math.min(now + this.ttlMs, sessionExpiresAt);
    if (until <= now) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { user, until });
    // Oldest first (Map keeps insertion order): drop the oldest when full.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forgetToken(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
