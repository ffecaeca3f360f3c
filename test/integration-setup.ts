import { migrations, runMigrations } from '@knotwork/graph-schema/migrations';
import neo4j from 'neo4j-driver';

/**
 * Runs once before the integration tier: checks the services are configured and applies migrations.
 * `npm test` starts an isolated Neo4j and Meilisearch and sets these variables; to run the tier by hand,
 * start them with `npm run services -- start` and export the variables it prints.
 */
export default async function setup() {
  const missing = ['NEO4J_URI', 'NEO4J_PASSWORD', 'MEILI_HOST', 'MEILI_MASTER_KEY'].filter((v) => !process.env[v]);
  if (missing.length) {
    throw new Error(
      `Integration tests need a running Neo4j and Meilisearch: ${missing.join(', ')} not set. Run them through \`npm test\`.`,
    );
  }
  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD!));
  try {
    await runMigrations(driver, migrations);
  } finally {
    await driver.close();
  }
}
