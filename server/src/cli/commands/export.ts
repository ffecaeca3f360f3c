import cliProgress from 'cli-progress';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { CSV_FILES, csvChunks, fileNameFor, graphDocument, toGraphml, totalDirectoryNodes } from '../../modules/transfer/export.js';
import { hsdsOrganizations } from '../../modules/transfer/hsds-export.js';
import { UsageError, type CliCommand } from '../context.js';

/**
 * `export`: the Knotwork CSV layout (one file per label and relationship type, into a directory), or the
 * whole graph / the neighbourhood of a node as JSON or GraphML. Output is ordered by id: the same graph always
 * gives byte-identical files.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the graph as Knotwork CSV files, JSON or GraphML (whole graph or around a node)',
  usage: 'export --format csv|json|graphml|hsds --out PATH [--around ID] [--depth 1-3] [--cap N] [--source SOURCE]',
  async run(args, ctx) {
    let format = '';
    let out = '';
    let around: string | undefined;
    let depth = 1;
    let cap = 2000;
    const sources: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--format') format = args[++i] ?? '';
      else if (a === '--out') out = args[++i] ?? '';
      else if (a === '--around') around = args[++i];
      else if (a === '--depth') depth = Number(args[++i]);
      else if (a === '--cap') cap = Number(args[++i]);
      else if (a === '--source') sources.push(args[++i] ?? '');
      else throw new UsageError(`unknown option ${a}`);
    }
    if (!['csv', 'json', 'graphml', 'hsds'].includes(format)) throw new UsageError('--format must be csv, json, graphml or hsds');
    if (!out) throw new UsageError('--out is required (a directory for csv, a file for json/graphml)');
    if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new UsageError('--depth must be 1, 2 or 3');
    if (!Number.isInteger(cap) || cap < 1) throw new UsageError('--cap must be a positive integer');
    if (around && (format === 'csv' || format === 'hsds')) throw new UsageError('--around works with --format json or graphml');

    if (format === 'hsds') {
      const page = await hsdsOrganizations(ctx.db, sources.length ? sources : null);
      writeFileSync(out, `${JSON.stringify(page, null, 2)}\n`);
      ctx.log(`export: ${String(page.total_items)} organizations with their services and locations as Open Referral HSDS 3 / ORUK JSON to ${out}`);
      return;
    }

    if (format === 'csv') {
      mkdirSync(out, { recursive: true });
      const total = await totalDirectoryNodes(ctx.db);
      const bar = new cliProgress.SingleBar(
        { format: 'export |{bar}| {value} rows | {file}', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { file: '' });
      let rows = 0;
      for (const what of CSV_FILES) {
        const stream = createWriteStream(join(out, fileNameFor(what)));
        for await (const chunk of csvChunks(ctx.db, what, {
          sources: sources.length ? sources : null,
          onProgress: (n) => {
            rows += n;
            if (rows > bar.getTotal()) bar.setTotal(rows);
            bar.update(rows, { file: fileNameFor(what) });
          },
        })) {
          if (!stream.write(chunk)) await once(stream, 'drain');
        }
        stream.end();
        await once(stream, 'finish');
      }
      bar.stop();
      console.log(`export: ${rows} rows in ${CSV_FILES.length} files written to ${out}`);
      return 0;
    }
    const doc = await graphDocument(ctx.db, { ...(around ? { around } : {}), depth, cap, sources: sources.length ? sources : null });
    if (!doc) {
      console.error(`export: no node with id ${around}`);
      return 1;
    }
    writeFileSync(out, format === 'graphml' ? toGraphml(doc) : `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`export: ${doc.nodes.length} nodes and ${doc.relationships.length} relationships written to ${out}`);
    return 0;
  },
};
