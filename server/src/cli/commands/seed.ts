import { plannedCounts, resolveOptions } from '@knotwork/seed';
import cliProgress from 'cli-progress';
import { ensureDemoUsers } from '../../modules/transfer/demo-users.js';
import { seedDatabase, type LoadMode } from '../../modules/transfer/seed-loader.js';
import { countDirectoryNodes } from '../../modules/transfer/transfer.repository.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { reindexCommand } from './reindex.js';

function parseArgs(args: string[]) {
  const o = { scale: 1, seed: 1, asOf: undefined as string | undefined, ifEmpty: false, demoUsers: false, batchSize: 5000, mode: undefined as LoadMode | undefined, reindex: true };
  const value = (i: number, name: string) => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '--scale':
        o.scale = Number(value(i++, a));
        if (!(o.scale > 0) || o.scale > 1000) throw new UsageError('--scale must be a number between 0 and 1000 (1 = demo, 150 = 100k practitioners)');
        break;
      case '--seed':
        o.seed = Number(value(i++, a));
        if (!Number.isInteger(o.seed)) throw new UsageError('--seed must be an integer');
        break;
      case '--as-of':
        o.asOf = value(i++, a);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf) || Number.isNaN(Date.parse(o.asOf))) throw new UsageError('--as-of must be a date YYYY-MM-DD');
        break;
      case '--batch-size':
        o.batchSize = Number(value(i++, a));
        if (!Number.isInteger(o.batchSize) || o.batchSize < 100 || o.batchSize > 50_000) throw new UsageError('--batch-size must be an integer between 100 and 50000');
        break;
      case '--mode': {
        const m = value(i++, a);
        if (m !== 'create' && m !== 'merge') throw new UsageError('--mode must be create or merge');
        o.mode = m;
        break;
      }
      case '--if-empty':
        o.ifEmpty = true;
        break;
      case '--demo-users':
        o.demoUsers = true;
        break;
      case '--no-reindex':
        o.reindex = false;
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  return o;
}

/**
 * `seed`: generates the fictional Ashmere authority and loads it. Into an empty database it CREATEs (fast);
 * otherwise it upserts by id (MERGE), so re-running is harmless. With --if-empty it does nothing when the
 * database already holds directory data. Afterwards the search index is rebuilt (reindex) when Meilisearch is
 * configured, because bulk seeding bypasses the outbox.
 */
export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'Load the demo directory (or --scale N for benchmarks); --if-empty skips a non-empty database',
  usage: 'seed [--scale N] [--seed S] [--as-of YYYY-MM-DD] [--if-empty] [--demo-users] [--batch-size N] [--mode create|merge] [--no-reindex]',
  async run(args, ctx) {
    const o = parseArgs(args);
    const existing = await ctx.db.read((tx) => countDirectoryNodes(tx));
    if (existing > 0 && o.ifEmpty) {
      console.log(`seed: skipped — the database already holds ${existing} directory nodes (--if-empty).`);
      if (o.demoUsers) await reportDemoUsers(ctx);
      return 0;
    }
    const mode: LoadMode = o.mode ?? (existing === 0 ? 'create' : 'merge');
    const resolved = resolveOptions({ seed: o.seed, scale: o.scale, ...(o.asOf ? { asOf: o.asOf } : {}), batchSize: o.batchSize });
    const planned = plannedCounts(resolved);
    console.log(
      `seed: generating Ashmere (seed ${resolved.seed}, scale ${resolved.scale}, as of ${resolved.asOf}): ` +
        `${planned.practitioners} practitioners, ${planned.collaborations} collaborations; ${mode === 'create' ? 'creating into an empty database' : `upserting by id (database has ${existing} directory nodes)`}`,
    );
    const bar = new cliProgress.SingleBar(
      {
        format: 'seed |{bar}| {percentage}% | {value}/{total} nodes+relationships | {rate}/s | {label}',
        stream: process.stderr,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5_000,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(planned.approxTotal, 0, { label: 'starting', rate: 0 });
    let result;
    try {
      result = await seedDatabase(ctx.db, {
        ...resolved,
        mode,
        onProgress: (p) => {
          const label = p.batch.kind === 'nodes' ? p.batch.label : p.batch.type;
          const rate = Math.round(p.done / Math.max(0.001, (Date.now() - started) / 1000));
          if (p.done > bar.getTotal()) bar.setTotal(p.done);
          bar.update(p.done, { label, rate });
        },
      });
      bar.update(result.total, { label: 'done', rate: result.perSecond });
    } finally {
      bar.stop();
    }
    const nodes = Object.values(result.nodes).reduce((a, b) => a + b, 0);
    console.log(
      `seed: seeded ${nodes} nodes and ${result.total - nodes} relationships in ${(result.ms / 1000).toFixed(1)} s ` +
        `(${result.perSecond} per second).`,
    );
    if (o.demoUsers) await reportDemoUsers(ctx);
    if (o.reindex && ctx.meili && ctx.config.meili) {
      console.log('seed: rebuilding the search index…');
      await reindexCommand.run([], ctx);
    } else if (o.reindex) {
      console.log('seed: no search engine configured; run `npm run cli -- reindex` once MEILI_HOST is set.');
    }
    return 0;
  },
};

/** Creates the demo accounts that are missing (also on a database seeded earlier without them). */
async function reportDemoUsers(ctx: CliContext): Promise<void> {
  const users = await ensureDemoUsers(ctx.db, ctx.config.demoPassword);
  const made = users.filter((u) => u.created).map((u) => u.email);
  console.log(
    made.length
      ? `seed: demo users created: ${made.join(', ')} (password from KNOTWORK_DEMO_PASSWORD, default "knotwork-demo")`
      : 'seed: demo users already exist (passwords unchanged)',
  );
}
