import type { CliCommand } from '../context.js';
import { backupCommand } from './backup.js';
import { migrateCommand } from './migrate.js';
import { reindexCommand } from './reindex.js';
import { restoreCommand } from './restore.js';
import { seedCommand } from './seed.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';

/** Every CLI command. Add a command in its own file and list it here. */
export const commands: CliCommand[] = [migrateCommand, reindexCommand, seedCommand, backupCommand, restoreCommand, importCommand, exportCommand];
