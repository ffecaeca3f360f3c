import { resolve } from 'node:path';
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { RestoreRefusedError, restoreBackup } from '../../modules/backup/backup.service.js';
import { UsageError, type CliCommand } from '../context.js';
import { progressBars } from './backup-progress.js';
import { reindexCommand } from './reindex.js';

/**
 * `restore FILE`: loads a backup into an empty database — migrations first (constraints), then nodes, then
 * relationships, then the search index is rebuilt. A database that holds data is refused unless --force, which
 * deletes everything in it first. Exit code 3 when refused.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Load a backup file into an empty database (--force empties it first), then reindex',
  usage: 'restore FILE [--force] [--no-reindex]',
  async run(args, ctx) {
    let file: string | undefined;
    let force = false;
    let reindex = true;
    for (const a of args) {
      if (a === '--force') force = true;
      else if (a === '--no-reindex') reindex = false;
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else if (file) throw new UsageError('give one backup file');
      else file = a;
    }
    if (!file) throw new UsageError('which backup file?');
    file = resolve(file);

    await runMigrations(ctx.db.driver, migrations, { ...(ctx.db.database ? { database: ctx.db.database } : {}), log: ctx.log });
    const bars = progressBars('restore');
    const started = Date.now();
    try {
      const s = await restoreBackup(ctx.db, file, { force, onProgress: (p) => bars.update(p) });
      bars.stop();
      ctx.log(
        `restore: ${s.nodes} nodes and ${s.relationships} relationships loaded from ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
          (s.wiped ? ` (${s.wiped} existing nodes deleted first, --force)` : ''),
      );
    } catch (e) {
      bars.stop();
      if (e instanceof RestoreRefusedError) {
        ctx.log(`restore refused: ${e.message}`);
        return 3;
      }
      throw e;
    }
    if (reindex && ctx.meili) await reindexCommand.run([], ctx);
    else if (reindex) ctx.log('restore: MEILI_HOST is not set; run `reindex` once search is configured');
  },
};
