/**
 * Local Mailpit 1.33 (an SMTP server that captures every message, with a web inbox and an HTTP API): the binary
 * from MAILPIT_BIN, `<repo>/.tools/bin/mailpit`, or `mailpit` on PATH; when none is there and Go is installed it is
 * built into `<repo>/.tools/bin` with `go install github.com/axllent/mailpit@v1.33.1`. SMTP and HTTP on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { delimiter, join, resolve } from 'node:path';
import { ServiceError, UsageError } from './errors.js';
import { silent, startService, stopService, type Logger, type ServiceSpec, type StopResult } from './managed-service.js';
import { defaultDataRoot, repoRoot } from './paths.js';
import { LOOPBACK } from './ports.js';

export const MAILPIT_MODULE = 'github.com/axllent/mailpit';
export const MAILPIT_VERSION = 'v1.33.1';
export const MAILPIT_DEFAULT_HTTP_PORT = 8025;
export const MAILPIT_DEFAULT_SMTP_PORT = 1025;

export interface MailpitOptions {
  httpPort?: number;
  smtpPort?: number;
  /** Holds mailpit.db, mailpit.log, mailpit.pid. Default `<repo>/.data/mailpit`. */
  dataDir?: string;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  log?: Logger;
  signal?: AbortSignal;
}

export interface MailpitConnection {
  /** What the API's SMTP_URL is set to. */
  smtpUrl: string;
  /** The web inbox and its HTTP API (/api/v1/messages). */
  webUrl: string;
}

interface Resolved {
  httpPort: number;
  smtpPort: number;
  dataDir: string;
  startTimeoutMs: number;
  stopTimeoutMs: number;
  log: Logger;
  signal?: AbortSignal;
}

function checkPort(port: number, what: string) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`Invalid Mailpit ${what} port ${port} (expected 1-65535)`);
}

export function resolveMailpitOptions(opts: MailpitOptions = {}): Resolved {
  const httpPort = opts.httpPort ?? MAILPIT_DEFAULT_HTTP_PORT;
  const smtpPort = opts.smtpPort ?? MAILPIT_DEFAULT_SMTP_PORT;
  checkPort(httpPort, 'HTTP');
  checkPort(smtpPort, 'SMTP');
  return {
    httpPort,
    smtpPort,
    dataDir: resolve(opts.dataDir ?? join(defaultDataRoot(), 'mailpit')),
    startTimeoutMs: opts.startTimeoutMs ?? 30_000,
    stopTimeoutMs: opts.stopTimeoutMs ?? 10_000,
    log: opts.log ?? silent,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
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

const toolsBin = () => join(repoRoot(), '.tools', 'bin');

function goBinary(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of [...(env.PATH ?? '').split(delimiter), '/usr/local/go/bin']) {
    if (dir && isExecutableFile(join(dir, 'go'))) return join(dir, 'go');
  }
  return undefined;
}

/** MAILPIT_BIN; else the project's own build; else PATH; else build it with Go (minutes, once). */
export function resolveMailpitBinary(log: Logger = silent, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAILPIT_BIN) {
    const path = resolve(env.MAILPIT_BIN);
    if (!isExecutableFile(path)) throw new UsageError(`MAILPIT_BIN=${env.MAILPIT_BIN} is not an executable file`);
    return path;
  }
  const own = join(toolsBin(), 'mailpit');
  if (isExecutableFile(own)) return own;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, 'mailpit'))) return join(dir, 'mailpit');
  }
  const go = goBinary(env);
  if (!go) {
    throw new ServiceError(
      `Mailpit not found: install Go and run \`GOBIN=${toolsBin()} go install ${MAILPIT_MODULE}@${MAILPIT_VERSION}\`, ` +
        'set MAILPIT_BIN, or point SMTP_URL at an SMTP server.',
    );
  }
  log(`Building Mailpit ${MAILPIT_VERSION} into ${toolsBin()} (once)…`);
  const res = spawnSync(go, ['install', `${MAILPIT_MODULE}@${MAILPIT_VERSION}`], {
    env: { ...env, GOBIN: toolsBin() },
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  if (res.status !== 0 || !isExecutableFile(own)) {
    throw new ServiceError(`Building Mailpit failed: ${(res.stderr || res.error?.message || '').trim().split('\n').slice(-5).join('\n')}`);
  }
  return own;
}

/** GET /readyz → 200 once Mailpit serves. */
export function mailpitHealthy(webUrl: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const req = get(`${webUrl}/readyz`, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolvePromise(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolvePromise(false));
  });
}

function mailpitSpec(o: Resolved, found: { binary?: string } = {}): ServiceSpec {
  const db = join(o.dataDir, 'mailpit.db');
  const webUrl = (port: number) => `http://${LOOPBACK}:${port}`;
  return {
    name: 'Mailpit',
    id: 'mailpit',
    dataDir: o.dataDir,
    port: o.httpPort,
    portEnvVar: 'MAILPIT_HTTP_PORT',
    url: webUrl,
    marker: db,
    startTimeoutMs: o.startTimeoutMs,
    stopTimeoutMs: o.stopTimeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
    prepare: async () => {
      found.binary = resolveMailpitBinary(o.log);
      mkdirSync(o.dataDir, { recursive: true });
    },
    command: () => {
      if (!found.binary) throw new Error('resolveMailpitBinary() must run first');
      const env: NodeJS.ProcessEnv = {};
      // MP_* settings in the caller's environment would override ours.
      for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MP_')) env[k] = v;
      return {
        command: found.binary,
        args: [
          '--listen',
          `${LOOPBACK}:${o.httpPort}`,
          '--smtp',
          `${LOOPBACK}:${o.smtpPort}`,
          '--database',
          db,
          '--smtp-auth-accept-any',
          '--smtp-auth-allow-insecure',
          '--disable-version-check',
        ],
        cwd: o.dataDir,
        env,
      };
    },
    isReady: (port) => mailpitHealthy(webUrl(port)),
    isAnswering: (port) => mailpitHealthy(webUrl(port)),
  };
}

export interface MailpitStartResult extends MailpitConnection {
  pid: number;
  alreadyRunning: boolean;
}

export async function startMailpit(opts: MailpitOptions = {}): Promise<MailpitStartResult> {
  const o = resolveMailpitOptions(opts);
  const res = await startService(mailpitSpec(o), o.log);
  return {
    smtpUrl: `smtp://${LOOPBACK}:${o.smtpPort}`,
    webUrl: res.url,
    pid: res.pid,
    alreadyRunning: res.alreadyRunning,
  };
}

export async function stopMailpit(opts: MailpitOptions = {}): Promise<StopResult> {
  const o = resolveMailpitOptions(opts);
  return stopService(mailpitSpec(o), o.log);
}
