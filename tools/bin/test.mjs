import { ensureInstalled, runTs } from './ensure-installed.mjs';

ensureInstalled();
runTs('tools/src/test-runner.ts', process.argv.slice(2));
