import { ImportFormat, type ImportFile } from '@knotwork/graph-schema';
import cliProgress from 'cli-progress';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  EncodingError,
  decodeImportFile,
  TRANSCODABLE,
  type SourceEncoding,
} from '../../modules/transfer/text-encoding.js';
import { ImportFormatError, runImport } from '../../modules/transfer/transfer.service.js';
import { reportLines } from './import-report.js';
import { UsageError, type CliCommand } from '../context.js';

interface ReadFiles {
  files: Record<string, string>;
  /** Files in the directories given that the format does not read (a sidecar .json beside CSVs, a README). */
  ignored: ImportFile[];
}

function readFiles(paths: string[], ext: RegExp, encoding: SourceEncoding): ReadFiles {
  const files: Record<string, string> = {};
  const ignored: ImportFile[] = [];
  const read = (path: string, name: string) => {
    files[name] = decodeImportFile(name, readFileSync(path), encoding);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        if (ext.test(f)) read(join(p, f), f);
        else if (statSync(join(p, f)).isFile())
          ignored.push({
            file: f,
            status: 'ignored',
            reason: `not a ${ext.source.includes('json') ? '.json' : '.csv'} file: this format does not read it`,
          });
      }
    } else read(p, basename(p));
  }
  if (!Object.keys(files).length)
    throw new UsageError(`no ${ext.source.includes('json') ? '.json' : '.csv'} files found in ${paths.join(', ')}`);
  return { files, ignored };
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
  usage:
    'import --format knotwork-csv|ohana-csv|oruk-json --name NAME [--dry-run] [--sync] [--encoding windows-1252|latin1|utf-16le] [--report FILE.json] <file-or-dir>...',
  async run(args, ctx) {
    let format: ImportFormat | undefined;
    let name: string | undefined;
    let dryRun = false;
    let sync = false;
    let encoding: SourceEncoding = 'utf-8';
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
      else if (a === '--sync') sync = true;
      else if (a === '--encoding') {
        const e = (args[++i] ?? '').toLowerCase();
        if (!(TRANSCODABLE as readonly string[]).includes(e) && e !== 'utf-8')
          throw new UsageError(`--encoding must be utf-8, ${TRANSCODABLE.join(', ')}`);
        encoding = e as SourceEncoding;
      } else if (a === '--report') reportPath = args[++i];
      else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else paths.push(a);
    }
    if (!format) throw new UsageError('--format is required');
    if (!name || !/^[a-z0-9._-]{1,60}$/.test(name))
      throw new UsageError(
        '--name is required: 1–60 characters of a-z, 0-9, ., _ or - (nodes get source "import:<name>")',
      );
    if (!paths.length) throw new UsageError('give at least one file or directory');
    let read: ReadFiles;
    try {
      read = readFiles(paths, format === 'oruk-json' ? /\.json$/i : /\.csv$/i, encoding);
    } catch (e) {
      // A file in the wrong encoding is a problem with the data, not with how the command was typed: no usage line.
      if (e instanceof EncodingError) {
        console.error(e.message);
        return 1;
      }
      throw e;
    }
    const { files, ignored } = read;
    console.log(
      `import: ${Object.keys(files).length} files as ${format} (source import:${name})${dryRun ? ', dry run' : ''}${sync ? ', sync' : ''}`,
    );
    for (const f of ignored) console.log(`  ignored ${f.file}: ${f.reason}`);
    const bar = new cliProgress.SingleBar(
      {
        format: 'import |{bar}| {percentage}% | {value}/{total} records',
        stream: process.stderr,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5_000,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let report;
    try {
      report = await runImport(
        ctx.db,
        { format, name, files, dryRun, sync, actor: null },
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
    report.files.push(...ignored);
    for (const line of reportLines(report, Boolean(reportPath))) console.log(line);
    if (reportPath) {
      writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`import: full report written to ${reportPath}`);
    }
    return 0;
  },
};
