import type { Migration } from './migration.js';

export const migration: Migration = {
  id: '0009',
  name: 'in-app notifications (unique id, by recipient and time); mail preferences; digest queue; saved teams',
  statements: [
    'CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE',
    'CREATE INDEX notification_recipient IF NOT EXISTS FOR (n:Notification) ON (n.recipientId, n.createdAt)',
    'CREATE INDEX mail_digest IF NOT EXISTS FOR (m:DigestItem) ON (m.recipientId)',
    'CREATE CONSTRAINT saved_team_id IF NOT EXISTS FOR (t:SavedTeam) REQUIRE t.id IS UNIQUE',
  ],
};
