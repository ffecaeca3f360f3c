import { createHash, randomBytes } from 'node:crypto';
import type { LoginRequest, SessionUser } from '@knotwork/graph-schema';
import { AppError, UnauthenticatedError } from '../../lib/errors.js';
import type { AuthRepository } from './auth.repository.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { SessionCache } from './session-cache.js';

/** Per-account login throttle: this many failures within the window lock the account until it passes. */
export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How long a looked-up session is trusted without asking the database again (see SessionCache). */
export const SESSION_CACHE_MS = 10_000;

export function createAuthService(deps: {
  repository: AuthRepository;
  sessionTtlHours: number;
  now?: () => Date;
  sessionCacheMs?: number;
}) {
  const now = deps.now ?? (() => new Date());
  const cache = new SessionCache(deps.sessionCacheMs ?? SESSION_CACHE_MS);

  return {
    /** Checks the password and opens a new session; returns the token for the cookie. */
    async login(input: LoginRequest, previousToken: string | null): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
      const email = input.email.trim().toLowerCase();
      const user = await deps.repository.findUserByEmail(email);
      const at = now();
      const windowStart = new Date(at.getTime() - FAILED_LOGIN_WINDOW_MS).toISOString();
      if (user && user.failedLogins >= MAX_FAILED_LOGINS && (user.lastFailedLoginAt ?? '') >= windowStart) {
        throw new AppError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts for this account; try again in 15 minutes.');
      }
      const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        if (user) await deps.repository.recordFailedLogin(user.id, at.toISOString(), windowStart);
        throw new UnauthenticatedError('Email or password is not right');
      }
      if (previousToken) cache.forgetToken(hashToken(previousToken));
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at.getTime() + deps.sessionTtlHours * 3600 * 1000);
      await deps.repository.createSession({
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: expiresAt.toISOString(),
        createdAt: at.toISOString(),
        previousTokenHash: previousToken ? hashToken(previousToken) : null,
      });
      const session = await deps.repository.findSession(hashToken(token), at.toISOString());
      if (!session) throw new Error('session vanished right after it was created');
      return { token, user: session.user, expiresAt };
    },

    async userForToken(token: string): Promise<SessionUser | null> {
      const tokenHash = hashToken(token);
      const at = now();
      const cached = cache.get(tokenHash, at.getTime());
      if (cached) return cached;
      const session = await deps.repository.findSession(tokenHash, at.toISOString());
      if (!session) return null;
      cache.set(tokenHash, session.user, Date.parse(session.expiresAt), at.getTime());
      return session.user;
    },

    async logout(token: string): Promise<void> {
      const tokenHash = hashToken(token);
      cache.forgetToken(tokenHash);
      await deps.repository.deleteSession(tokenHash);
    },

    /** Drops cached sessions of a user whose role, password or account changed (see SessionCache). */
    forgetUser(userId: string): void {
      cache.forgetUser(userId);
    },

    /** Drops every cached session (after a change made outside this process, e.g. by a test or a restore). */
    forgetAllSessions(): void {
      cache.clear();
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
