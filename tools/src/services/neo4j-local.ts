/**
 * Local Neo4j: embedded Neo4j Community 5.26 run by the small Java launcher in tools/neo4j-local,
 * Bolt on 127.0.0.1 only, authentication on with a generated password.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { ServiceError, UsageError } from './errors.js';
import { fileContains, withLock } from './process-control.js';
import {
  formatStatus,
  serviceStatus,
  silent,
  startService,
  stopService,
  type Logger,
  type ServiceSpec,
  type ServiceState,
  type StopResult,
} from './managed-service.js';
import { defaultDataRoot, toolsDir } from './paths.js';
import { LOOPBACK } from './ports.js';
import { getOrCreateSecret, secretsFileFor } from './secrets.js';

export const NEO4J_DEFAULT_BOLT_PORT = 7687;
export const NEO4J_USER = 'neo4j';
/** Printed by Launcher.java once Bolt accepts connections with the password in place. */
export const NEO4J_READY_MARKER = 'KNOTWORK_NEO4J_READY';

export interface Neo4jOptions {
  /** Default 7687. */
  boltPort?: number;
  /** Neo4j home: databases, transaction logs, debug.log, plus neo4j.log/neo4j.pid. Default `<repo>/.data/neo4j`. */
  dataDir?: string;
  /** JVM max heap (-Xmx), e.g. '1g' (default), '768m'. */
  heap?: string;
  /** Page cache (server.memory.pagecache.size), e.g. '512m' (default). */
  pageCache?: string;
  /** Where the generated password is kept. Default `<parent of dataDir>/secrets.json`. */
  secretsFile?: string;
  /** Default 120 s. */
  startTimeoutMs?: number;
  /** Default 60 s, then SIGKILL. */
  stopTimeoutMs?: number;
  /** Progress messages; default: none. The CLI passes console.log. */
  log?: Logger;
  /** Aborting it cancels a start in progress: the half-started process is stopped. */
  signal?: AbortSignal;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
}

export interface Neo4jStartResult extends Neo4jConnection {
  pid: number;
  alreadyRunning: boolean;
  startMs: number;
}

interface ResolvedNeo4jOptions {
  boltPort: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  secretsFile: string;
  startTimeoutMs: number;
  stopTimeoutMs: number;
  log: Logger;
  signal?: AbortSignal;
}

const SIZE = /^[1-9]\d*[kmg]$/i;

