import type { Migration } from './migration.js';

export const migration: Migration = {
  id: '0007',
  name: 'introduction requests (unique id, lookups by party and expiry); mail outbox and one-click action tokens',
  statements: [
    'CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (r:IntroductionRequest) REQUIRE r.id IS UNIQUE',
    'CREATE INDEX introduction_requester IF NOT EXISTS FOR (r:IntroductionRequest) ON (r.requesterId)',
    'CREATE INDEX introduction_broker IF NOT EXISTS FOR (r:IntroductionRequest) ON (r.brokerId)',
    'CREATE INDEX introduction_target IF NOT EXISTS FOR (r:IntroductionRequest) ON (r.targetId)',
    'CREATE INDEX introduction_expiry IF NOT EXISTS FOR (r:IntroductionRequest) ON (r.status, r.expiresAt)',
    'CREATE CONSTRAINT action_token_hash IF NOT EXISTS FOR (t:ActionToken) REQUIRE t.tokenHash IS UNIQUE',
    'CREATE INDEX mail_due IF NOT EXISTS FOR (m:MailMessage) ON (m.nextAttemptAt)',
  ],
};
