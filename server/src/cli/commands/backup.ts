import { resolve } from 'node:path';
import { writeBackup } from '../../modules/backup/backup.service.js';
import { UsageError, type CliCommand } from '../context.js';
import { progressBars } from './backup-progress.js';

function defaultFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return `knotwork-backup-${stamp}.jsonl.gz`;
}

/**
 * `backup`: writes every node (users included, sessions not) and relationship with its properties to one file
 * (JSON lines, gzip when the name ends in .gz). Restore it with `restore`. The file holds password hashes and
 * personal data: it is written with mode 600; keep it as safe as the database.
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Write the whole graph (sessions excluded) to a file; restore it with `restore`',
  stopsSafely: true,
  usage: 'backup [--out FILE.jsonl.gz]',
  async run(args, ctx) {
    let file = defaultFile();
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--out' || args[i] === '-o') {
        const v = args[++i];
        if (!v || v.startsWith('--')) throw new UsageError('--out needs a file name');
        file = v;
      } else throw new UsageError(`unknown option ${args[i]}`);
    }
    file = resolve(file);
    const bars = progressBars('backup');
    const started = Date.now();
    try {
      const s = await writeBackup(ctx.db, file, (p) => bars.update(p), ctx.signal);
      bars.stop();
      ctx.log(`backup: ${s.nodes} nodes and ${s.relationships} relationships written to ${s.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      bars.stop();
    }
  },
};