export function resolveNeo4jOptions(opts: Neo4jOptions = {}): ResolvedNeo4jOptions {
  const dataDir = resolve(opts.dataDir ?? join(defaultDataRoot(), 'neo4j'));
  const heap = opts.heap ?? '1g';
  const pageCache = opts.pageCache ?? '512m';
  if (!SIZE.test(heap)) throw new UsageError(`Invalid Neo4j heap size "${heap}" (NEO4J_HEAP or --heap; expected e.g. 512m or 1g)`);
  if (!SIZE.test(pageCache)) throw new UsageError(`Invalid Neo4j page cache size "${pageCache}" (NEO4J_PAGECACHE or --page-cache; expected e.g. 512m or 1g)`);
  const boltPort = opts.boltPort ?? NEO4J_DEFAULT_BOLT_PORT;
  if (!Number.isInteger(boltPort) || boltPort < 1 || boltPort > 65535) {
    throw new UsageError(`Invalid Neo4j Bolt port ${boltPort} (expected 1-65535)`);
  }
  return {
    boltPort,
    dataDir,
    heap,
    pageCache,
    secretsFile: opts.secretsFile ?? secretsFileFor(dataDir),
    startTimeoutMs: opts.startTimeoutMs ?? 120_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 60_000,
    log: opts.log ?? silent,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Java launcher build

export function neo4jLauncherDir(): string {
  return join(toolsDir(), 'neo4j-local');
}

export function neo4jLauncherJar(): string {
  return join(neo4jLauncherDir(), 'target', 'neo4j-local.jar');
}

const JAVA_HINT =
  'install a Java 17 (or 21) runtime, e.g. `sudo apt-get install -y openjdk-17-jre-headless`, or set JAVA_HOME; ' +
  'or point NEO4J_URI at an existing Neo4j';

/** The java executable: $JAVA_HOME/bin/java if JAVA_HOME is set, else `java` on PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Checks that Java 17+ is available; returns its major version. Throws a readable ServiceError. */
export function checkJava(env: NodeJS.ProcessEnv = process.env): number {
  const java = javaCommand(env);
  const res = spawnSync(java, ['-version'], { encoding: 'utf8', env });
  if (res.error) {
    throw new ServiceError(`Java 17 not found (could not run ${java}): ${JAVA_HINT}.`);
  }
  const out = `${res.stderr}${res.stdout}`;
  const major = parseJavaMajor(out);
  if (major === undefined) {
    throw new ServiceError(`Could not tell the Java version from \`${java} -version\`: ${out.split('\n')[0] ?? ''}`);
  }
  if (major < 17) {
    throw new ServiceError(`Java ${major} found, but Neo4j 5.26 needs Java 17 or 21: ${JAVA_HINT}.`);
  }
  return major;
}

/** `openjdk version "17.0.15" 2025-04-15` → 17; `java version "1.8.0_392"` → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when target/neo4j-local.jar and target/lib exist and are newer than pom.xml and src/. */
export function isNeo4jLauncherUpToDate(): boolean {
  const dir = neo4jLauncherDir();
  const jar = neo4jLauncherJar();
  const lib = join(dir, 'target', 'lib');
  if (!existsSync(jar) || !existsSync(lib) || readdirSync(lib).length === 0) return false;
  const sources = Math.max(newestMtime(join(dir, 'pom.xml')), newestMtime(join(dir, 'src')));
  return statSync(jar).mtimeMs >= sources;
}

/**
 * Makes sure Java is present and the launcher is built (`mvn -q -B package` in tools/neo4j-local when
 * the jar is missing or older than its sources). The first build downloads Neo4j (~120 MB) from
 * Maven Central.
 */
export async function ensureNeo4jBuilt(opts: { log?: Logger; env?: NodeJS.ProcessEnv } = {}): Promise<{ jar: string }> {
  const log = opts.log ?? silent;
  const env = opts.env ?? process.env;
  checkJava(env);
  const jar = neo4jLauncherJar();
  if (isNeo4jLauncherUpToDate()) return { jar };
  const dir = neo4jLauncherDir();
  return withLock(join(dir, 'target', '.build.lock'), 'another build of the Neo4j launcher', 900_000, async () => {
    if (isNeo4jLauncherUpToDate()) return { jar };
    const mvnCheck = spawnSync('mvn', ['-v'], { encoding: 'utf8', env });
    if (mvnCheck.error) {
      throw new ServiceError(
        'Maven not found: it is needed once to build the embedded Neo4j launcher (tools/neo4j-local). ' +
          'Install it, e.g. `sudo apt-get install -y maven`, or point NEO4J_URI at an existing Neo4j.',
      );
    }
    log('Building the embedded Neo4j launcher (tools/neo4j-local; the first build downloads Neo4j from Maven Central)…');
    const started = Date.now();
    const res = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', 'package'], {
      cwd: dir,
      encoding: 'utf8',
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (res.status !== 0 || !existsSync(jar)) {
      const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
      throw new ServiceError(`Building the Neo4j launcher failed (mvn exit code ${res.status}):\n${output}`);
    }
    log(`Built ${jar} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { jar };
  });
}

// ---------------------------------------------------------------------------------------------
// Service

function neo4jSpec(o: ResolvedNeo4jOptions, password: string): ServiceSpec {
  const jar = neo4jLauncherJar();
  return {
    name: 'Neo4j',
    id: 'neo4j',
    dataDir: o.dataDir,
    port: o.boltPort,
    portEnvVar: 'NEO4J_BOLT_PORT',
    url: (port) => `bolt://${LOOPBACK}:${port}`,
    marker: `--data-dir ${o.dataDir}`,
    startTimeoutMs: o.startTimeoutMs,
    stopTimeoutMs: o.stopTimeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
    prepare: async () => {
      await ensureNeo4jBuilt({ log: o.log });
    },
    command: () => ({
      command: javaCommand(),
      args: [
        `-Xmx${o.heap}`,
        '-XX:+UseG1GC',
        '-XX:+ExitOnOutOfMemoryError',
        '-XX:-OmitStackTraceInFastThrow',
        '-Dfile.encoding=UTF-8',
        ...splitJvmOpts(process.env.NEO4J_JVM_OPTS),
        '-jar',
        jar,
        '--bolt-port',
        String(o.boltPort),
        '--data-dir',
        o.dataDir,
        '--page-cache',
        o.pageCache,
      ],
      cwd: o.dataDir,
      // The password goes through the environment, not argv, so it does not show in `ps`.
      env: { ...process.env, NEO4J_LOCAL_PASSWORD: password },
    }),
    isReady: async (_port, logFile) => fileContains(logFile, NEO4J_READY_MARKER),
    isAnswering: (port) => canConnect(port),
    afterReady: async (port) => {
      await verifyNeo4jLogin(`bolt://${LOOPBACK}:${port}`, password);
    },
    exitMeansPortInUse: (exit) => exit.code === 3,
  };
}

function splitJvmOpts(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

/** Opens a driver with the generated password and checks it authenticates. */
export async function verifyNeo4jLogin(uri: string, password: string): Promise<void> {
  const { default: neo4j } = await import('neo4j-driver');
  const driver = neo4j.driver(uri, neo4j.auth.basic(NEO4J_USER, password), { connectionTimeout: 10_000 });
  try {
    await driver.verifyConnectivity();
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.includes('Unauthorized') || code.includes('AuthenticationRateLimit')) {
      throw new ServiceError(
        `Neo4j started but rejected the password from the secrets file (${code}). ` +
          'Stop it, then start it again so the launcher re-applies the password.',
      );
    }
    throw new ServiceError(`Neo4j started but a Bolt connection failed: ${(err as Error).message}`);
  } finally {
    await driver.close();
  }
}

function canConnect(port: number, host = LOOPBACK, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Starts Neo4j unless it is already running from `dataDir` (then a no-op). Waits until Bolt accepts
 * the generated password. Throws a ServiceError with the log tail if it crashes or times out.
 */
export async function startNeo4j(opts: Neo4jOptions = {}): Promise<Neo4jStartResult> {
  const o = resolveNeo4jOptions(opts);
  const password = getOrCreateSecret(o.secretsFile, 'neo4jPassword');
  const res = await startService(neo4jSpec(o, password), o.log);
  return {
    uri: res.url,
    user: NEO4J_USER,
    password,
    pid: res.pid,
    alreadyRunning: res.alreadyRunning,
    startMs: res.startMs,
  };
}

/** SIGTERM (clean shutdown with a checkpoint), SIGKILL after `stopTimeoutMs`; removes the pid file. */
export async function stopNeo4j(opts: Neo4jOptions = {}): Promise<StopResult> {
  const o = resolveNeo4jOptions(opts);
  return stopService(neo4jSpec(o, ''), o.log);
}

export async function neo4jStatus(opts: Neo4jOptions = {}): Promise<ServiceState> {
  const o = resolveNeo4jOptions(opts);
  return serviceStatus(neo4jSpec(o, ''));
}

export function formatNeo4jStatus(status: ServiceState): string {
  return formatStatus('neo4j', status);
}
