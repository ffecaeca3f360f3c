/** Programmatic API of the local service launchers (see cli.ts for the command line). */
export { ServiceError, UsageError } from './errors.js';
export { repoRoot, defaultDataRoot } from './paths.js';
export { findFreePort, isPortFree, parsePort } from './ports.js';
export { connectionEnv, startLocalStack, type LocalStack, type LocalStackOptions } from './local-stack.js';
export {
  ensureNeo4jBuilt,
  neo4jStatus,
  startNeo4j,
  stopNeo4j,
  NEO4J_DEFAULT_BOLT_PORT,
  type Neo4jConnection,
  type Neo4jOptions,
  type Neo4jStartResult,
} from './neo4j-local.js';
export {
  meiliStatus,
  resolveMeiliBinary,
  startMeili,
  stopMeili,
  MEILI_DEFAULT_PORT,
  type MeiliBinary,
  type MeiliConnection,
  type MeiliLogLevel,
  type MeiliOptions,
  type MeiliStartResult,
} from './meili-local.js';
export type { Logger, ServiceState, StopResult } from './managed-service.js';
