/**
 * `npm run serve`: the API alone, for a process manager (systemd, a container runtime, PM2). Neo4j and
 * Meilisearch are external (NEO4J_URI, MEILI_HOST; nothing is started); pending schema migrations are applied
 * first (MIGRATE_ON_START=false to leave that to a separate `npm run cli -- migrate`). See docs/operations.md.
 */
import { runApi } from './run-api.js';

if (!process.env.NEO4J_URI) {
  console.error(
    'npm run serve runs the API only and starts no database: set NEO4J_URI, NEO4J_PASSWORD (and MEILI_HOST, MEILI_MASTER_KEY) ' +
      'to your Neo4j and Meilisearch. For everything on this machine, use npm start.',
  );
  process.exit(2);
}

runApi({ migrate: process.env.MIGRATE_ON_START !== 'false' }).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
