/**
 * The start / stop / status flow common to the local Neo4j and Meilisearch launchers. Each launcher
 * describes its service with a ServiceSpec; this module owns pid files, locking, the port-in-use
 * check, readiness waiting and log tails.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from './errors.js';
import { isPortFree, LOOPBACK } from './ports.js';
import {
  removeFile,
  rotateLog,
  runningFromPidFile,
  spawnDetached,
  tailFile,
  terminateProcess,
  waitUntilReady,
  withLock,
  writePidFile,
  type ExitInfo,
  type StopOutcome,
} from './process-control.js';

export type Logger = (line: string) => void;

export const silent: Logger = () => {};

export interface LaunchCommand {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ServiceSpec {
  /** Display name: "Neo4j", "Meilisearch". */
  name: string;
  /** File name stem for the pid, log and lock files in `dataDir`: "neo4j", "meili". */
  id: string;
  dataDir: string;
  port: number;
  /** How the user chooses another port, for messages: "NEO4J_BOLT_PORT". */
  portEnvVar: string;
  /** Address clients use, e.g. bolt://127.0.0.1:7687. */
  url: (port: number) => string;
  /** Appears in the service's command line; tells our process from an unrelated one with a reused pid. */
  marker: string;
  startTimeoutMs: number;
  stopTimeoutMs: number;
  /** Aborting it cancels a start in progress (the process is stopped and the start throws). */
  signal?: AbortSignal;
  /** Work before spawning (builds, binary lookup); runs under the start lock. */
  prepare?: () => Promise<void>;
  command: () => LaunchCommand;
  /** Polled while starting; true once the service answers. */
  isReady: (port: number, logFile: string) => Promise<boolean>;
  /** Cheap probe for `status`. */
  isAnswering: (port: number) => Promise<boolean>;
  /** Extra check once ready (e.g. credentials work); throw a ServiceError to fail the start. */
  afterReady?: (port: number) => Promise<void>;
  /** Whether an exit during start-up means the port was taken (a race the pre-check missed). */
  exitMeansPortInUse?: (exit: ExitInfo) => boolean;
}

export interface ServiceFiles {
  pidFile: string;
  logFile: string;
  lockFile: string;
}

export function serviceFiles(spec: Pick<ServiceSpec, 'dataDir' | 'id'>): ServiceFiles {
  return {
    pidFile: join(spec.dataDir, `${spec.id}.pid`),
    logFile: join(spec.dataDir, `${spec.id}.log`),
    lockFile: join(spec.dataDir, `${spec.id}.lock`),
  };
}

export interface StartResult {
  pid: number;
  port: number;
  url: string;
  /** True when the service was already running and nothing was started. */
  alreadyRunning: boolean;
  startMs: number;
}

export async function startService(spec: ServiceSpec, log: Logger): Promise<StartResult> {
  const files = serviceFiles(spec);
  const lockTimeout = spec.startTimeoutMs + spec.stopTimeoutMs + 300_000; // a first start may include a build
  return withLock(files.lockFile, `another start/stop of ${spec.name} in ${spec.dataDir}`, lockTimeout, async () => {
    const running = runningFromPidFile(files.pidFile);
    if (running) {
      const url = spec.url(running.port);
      log(`${spec.name} already running on ${url} (pid ${running.pid})`);
      if (running.port !== spec.port) {
        log(`  note: it uses port ${running.port}, not ${spec.port}; stop it first to move it to another port`);
      }
      return { pid: running.pid, port: running.port, url, alreadyRunning: true, startMs: 0 };
    }

    if (!(await isPortFree(spec.port))) {
      throw portInUse(spec);
    }

    await spec.prepare?.();
    if (spec.signal?.aborted) throw cancelled(spec);

    const started = Date.now();
    rotateLog(files.logFile);
    const launch = spec.command();
    const proc = await spawnDetached({ ...launch, logFile: files.logFile });
    writePidFile(files.pidFile, {
      pid: proc.pid,
      port: spec.port,
      marker: spec.marker,
      startedAt: new Date(started).toISOString(),
    });

    const outcome = await waitUntilReady({
      proc,
      isReady: () => spec.isReady(spec.port, files.logFile),
      timeoutMs: spec.startTimeoutMs,
      ...(spec.signal ? { signal: spec.signal } : {}),
    });

    if (!outcome.ready) {
      if (outcome.reason !== 'exited') await terminateProcess(proc.pid, spec.stopTimeoutMs);
      removeFile(files.pidFile);
      if (outcome.reason === 'aborted') throw cancelled(spec);
      const tail = tailFile(files.logFile, 40);
      const why =
        outcome.reason === 'exited'
          ? `exited during start-up (${describeExit(outcome.exit)})`
          : `did not become ready within ${Math.round(spec.startTimeoutMs / 1000)} s and was stopped`;
      if (outcome.reason === 'exited' && spec.exitMeansPortInUse?.(outcome.exit)) {
        throw portInUse(spec);
      }
      throw new ServiceError(
        `${spec.name} ${why}.\n` +
          (tail ? `Last lines of ${files.logFile}:\n${indent(tail)}` : `Its log ${files.logFile} is empty.`),
      );
    }

    try {
      await spec.afterReady?.(spec.port);
    } catch (err) {
      await terminateProcess(proc.pid, spec.stopTimeoutMs);
      removeFile(files.pidFile);
      throw err;
    }

    const url = spec.url(spec.port);
    const startMs = Date.now() - started;
    log(`${spec.name} ready on ${url} (pid ${proc.pid}, ${(startMs / 1000).toFixed(1)} s; log ${files.logFile})`);
    return { pid: proc.pid, port: spec.port, url, alreadyRunning: false, startMs };
  });
}

