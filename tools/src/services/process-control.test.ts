import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isOurProcess,
  isProcessAlive,
  readPidFile,
  rotateLog,
  runningFromPidFile,
  spawnDetached,
  tailFile,
  terminateProcess,
  waitUntilReady,
  withLock,
  writePidFile,
} from './process-control.js';

describe('process-control', () => {
  let dir: string;
  const spawned: number[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knotwork-proc-'));
  });
  afterEach(async () => {
    for (const pid of spawned.splice(0)) await terminateProcess(pid, 2000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('tails the last lines of a file', () => {
    const file = join(dir, 'x.log');
    writeFileSync(file, Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    expect(tailFile(file, 3)).toBe('line 98\nline 99\nline 100');
    expect(tailFile(join(dir, 'missing.log'))).toBe('');
  });

  it('rotates a log to .1', () => {
    const file = join(dir, 'x.log');
    writeFileSync(file, 'old');
    rotateLog(file);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('old');
  });

  it('treats a pid file of a dead or foreign process as stale', () => {
    const pidFile = join(dir, 'x.pid');
    writePidFile(pidFile, { pid: process.pid, port: 1, marker: 'no-such-marker-in-our-cmdline', startedAt: '' });
    expect(readPidFile(pidFile)?.pid).toBe(process.pid);
    expect(isOurProcess(process.pid, 'no-such-marker-in-our-cmdline')).toBe(false);
    expect(runningFromPidFile(pidFile)).toBeNull();
    expect(existsSync(pidFile)).toBe(false);
  });

  it('spawns detached with output in the log, waits for readiness, and terminates', async () => {
    const logFile = join(dir, 'svc.log');
    const proc = await spawnDetached({
      command: process.execPath,
      args: ['-e', "console.log('READY'); setInterval(() => {}, 1000)"],
      logFile,
    });
    spawned.push(proc.pid);
    const outcome = await waitUntilReady({
      proc,
      isReady: async () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('READY'),
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(outcome).toEqual({ ready: true });
    expect(isProcessAlive(proc.pid)).toBe(true);
    expect(await terminateProcess(proc.pid, 5000)).toBe('terminated');
    expect(isProcessAlive(proc.pid)).toBe(false);
  });

  it('reports a process that exits during start-up', async () => {
    const proc = await spawnDetached({
      command: process.execPath,
      args: ['-e', "console.error('boom'); process.exit(3)"],
      logFile: join(dir, 'crash.log'),
    });
    const outcome = await waitUntilReady({ proc, isReady: async () => false, timeoutMs: 10_000, intervalMs: 50 });
    expect(outcome).toMatchObject({ ready: false, reason: 'exited', exit: { code: 3 } });
    expect(tailFile(join(dir, 'crash.log'))).toContain('boom');
  });

  it('reports a timeout', async () => {
    const proc = await spawnDetached({
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      logFile: join(dir, 'slow.log'),
    });
    spawned.push(proc.pid);
    const outcome = await waitUntilReady({ proc, isReady: async () => false, timeoutMs: 300, intervalMs: 50 });
    expect(outcome).toEqual({ ready: false, reason: 'timeout' });
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const proc = await spawnDetached({
      command: process.execPath,
      args: ['-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"],
      logFile: join(dir, 'stubborn.log'),
    });
    spawned.push(proc.pid);
    await waitUntilReady({ proc, isReady: async () => tailFile(join(dir, 'stubborn.log')).includes('up'), timeoutMs: 10_000, intervalMs: 50 });
    expect(await terminateProcess(proc.pid, 500)).toBe('killed');
    expect(isProcessAlive(proc.pid)).toBe(false);
  });

  it('reports a command that cannot be run', async () => {
    await expect(
      spawnDetached({ command: join(dir, 'no-such-binary'), args: [], logFile: join(dir, 'x.log') }),
    ).rejects.toThrow(/Could not run/);
  });

  it('serialises work under a lock and takes over a stale one', async () => {
    const lock = join(dir, 'x.lock');
    const order: string[] = [];
    const slow = withLock(lock, 'test', 5000, async () => {
      order.push('a-start');
      await new Promise((r) => setTimeout(r, 300));
      order.push('a-end');
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = withLock(lock, 'test', 5000, async () => {
      order.push('b');
    });
    await Promise.all([slow, second]);
    expect(order).toEqual(['a-start', 'a-end', 'b']);
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, '999999999'); // a pid that cannot exist
    await withLock(lock, 'test', 1000, async () => order.push('c'));
    expect(order.at(-1)).toBe('c');
  });
});
