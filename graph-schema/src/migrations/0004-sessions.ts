import type { Migration } from './migration.js';

export const migration: Migration = {
  id: '0004',
  name: 'sessions: unique token hash, expiry index',
  statements: [
    'CREATE CONSTRAINT session_token IF NOT EXISTS FOR (s:Session) REQUIRE s.tokenHash IS UNIQUE',
    'CREATE INDEX session_expires IF NOT EXISTS FOR (s:Session) ON (s.expiresAt)',
  ],
};