export interface StopResult {
  wasRunning: boolean;
  pid?: number;
  outcome: StopOutcome;
}

export async function stopService(
  spec: Pick<ServiceSpec, 'name' | 'id' | 'dataDir' | 'stopTimeoutMs' | 'startTimeoutMs'>,
  log: Logger,
): Promise<StopResult> {
  const files = serviceFiles(spec);
  return withLock(files.lockFile, `another start/stop of ${spec.name} in ${spec.dataDir}`, spec.startTimeoutMs + spec.stopTimeoutMs + 300_000, async () => {
    const running = runningFromPidFile(files.pidFile);
    if (!running) {
      log(`${spec.name} is not running (data dir ${spec.dataDir})`);
      return { wasRunning: false, outcome: 'not-running' as const };
    }
    log(`Stopping ${spec.name} (pid ${running.pid})…`);
    const outcome = await terminateProcess(running.pid, spec.stopTimeoutMs);
    removeFile(files.pidFile);
    // So that an immediate restart does not find the port still held by the exiting process.
    const portDeadline = Date.now() + 5000;
    while (!(await isPortFree(running.port)) && Date.now() < portDeadline) await sleep(100);
    if (outcome === 'killed') {
      log(`${spec.name} did not stop within ${Math.round(spec.stopTimeoutMs / 1000)} s and was killed (SIGKILL)`);
    } else {
      log(`${spec.name} stopped`);
    }
    return { wasRunning: true, pid: running.pid, outcome };
  });
}

export type ServiceState =
  | { state: 'running'; pid: number; port: number; url: string; dataDir: string; logFile: string }
  | { state: 'starting'; pid: number; port: number; url: string; dataDir: string; logFile: string }
  | { state: 'stopped'; dataDir: string };

export async function serviceStatus(
  spec: Pick<ServiceSpec, 'id' | 'dataDir' | 'url' | 'isAnswering'>,
): Promise<ServiceState> {
  const files = serviceFiles(spec);
  const running = runningFromPidFile(files.pidFile);
  if (!running) return { state: 'stopped', dataDir: spec.dataDir };
  const answering = await spec.isAnswering(running.port).catch(() => false);
  return {
    state: answering ? 'running' : 'starting',
    pid: running.pid,
    port: running.port,
    url: spec.url(running.port),
    dataDir: spec.dataDir,
    logFile: files.logFile,
  };
}

export function formatStatus(name: string, status: ServiceState): string {
  if (status.state === 'stopped') return `${name}: stopped (data dir ${status.dataDir})`;
  const what = status.state === 'running' ? 'running' : 'starting (not answering yet)';
  return `${name}: ${what} on ${status.url} (pid ${status.pid}, data dir ${status.dataDir})`;
}

function cancelled(spec: ServiceSpec): ServiceError {
  return new ServiceError(`${spec.name} start was cancelled (a stop was asked for while it started)`);
}

function portInUse(spec: ServiceSpec): ServiceError {
  return new ServiceError(
    `Port ${spec.port} on ${LOOPBACK} is already in use by another process, so ${spec.name} cannot start there. ` +
      `Stop that process, or choose another port with ${spec.portEnvVar}=<port>.`,
  );
}

function describeExit(exit: ExitInfo): string {
  if (exit.error) return exit.error.message;
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  | ${l}`)
    .join('\n');
}
