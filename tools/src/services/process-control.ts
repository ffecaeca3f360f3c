/**
 * Process plumbing shared by the local service launchers: pid files, detached spawning with output
 * to a log file, waiting for readiness, stopping, log tails, and a start/stop lock.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError, errorCode } from './errors.js';

export interface PidRecord {
  pid: number;
  port: number;
  /** A string that appears in the process's command line, to tell our process from a reused pid. */
  marker: string;
  startedAt: string;
}

export function readPidFile(file: string): PidRecord | null {
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidRecord>;
    if (typeof rec.pid === 'number' && rec.pid > 0 && typeof rec.port === 'number') {
      return { pid: rec.pid, port: rec.port, marker: String(rec.marker ?? ''), startedAt: String(rec.startedAt ?? '') };
    }
  } catch {
    // missing or unreadable: treated as "no pid file"
  }
  return null;
}

export function writePidFile(file: string, rec: PidRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(rec)}\n`);
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * A zombie that has fully exited. A multi-threaded process whose main thread has exited shows "Z"
 * while its other threads are still shutting down (and still hold its sockets), so only a zombie
 * with no threads left counts as gone.
 */
function isZombie(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const state = /^State:\s+(\S)/m.exec(status)?.[1];
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? '1');
    return state === 'Z' && threads <= 1;
  } catch {
    return false;
  }
}

/** True if `pid` is alive and (where /proc exists) its command line contains `marker`. */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!isProcessAlive(pid)) return false;
  if (!marker) return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return cmdline.includes(marker);
  } catch {
    return !existsSync('/proc/self'); // no /proc (not Linux): trust the pid
  }
}

/** The pid recorded in `pidFile` if that process is still ours; removes a stale pid file. */
export function runningFromPidFile(pidFile: string): PidRecord | null {
  const rec = readPidFile(pidFile);
  if (!rec) return null;
  if (isOurProcess(rec.pid, rec.marker)) return rec;
  removeFile(pidFile);
  return null;
}

/** SIGKILL to the process recorded in `pidFile`, if it is still ours; the pid file is left for the stopper. */
export function killFromPidFile(pidFile: string): void {
  const rec = readPidFile(pidFile);
  if (!rec || !isOurProcess(rec.pid, rec.marker)) return;
  try {
    process.kill(rec.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Keeps one previous log: `x.log` becomes `x.log.1`, so each start's output starts a fresh file. */
export function rotateLog(logFile: string): void {
  if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface SpawnedProcess {
  pid: number;
  /** Set once the process has exited (or failed to spawn). */
  exit(): ExitInfo | null;
}

/**
 * Starts `command` detached from this process (its own process group, survives our exit), stdin
 * closed, stdout and stderr appended to `logFile`.
 */
export async function spawnDetached(opts: {
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<SpawnedProcess> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a', 0o600);
  let exitInfo: ExitInfo | null = null;
  try {
    const child = spawn(opts.command, opts.args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.on('exit', (code, signal) => {
      exitInfo ??= { code, signal };
    });
    const spawned = await new Promise<boolean>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', (error) => {
        exitInfo ??= { code: null, signal: null, error };
        resolve(false);
      });
    });
    child.unref();
    if (!spawned || child.pid === undefined) {
      const info = exitInfo as ExitInfo | null; // assigned in the callbacks above
      const reason = info?.error ? info.error.message : 'unknown error';
      throw new ServiceError(`Could not run ${opts.command}: ${reason}`);
    }
    return { pid: child.pid, exit: () => exitInfo };
  } finally {
    closeSync(fd);
  }
}

export type WaitOutcome =
  | { ready: true }
  | { ready: false; reason: 'exited'; exit: ExitInfo }
  | { ready: false; reason: 'timeout' | 'aborted' };

/** Polls `isReady` until it returns true, the process exits, `timeoutMs` passes or `signal` is aborted. */
export async function waitUntilReady(opts: {
  proc: SpawnedProcess;
  isReady: () => Promise<boolean>;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}): Promise<WaitOutcome> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 200;
  for (;;) {
    const exit = opts.proc.exit();
    if (exit) return { ready: false, reason: 'exited', exit };
    if (opts.signal?.aborted) return { ready: false, reason: 'aborted' };
    const ready = await opts.isReady().catch(() => false);
    if (ready) {
      // A process that printed "ready" and died right away is not ready.
      const exitAfter = opts.proc.exit();
      return exitAfter ? { ready: false, reason: 'exited', exit: exitAfter } : { ready: true };
    }
    if (Date.now() >= deadline) return { ready: false, reason: 'timeout' };
    await sleep(interval);
  }
}

export type StopOutcome = 'not-running' | 'terminated' | 'killed';

/** SIGTERM, wait up to `timeoutMs` for the process to exit, then SIGKILL. */
export async function terminateProcess(pid: number, timeoutMs: number): Promise<StopOutcome> {
  if (!isProcessAlive(pid)) return 'not-running';
  try {
    process.kill(pid, 'SIGTERM');
  } catch (err) {
    if (errorCode(err) === 'ESRCH') return 'not-running';
    throw err;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return 'terminated';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch (err) {
    if (errorCode(err) === 'ESRCH') return 'terminated';
    throw err;
  }
  const killDeadline = Date.now() + 10_000;
  while (isProcessAlive(pid) && Date.now() < killDeadline) await sleep(100);
  return 'killed';
}

/** The last `lines` lines of a (possibly large) text file; '' if it does not exist. */
export function tailFile(file: string, lines = 40): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = statSync(file).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8').replace(/\s+$/, '');
    return text.split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/** Whether `file` contains `text` (reads at most the first 4 MB). */
export function fileContains(file: string, text: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(statSync(file).size, 4 * 1024 * 1024));
      readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.toString('utf8').includes(text);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Runs `fn` while holding an exclusive lock file (created with O_EXCL, holding our pid). Waits while
 * another live process holds it; takes over a lock whose holder is gone.
 */
export async function withLock<T>(lockFile: string, what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
    }
    const holder = lockHolder(lockFile);
    if (holder === 'stale') {
      removeFile(lockFile);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ServiceError(`Timed out waiting for ${what}: ${lockFile} is held by pid ${holder}. If that process is gone, delete the file.`);
    }
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    removeFile(lockFile);
  }
}

function lockHolder(lockFile: string): number | 'stale' | 'unknown' {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(pid) && pid > 0) return isProcessAlive(pid) ? pid : 'stale';
    // Just created and not written yet, or garbage: stale only once it is old.
    return Date.now() - statSync(lockFile).mtimeMs > 10_000 ? 'stale' : 'unknown';
  } catch {
    return 'unknown';
  }
}
