import type { Migration } from './migration.js';

const labels = [
  'Practitioner',
  'Agency',
  'Specialism',
  'Need',
  'Locality',
  'Forum',
  'Collaboration',
  'User',
  'AuditEvent',
  'OutboxEvent',
] as const;

export const migration: Migration = {
  id: '0001',
  name: 'unique id per label, unique user email',
  statements: [
    ...labels.map(
      (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
    ),
    'CREATE CONSTRAINT user_email IF NOT EXISTS FOR (u:User) REQUIRE u.email IS UNIQUE',
  ],
};
