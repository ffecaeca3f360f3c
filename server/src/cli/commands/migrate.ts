import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import type { CliCommand } from '../context.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending schema migrations (idempotent)',
  usage: 'migrate',
  async run(_args, ctx) {
    const report = await runMigrations(ctx.db.driver, migrations, {
      ...(ctx.db.database ? { database: ctx.db.database } : {}),
      log: ctx.log,
    });
    ctx.log(
      report.applied.length
        ? `applied ${report.applied.join(', ')}`
        : `schema up to date (${report.alreadyApplied.length} migrations)`,
    );
  },
};
