/**
 * Seed-load benchmark: generates the synthetic authority at --scale (default 150: 108,000 practitioners,
 * 1,080,000 collaborations) and loads it into an EMPTY Neo4j with the same loader `npm run cli -- seed` uses
 * (batched UNWIND CREATE, one managed transaction per batch, 2 in flight). Reports nodes+relationships per second
 * (target >= 20,000/s) and the wall time per phase.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=… npm run -w bench seed-load -- [--scale 150] [--batch-size 5000] [--concurrency 2]
 *
 * Runs migrations first (constraints and indexes exist, as in production). Refuses a non-empty database.
 *
 * Procedure of the recorded figure (a throw-away Neo4j on its own port and data root; the young generation is
 * sized so that the transactions' state is not copied by a young GC every second):
 *
 *   NEO4J_JVM_OPTS=-Xmn3500m npm run services -- start neo4j --neo4j-port 29787 --data-root /tmp/seedbench --heap 5g --page-cache 3g
 *   NEO4J_URI=bolt://127.0.0.1:29787 NEO4J_PASSWORD=$(node -p "require('/tmp/seedbench/secrets.json').neo4jPassword") \
 *     flock /tmp/knotwork-bench.lock npm run -w bench seed-load -- --scale 150 --batch-size 5000
 *   npm run services -- stop neo4j --neo4j-port 29787 --data-root /tmp/seedbench && rm -rf /tmp/seedbench
 */
import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import { plannedCounts } from '@knotwork/seed';
import neo4j from 'neo4j-driver';
import { cpus, totalmem } from 'node:os';
import { createDb } from '../server/src/lib/db.js';
import { seedDatabase } from '../server/src/modules/transfer/seed-loader.js';
import { countDirectoryNodes } from '../server/src/modules/transfer/transfer.repository.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const scale = opt('--scale', 150);
const batchSize = opt('--batch-size', 5000);
const concurrency = opt('--concurrency', 2);
const uri = process.env.NEO4J_URI;
if (!uri || !process.env.NEO4J_PASSWORD) {
  console.error('Set NEO4J_URI and NEO4J_PASSWORD to an empty Neo4j (e.g. one started with `npm run services -- start` on other ports).');
  process.exit(2);
}
const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD), { disableLosslessIntegers: true });
const db = createDb(driver, process.env.NEO4J_DATABASE);
try {
  await runMigrations(driver, migrations, { log: () => {} });
  const existing = await db.read((tx) => countDirectoryNodes(tx));
  if (existing > 0) {
    console.error(`The database already holds ${existing} directory nodes; the benchmark needs an empty one.`);
    process.exit(2);
  }
  const planned = plannedCounts({ scale });
  console.log(`seed-load: scale ${scale} (${planned.practitioners} practitioners, ${planned.collaborations} collaborations), batch ${batchSize}, concurrency ${concurrency}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  let lastReport = Date.now();
  // Time between progress reports, attributed to the batch just written (generation of it included).
  const phases = new Map<string, { ms: number; count: number }>();
  let lastBatchAt = Date.now();
  const result = await seedDatabase(db, {
    seed: 1,
    scale,
    asOf: '2026-11-23',
    batchSize,
    validate: false,
    mode: 'create',
    concurrency,
    onProgress: (p) => {
      const key = p.batch.kind === 'nodes' ? p.batch.label : p.batch.type;
      const ph = phases.get(key) ?? { ms: 0, count: 0 };
      ph.ms += Date.now() - lastBatchAt;
      ph.count += p.batch.rows.length;
      phases.set(key, ph);
      lastBatchAt = Date.now();
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`  ${p.done} / ~${p.total} written`);
      }
    },
  });
  const nodes = Object.values(result.nodes).reduce((a, b) => a + b, 0);
  const rels = result.total - nodes;
  console.log(JSON.stringify({ scale, batchSize, concurrency, nodes, relationships: rels, total: result.total, seconds: +(result.ms / 1000).toFixed(1), perSecond: result.perSecond, retries: result.retries, byLabel: result.nodes, byType: result.relationships }, null, 2));
  console.log('phases (wall time between batches; rows = rows of the batch that ends the interval):');
  for (const [key, ph] of phases) console.log(`  ${key.padEnd(16)} ${(ph.ms / 1000).toFixed(1).padStart(7)} s  ${String(ph.count).padStart(9)} rows`);
  console.log(`seed-load: ${result.total} nodes+relationships in ${(result.ms / 1000).toFixed(1)} s = ${result.perSecond} per second (target 20,000)`);
} finally {
  await driver.close();
}
