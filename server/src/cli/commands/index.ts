import type { CliCommand } from '../context.js';
import { migrateCommand } from './migrate.js';

/** Every CLI command. Add a command in its own file and list it here. */
export const commands: CliCommand[] = [migrateCommand];
