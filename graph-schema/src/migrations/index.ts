import { migration as m0001 } from './0001-unique-ids.js';
import { migration as m0002 } from './0002-lookup-indexes.js';
import { migration as m0003 } from './0003-fulltext-search.js';
import { migration as m0004 } from './0004-sessions.js';
import { migration as m0005 } from './0005-search-lease.js';
import { migration as m0006 } from './0006-locations.js';
import { migration as m0007 } from './0007-introductions.js';
import { migration as m0009 } from './0009-notifications.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';
export { runMigrations, appliedMigrations, migrationChecksum, type MigrationReport } from './runner.js';

/** Every migration, in order. Add new ones at the end with the next number; never edit an applied one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0009];
