import { ConfigError, loadConfig } from '../config.js';
import { commands } from './commands/index.js';
import { UsageError, withCliContext } from './context.js';

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
    return (await withCliContext(config, (ctx) => command.run(args, ctx))) ?? 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
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
