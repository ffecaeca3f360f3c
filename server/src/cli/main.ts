import { onStopSignals } from '@knotwork/tools/supervise';
import { ConfigError, loadConfig } from '../config.js';
import { commands } from './commands/index.js';
import { StoppedError } from '../lib/stop.js';
import { UsageError, withCliContext, type CliCommand } from './context.js';

/** The shell's exit code for a run stopped by a signal: the work is not complete, so never 0. */
const STOPPED = 130;

function stopOnSignals(command: CliCommand): AbortSignal {
  const controller = new AbortController();
  const now = (signal: NodeJS.Signals) => {
    console.error(`${command.name}: ${signal}: stopped; the transaction in progress, if any, is rolled back`);
    process.exit(STOPPED);
  };
  onStopSignals({
    first: (signal) => {
      if (!command.stopsSafely) return now(signal);
      console.error(`${command.name}: ${signal}: stopping at the next safe point (send it again to stop at once)…`);
      controller.abort();
    },
    again: now,
  });
  return controller.signal;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Connection settings come from the environment (NEO4J_URI, NEO4J_PASSWORD, MEILI_HOST, MEILI_MASTER_KEY).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    return (await withCliContext(config, stopOnSignals(command), (ctx) => command.run(args, ctx))) ?? 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof StoppedError) {
      console.error(`${command.name}: ${e.message}`);
      return STOPPED;
    }
    if (e instanceof UsageError) {
      console.error(`${e.message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    console.error(`${command.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
