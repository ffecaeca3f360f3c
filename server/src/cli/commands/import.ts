import { ImportFormat } from '@knotwork/graph-schema';
import cliProgress from 'cli-progress';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ImportFormatError, runImport } from '../../modules/transfer/transfer.service.js';
import { UsageError, type CliCommand } from '../context.js';

function readFiles(paths: string[], ext: RegExp): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (ext.test(f)) files[f] = readFileSync(join(p, f), 'utf8');
    } else files[basename(p)] = readFileSync(p, 'utf8');
  }
  if (!Object.keys(files).length) throw new UsageError(`no ${ext.source.includes('json') ? '.json' : '.csv'} files found in ${paths.join(', ')}`);
  return files;
}

/**
 * `import`: Knotwork CSV (a directory written by `export --format csv`), Open Referral HSDS 1.x CSV (Ohana
 * layout) or HSDS 3 / Open Referral UK JSON. Validates everything first (malformed files: line-numbered errors,
 * nothing written), then upserts by id/source key, so running it again changes nothing.
 */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import Knotwork CSV, Open Referral HSDS 1.x CSV (Ohana) or Open Referral UK / HSDS 3 JSON',
  stopsSafely: true,
  usage: 'import --format knotwork-csv|ohana-csv|oruk-json --name NAME [--dry-run] [--report FILE.json] <file-or-dir>...',
  async run(args, ctx) {
    let format: ImportFormat | undefined;
    let name: string | undefined;
    let dryRun = false;
    let reportPath: string | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--format') {
        const f = ImportFormat.safeParse(args[++i]);
        if (!f.success) throw new UsageError('--format must be knotwork-csv, ohana-csv or oruk-json');
        format = f.data;
      } else if (a === '--name') name = args[++i];
      else if (a === '--dry-run') dryRun = true;
      else if (a === '--report') reportPath = args[++i];
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else paths.push(a);
    }
    if (!format) throw new UsageError('--format is required');
    if (!name || !/^[a-z0-9._-]{1,60}$/.test(name)) throw new UsageError('--name is required: 1–60 characters of a-z, 0-9, ., _ or - (nodes get source "import:<name>")');
    if (!paths.length) throw new UsageError('give at least one file or directory');
    const files = readFiles(paths, format === 'oruk-json' ? /\.json$/i : /\.csv$/i);
    console.log(`import: ${Object.keys(files).length} files as ${format} (source import:${name})${dryRun ? ', dry run' : ''}`);
    const bar = new cliProgress.SingleBar(
      { format: 'import |{bar}| {percentage}% | {value}/{total} records', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let report;
    try {
      report = await runImport(
        ctx.db,
        { format, name, files, dryRun, actor: null },
        (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
        ctx.signal,
      );
    } catch (e) {
      if (started) bar.stop();
      if (e instanceof ImportFormatError) {
        console.error(e.message);
        return 1;
      }
      throw e;
    }
    if (started) bar.stop();
    const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    console.log(`import: created ${fmt(report.created)}`);
    console.log(`import: updated ${fmt(report.updated)}`);
    console.log(`import: ${report.rejected.length} records or fields rejected, ${report.unmappedFields.length} unmapped fields`);
    for (const r of report.rejected.slice(0, 30)) console.log(`  rejected ${r.file ?? ''}${r.line !== undefined ? `:${r.line}` : ''}${r.field ? ` [${r.field}]` : ''}: ${r.reason}`);
    if (report.rejected.length > 30) console.log(`  … ${report.rejected.length - 30} more${reportPath ? '' : ' (use --report FILE.json for all)'}`);
    for (const u of report.unmappedFields.slice(0, 30)) console.log(`  unmapped ${u.file} ${u.field} (${u.count} values)`);
    if (report.unmappedFields.length > 30) console.log(`  … ${report.unmappedFields.length - 30} more unmapped fields`);
    if (reportPath) {
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`import: full report written to ${reportPath}`);
    }
    return 0;
  },
};
