/**
 * Starts the local Neo4j + Meilisearch pair for the app, the test runner and benchmarks, or uses
 * the external ones named by NEO4J_URI / MEILI_HOST; with `mail`, also a Mailpit capturing the app's mail unless
 * SMTP_URL names a real SMTP server.
 */
import { join, resolve } from 'node:path';
import { serviceFiles, silent, type Logger } from './managed-service.js';
import { killFromPidFile } from './process-control.js';
import { MAILPIT_DEFAULT_HTTP_PORT, MAILPIT_DEFAULT_SMTP_PORT, startMailpit, stopMailpit, type MailpitConnection } from './mailpit-local.js';
import { MEILI_DEFAULT_PORT, resolveMeiliOptions, startMeili, stopMeili, type MeiliConnection, type MeiliLogLevel } from './meili-local.js';
import { NEO4J_DEFAULT_BOLT_PORT, NEO4J_USER, resolveNeo4jOptions, startNeo4j, stopNeo4j, type Neo4jConnection } from './neo4j-local.js';
import { defaultDataRoot } from './paths.js';
import { findFreePort, parsePort } from './ports.js';
import { secretsFileFor } from './secrets.js';

export interface LocalStackOptions {
  /** Bolt port; 0 picks a free one. Default 7687. */
  neo4jPort?: number;
  /** HTTP port; 0 picks a free one. Default 7700. */
  meiliPort?: number;
  /** Holds neo4j/, meili/ and secrets.json. Default `<repo>/.data`. */
  dataRoot?: string;
  /** Neo4j JVM heap, default '1g'. */
  heap?: string;
  /** Neo4j page cache, default '512m'. */
  pageCache?: string;
  /** Start-up timeout for each service; default 120 s (Neo4j) / 60 s (Meilisearch). */
  startTimeoutMs?: number;
  /** Meilisearch log level; default INFO (one line per request: consider WARN for benchmarks). */
  meiliLogLevel?: MeiliLogLevel;
  log?: Logger;
  /** Aborting it during the start stops whatever had started and makes the call throw. */
  signal?: AbortSignal;
  /** Also start Mailpit (SMTP capture) unless SMTP_URL is set. Default false. */
  mail?: boolean;
  /** Mailpit's HTTP and SMTP ports; 0 picks free ones. Default 8025 / 1025. */
  mailpitHttpPort?: number;
  mailpitSmtpPort?: number;
  /** Where NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / MEILI_HOST / MEILI_MASTER_KEY are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface LocalStack {
  neo4j: Neo4jConnection;
  meili: MeiliConnection;
  /** Where mail goes, and Mailpit's web inbox ('' for an external SMTP server); null without `mail`. */
  mail: MailpitConnection | null;
  /** Whether each service is one this call started (false: external, or already running). */
  started: { neo4j: boolean; meili: boolean; mail: boolean };
  /** Stops what this call started; external and already-running services are left alone. */
  stop(): Promise<void>;
  /** SIGKILLs what this call started, without waiting (for a second stop request while `stop` runs). */
  kill(): void;
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? silent;
  const dataRoot = resolve(opts.dataRoot ?? defaultDataRoot());
  // Options given by the caller win; otherwise the environment variables the README lists, then the defaults.
  const fromEnv = (name: string) => env[name] || undefined;
  const neo4jOpts = {
    boltPort: opts.neo4jPort === 0 ? await findFreePort() : (opts.neo4jPort ?? parsePort(env.NEO4J_BOLT_PORT, 'NEO4J_BOLT_PORT', NEO4J_DEFAULT_BOLT_PORT)),
    dataDir: join(dataRoot, 'neo4j'),
    secretsFile: secretsFileFor(join(dataRoot, 'neo4j')),
    heap: opts.heap ?? fromEnv('NEO4J_HEAP'),
    pageCache: opts.pageCache ?? fromEnv('NEO4J_PAGECACHE'),
    startTimeoutMs: opts.startTimeoutMs,
    log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const meiliOpts = {
    port: opts.meiliPort === 0 ? await findFreePort() : (opts.meiliPort ?? parsePort(env.MEILI_PORT, 'MEILI_PORT', MEILI_DEFAULT_PORT)),
    dataDir: join(dataRoot, 'meili'),
    secretsFile: secretsFileFor(join(dataRoot, 'meili')),
    logLevel: opts.meiliLogLevel,
    indexingMemory: fromEnv('MEILI_MAX_INDEXING_MEMORY'),
    startTimeoutMs: opts.startTimeoutMs,
    log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };

  const mailOpts = {
    httpPort:
      opts.mailpitHttpPort === 0
        ? await findFreePort()
        : (opts.mailpitHttpPort ?? parsePort(env.MAILPIT_HTTP_PORT, 'MAILPIT_HTTP_PORT', MAILPIT_DEFAULT_HTTP_PORT)),
    smtpPort:
      opts.mailpitSmtpPort === 0
        ? await findFreePort()
        : (opts.mailpitSmtpPort ?? parsePort(env.MAILPIT_SMTP_PORT, 'MAILPIT_SMTP_PORT', MAILPIT_DEFAULT_SMTP_PORT)),
    dataDir: join(dataRoot, 'mailpit'),
    log,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const externalSmtp = env.SMTP_URL || undefined;
  const wantMailpit = Boolean(opts.mail) && !externalSmtp;
  if (opts.mail && externalSmtp) log('Using the SMTP server named by SMTP_URL');

  const externalNeo4j = env.NEO4J_URI;
  const externalMeili = env.MEILI_HOST;
  // A bad setting is reported before either service starts (not after the other has started and been stopped).
  if (!externalNeo4j) resolveNeo4jOptions(neo4jOpts);
  if (!externalMeili) resolveMeiliOptions(meiliOpts);
  if (externalNeo4j) log(`Using external Neo4j at ${externalNeo4j} (NEO4J_URI)`);
  if (externalMeili) log(`Using external Meilisearch at ${externalMeili} (MEILI_HOST)`);

  const [neo4jResult, meiliResult, mailResult] = await Promise.allSettled([
    externalNeo4j ? Promise.resolve(undefined) : startNeo4j(neo4jOpts),
    externalMeili ? Promise.resolve(undefined) : startMeili(meiliOpts),
    wantMailpit ? startMailpit(mailOpts) : Promise.resolve(undefined),
  ]);

  const startedNeo4j = neo4jResult.status === 'fulfilled' && neo4jResult.value !== undefined && !neo4jResult.value.alreadyRunning;
  const startedMeili = meiliResult.status === 'fulfilled' && meiliResult.value !== undefined && !meiliResult.value.alreadyRunning;
  const startedMail = mailResult.status === 'fulfilled' && mailResult.value !== undefined && !mailResult.value.alreadyRunning;

  const stop = async (): Promise<void> => {
    await Promise.all([
      startedNeo4j ? stopNeo4j(neo4jOpts) : undefined,
      startedMeili ? stopMeili(meiliOpts) : undefined,
      startedMail ? stopMailpit(mailOpts) : undefined,
    ]);
  };

  const kill = (): void => {
    if (startedNeo4j) killFromPidFile(serviceFiles({ dataDir: neo4jOpts.dataDir, id: 'neo4j' }).pidFile);
    if (startedMeili) killFromPidFile(serviceFiles({ dataDir: meiliOpts.dataDir, id: 'meili' }).pidFile);
    if (startedMail) killFromPidFile(serviceFiles({ dataDir: mailOpts.dataDir, id: 'mailpit' }).pidFile);
  };

  if (neo4jResult.status === 'rejected' || meiliResult.status === 'rejected' || mailResult.status === 'rejected') {
    await stop();
    const reasons = [neo4jResult, meiliResult, mailResult].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    throw reasons[0]?.reason;
  }

  const neo4j: Neo4jConnection = neo4jResult.value
    ? { uri: neo4jResult.value.uri, user: neo4jResult.value.user, password: neo4jResult.value.password }
    : { uri: externalNeo4j ?? '', user: env.NEO4J_USER ?? NEO4J_USER, password: env.NEO4J_PASSWORD ?? '' };
  const meili: MeiliConnection = meiliResult.value
    ? { host: meiliResult.value.host, masterKey: meiliResult.value.masterKey }
    : { host: externalMeili ?? '', masterKey: env.MEILI_MASTER_KEY ?? '' };

  const mail: MailpitConnection | null = mailResult.status === 'fulfilled' && mailResult.value
    ? { smtpUrl: mailResult.value.smtpUrl, webUrl: mailResult.value.webUrl }
    : opts.mail && externalSmtp
      ? { smtpUrl: externalSmtp, webUrl: env.MAILPIT_URL ?? '' }
      : null;

  return { neo4j, meili, mail, started: { neo4j: startedNeo4j, meili: startedMeili, mail: startedMail }, stop, kill };
}

/** The environment variables through which the API, the CLI and the tests reach this stack. */
export function connectionEnv(stack: Pick<LocalStack, 'neo4j' | 'meili'> & { mail?: MailpitConnection | null }): Record<string, string> {
  return {
    ...(stack.mail ? { SMTP_URL: stack.mail.smtpUrl, ...(stack.mail.webUrl ? { MAILPIT_URL: stack.mail.webUrl } : {}) } : {}),
    NEO4J_URI: stack.neo4j.uri,
    NEO4J_USER: stack.neo4j.user,
    NEO4J_PASSWORD: stack.neo4j.password,
    MEILI_HOST: stack.meili.host,
    MEILI_MASTER_KEY: stack.meili.masterKey,
  };
}
