/**
 * Import benchmark: an Open Referral HSDS 1.x (Ohana layout) CSV set built from the real San Mateo County export
 * in ../shared/data, copied N times under fresh ids (1× = 100 copies: 800 organisations, 2,200 locations, 2,300
 * services, 3,100 contacts, 5,400 phones — the size of a county's export), imported at 1×, 5× and 10×. Reports per
 * size: planning time (parse + validate + map, no database), write time (plan + diff + write through the same
 * runImport the CLI uses, into a Neo4j), records per second of each, and the peak heap; then the growth ratios —
 * linear growth means time per record stays flat from 1× to 10×.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=… npm run -w bench import -- [--sizes 1,5,10] [--plan-only]
 *
 * Each size is imported under its own source name, so the runs do not see each other's records; they are removed
 * afterwards (DETACH DELETE by source).
 */
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import neo4j from 'neo4j-driver';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../server/src/lib/db.js';
import { planOhanaCsv } from '../server/src/modules/transfer/ohana.js';
import { runImport } from '../server/src/modules/transfer/transfer.service.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('--sizes') ?? '1,5,10').split(',').map(Number);
const planOnly = args.includes('--plan-only');
const COPIES_PER_SIZE = 100;

const SAMPLE = join(import.meta.dirname, '..', '..', 'shared', 'data', 'ohana-sample-csv');
const sample = Object.fromEntries(readdirSync(SAMPLE).map((f) => [f, parse(readFileSync(join(SAMPLE, f), 'utf8'), { columns: true, bom: true }) as Record<string, string>[]]));
/** Columns holding ids of other records (prefixed per copy, like the record's own id). */
const ID_COLUMNS = new Set(['id', 'organization_id', 'location_id', 'service_id', 'contact_id', 'program_id']);

function copies(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, rows] of Object.entries(sample)) {
    if (file === 'taxonomy.csv') {
      files[file] = stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
      continue;
    }
    const out: Record<string, string>[] = [];
    for (let c = 0; c < n; c++) {
      for (const row of rows) {
        const copy: Record<string, string> = {};
        for (const [k, v] of Object.entries(row)) copy[k] = ID_COLUMNS.has(k) && v ? `c${c}-${v}` : k === 'name' && file !== 'services.csv' ? `${v} (${c})` : v;
        out.push(copy);
      }
    }
    files[file] = stringify(out, { header: true, columns: Object.keys(rows[0] ?? { id: '' }) });
  }
  return files;
}

const records = (files: Record<string, string>) => Object.values(files).reduce((n, t) => n + t.split('\n').length - 2, 0);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const driver = planOnly ? null : neo4j.driver(process.env.NEO4J_URI ?? '', neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), { disableLosslessIntegers: true });
if (!planOnly && (!process.env.NEO4J_URI || !process.env.NEO4J_PASSWORD)) {
  console.error('Set NEO4J_URI and NEO4J_PASSWORD (a throw-away Neo4j), or give --plan-only.');
  process.exit(2);
}
const db = driver ? createDb(driver) : null;
if (driver) await runMigrations(driver, migrations, { log: () => {} });
console.log(`import bench: sizes ${sizes.join(', ')}× (1× = ${COPIES_PER_SIZE} copies of the San Mateo export), ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);

// A small import first, untimed: Neo4j's first queries pay for planning and JIT, which would count against 1×.
if (db) await runImport(db, { format: 'ohana-csv', name: `bench-import-warmup-${Date.now()}`, files: copies(10) }).then(async () => {
  for (;;) {
    const res = await db.write((tx) => tx.run("MATCH (n) WHERE n.source STARTS WITH 'import:bench-import-warmup-' WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c"));
    if (Number(res.records[0]?.get('c') ?? 0) === 0) break;
  }
});

const rows: { size: number; records: number; planMs: number; writeMs: number | null; heapMb: number; created: number }[] = [];
for (const size of sizes) {
  const files = copies(size * COPIES_PER_SIZE);
  const n = records(files);
  global.gc?.();
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t0 = performance.now();
  const plan = planOhanaCsv(files, `bench-${size}`, []);
  const planMs = performance.now() - t0;
  let writeMs: number | null = null;
  let created = plan.nodes.length + plan.rels.length;
  if (db) {
    const name = `bench-import-${size}x-${Date.now()}`;
    const t1 = performance.now();
    const report = await runImport(db, { format: 'ohana-csv', name, files });
    writeMs = performance.now() - t1;
    created = Object.values(report.created).reduce((a, b) => a + b, 0);
    for (;;) {
      const res = await db.write((tx) => tx.run('MATCH (n) WHERE n.source = $s WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c', { s: `import:${name}` }));
      if (Number(res.records[0]?.get('c') ?? 0) === 0) break;
    }
  }
  clearInterval(sampler);
  rows.push({ size, records: n, planMs, writeMs, heapMb: mb(peak), created });
  console.log(
    `  ${size}×: ${n} CSV records → ${created} nodes+relationships; plan ${(planMs / 1000).toFixed(2)} s (${Math.round(n / (planMs / 1000))} records/s)` +
      (writeMs !== null ? `, plan+diff+write ${(writeMs / 1000).toFixed(1)} s (${Math.round(n / (writeMs / 1000))} records/s)` : '') +
      `, peak heap ${mb(peak)} MB`,
  );
}
const base = rows[0]!;
console.log('\n| size | CSV records | plan s | plan µs/record | write s | write µs/record | peak heap MB |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.size}× | ${r.records} | ${(r.planMs / 1000).toFixed(2)} | ${Math.round((r.planMs * 1000) / r.records)} | ${r.writeMs === null ? '—' : (r.writeMs / 1000).toFixed(1)} | ${r.writeMs === null ? '—' : Math.round((r.writeMs * 1000) / r.records)} | ${r.heapMb} |`,
  );
}
const last = rows[rows.length - 1]!;
const perRecord = (ms: number, r: { records: number }) => ms / r.records;
console.log(
  `\ngrowth ${base.size}× → ${last.size}×: records ×${(last.records / base.records).toFixed(1)}, planning time ×${(last.planMs / base.planMs).toFixed(1)} ` +
    `(per record ×${(perRecord(last.planMs, last) / perRecord(base.planMs, base)).toFixed(2)}; 1.0 = linear)` +
    (last.writeMs !== null && base.writeMs !== null
      ? `, write time ×${(last.writeMs / base.writeMs).toFixed(1)} (per record ×${(perRecord(last.writeMs, last) / perRecord(base.writeMs, base)).toFixed(2)})`
      : ''),
);
await driver?.close();
