/**
 * Prints precision@5 and recall@10 of both search backends on the relevance test set (demo data):
 *
 *   NEO4J_URI=… NEO4J_PASSWORD=… MEILI_HOST=… MEILI_MASTER_KEY=… npm run -w bench relevance [-- --verbose]
 *
 * Loads the search-relevant part of the demo graph into that Neo4j (idempotent MERGE on deterministic ids) and
 * indexes exactly the demo documents into a temporary index, which it drops afterwards.
 */
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/lib/db.js';
import { createMeiliClient } from '../server/src/plugins/external/meilisearch.js';
import { createDriver } from '../server/src/plugins/external/neo4j.js';
import { formatScores, runRelevance } from '../server/src/search/relevance/harness.js';
import { situationHeldOut, situationTuning } from '../server/src/search/relevance/situation-set.js';

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
if (!config.meili) {
  console.error('Set MEILI_HOST and MEILI_MASTER_KEY (and NEO4J_URI, NEO4J_PASSWORD).');
  process.exit(2);
}
const driver = createDriver(config.neo4j);
const meili = createMeiliClient(config.meili, 600_000);
try {
  if (process.argv.includes('--situations')) {
    // Issue #19: the situation queries, each half without (before) and with (after) the situation layer.
    let n = 0;
    for (const [half, queries] of [
      ['tuning', situationTuning],
      ['held-out', situationHeldOut],
    ] as const) {
      for (const situations of [false, true]) {
        const scores = await runRelevance(
          createDb(driver, config.neo4j.database),
          meili.client,
          `relevance_${Date.now()}_${n++}`,
          {
            log: (l) => console.error(l),
            queries,
            situations,
          },
        );
        console.log(
          `== ${half} (${queries.length} queries), situation layer ${situations ? 'on (after)' : 'off (before)'}`,
        );
        console.log(formatScores(scores, process.argv.includes('--verbose')));
      }
    }
    process.exit(0);
  }
  const scores = await runRelevance(createDb(driver, config.neo4j.database), meili.client, `relevance_${Date.now()}`, {
    log: (l) => console.error(l),
  });
  console.log(formatScores(scores, process.argv.includes('--verbose')));
  const [engine, fallback] = scores;
  process.exitCode = engine!.precisionAt5 >= 0.9 && fallback!.precisionAt5 >= 0.75 ? 0 : 1;
} finally {
  meili.close();
  await driver.close();
}
