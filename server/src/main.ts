/** The API as `npm start` runs it (after its own migrate / seed / reindex steps). Production: serve.ts. */
import { runApi } from './run-api.js';

runApi({ migrate: false }).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
