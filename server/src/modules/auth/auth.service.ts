import { createHash, randomBytes } from 'node:crypto';
import type { LoginRequest, SessionUser } from '@knotwork/graph-schema';
import { AppError, UnauthenticatedError } from '../../lib/errors.js';
import type { AuthRepository } from './auth.repository.js';
import { DUMMY_HASH, verifyPassword } from './password.js';

/** Per-account login throttle: this many failures within the window lock the account until it passes. */
export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createAuthService(deps: { repository: AuthRepository; sessionTtlHours: number; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

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
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at.getTime() + deps.sessionTtlHours * 3600 * 1000);
      await deps.repository.createSession({
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: expiresAt.toISOString(),
        createdAt: at.toISOString(),
        previousTokenHash: previousToken ? hashToken(previousToken) : null,
      });
      const sessionUser = await deps.repository.findSessionUser(hashToken(token), at.toISOString());
      if (!sessionUser) throw new Error('session vanished right after it was created');
      return { token, user: sessionUser, expiresAt };
    },

    async userForToken(token: string): Promise<SessionUser | null> {
      return deps.repository.findSessionUser(hashToken(token), now().toISOString());
    },

    async logout(token: string): Promise<void> {
      await deps.repository.deleteSession(hashToken(token));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
