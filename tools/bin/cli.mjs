import { ensureInstalled, runTs } from './ensure-installed.mjs';

ensureInstalled();
runTs('tools/src/cli.ts', process.argv.slice(2));
