import { ensureInstalled, runTs } from './ensure-installed.mjs';

ensureInstalled();
runTs('tools/src/start.ts', process.argv.slice(2));
