/**
 * How the long-running entry points (`npm start`, `npm test`, `npm run cli`) react to being asked to stop: the
 * first SIGINT / SIGTERM / SIGHUP — or the death of the wrapper that started us — starts an orderly shutdown; a
 * second one hurries it (services are killed instead of waited for).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { STOP_SIGNALS, exitCodeFor, watchParent } from '../bin/supervise.mjs';

export interface StopRequests {
  /** Aborted at the first stop request; pass it to work that can be cancelled (service starts). */
  signal: AbortSignal;
  /** Children started through `spawnOwned` are sent SIGTERM on the first request and SIGKILL on the second. */
  spawnOwned(command: string, args: string[], options: SpawnOptions): ChildProcess;
}

export function handleStopRequests(opts: {
  log: (line: string) => void;
  /** The orderly shutdown; it ends the process itself. */
  onStop: (reason: string) => void;
  /** A second request arrived while `onStop` was still running. Default: exit 130 at once. */
  onHurry?: (reason: string) => void;
}): StopRequests {
  const controller = new AbortController();
  const children = new Set<ChildProcess>();
  let requests = 0;
  let firstAt = 0;
  const request = (reason: string, escalates: boolean) => {
    if (requests > 0) {
      // Ctrl-C reaches the whole process group and the wrapper passes it on too: a repeat within a second is the
      // same request; so is a parent's death noticed after a signal (or the reverse).
      if (!escalates || requests > 1 || Date.now() - firstAt < 1_000) return;
      requests += 1;
      opts.log(`${reason} again: stopping at once`);
      for (const child of children) child.kill('SIGKILL');
      (opts.onHurry ?? (() => process.exit(130)))(reason);
      return;
    }
    requests = 1;
    firstAt = Date.now();
    opts.log(`${reason}: stopping (send it again to stop at once)…`);
    controller.abort(new Error(reason));
    for (const child of children) child.kill('SIGTERM');
    opts.onStop(reason);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => request(signal, true));
  watchParent((gone) => request(`the process that started this one (pid ${gone}) has gone`, false));

  return {
    signal: controller.signal,
    spawnOwned(command, args, options) {
      const child = spawn(command, args, options);
      children.add(child);
      child.once('exit', () => children.delete(child));
      if (controller.signal.aborted) child.kill('SIGTERM');
      return child;
    },
  };
}

/** Runs a TypeScript entry point of this repository in one Node process (no separate tsx wrapper process). */
export function tsNodeArgs(entry: string, args: string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', entry, ...args]];
}

export { exitCodeFor };
