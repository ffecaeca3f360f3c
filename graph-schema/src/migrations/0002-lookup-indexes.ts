import type { Migration } from './migration.js';

export const migration: Migration = {
  id: '0002',
  name: 'lookup indexes for names, freshness, import keys, audit and outbox',
  statements: [
    'CREATE INDEX practitioner_name IF NOT EXISTS FOR (n:Practitioner) ON (n.name)',
    'CREATE INDEX practitioner_profession IF NOT EXISTS FOR (n:Practitioner) ON (n.profession)',
    'CREATE INDEX practitioner_verified IF NOT EXISTS FOR (n:Practitioner) ON (n.lastVerifiedAt)',
    'CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name)',
    'CREATE INDEX agency_verified IF NOT EXISTS FOR (n:Agency) ON (n.lastVerifiedAt)',
    'CREATE INDEX specialism_name IF NOT EXISTS FOR (n:Specialism) ON (n.name)',
    'CREATE INDEX need_name IF NOT EXISTS FOR (n:Need) ON (n.name)',
    'CREATE INDEX locality_name IF NOT EXISTS FOR (n:Locality) ON (n.name)',
    'CREATE INDEX forum_name IF NOT EXISTS FOR (n:Forum) ON (n.name)',
    'CREATE INDEX collaboration_started IF NOT EXISTS FOR (n:Collaboration) ON (n.startedOn)',
    'CREATE INDEX practitioner_source_key IF NOT EXISTS FOR (n:Practitioner) ON (n.sourceKey)',
    'CREATE INDEX agency_source_key IF NOT EXISTS FOR (n:Agency) ON (n.sourceKey)',
    'CREATE INDEX specialism_source_key IF NOT EXISTS FOR (n:Specialism) ON (n.sourceKey)',
    'CREATE INDEX locality_source_key IF NOT EXISTS FOR (n:Locality) ON (n.sourceKey)',
    'CREATE INDEX audit_entity IF NOT EXISTS FOR (n:AuditEvent) ON (n.entityId)',
    'CREATE INDEX outbox_seq IF NOT EXISTS FOR (n:OutboxEvent) ON (n.seq)',
  ],
};
