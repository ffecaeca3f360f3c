/**
 * How the long-running entry points (`npm start`, `npm test`, `npm run cli`) react to being asked to stop: the
 * first SIGINT / SIGTERM / SIGHUP — or the death of the wrapper that started us — starts an orderly shutdown; a
 * second one hurries it (services are killed instead of waited for).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { exitCodeFor, onStopSignals, watchParent } from '../bin/supervise.mjs';

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
  let hurried = false;
  const stop = (reason: string) => {
    if (controller.signal.aborted) return; // a parent's death noticed after a signal, or the reverse
    opts.log(`${reason}: stopping (send it again to stop at once)…`);
    controller.abort(new Error(reason));
    for (const child of children) child.kill('SIGTERM');
    opts.onStop(reason);
  };
  const hurry = (reason: string) => {
    if (!controller.signal.aborted) return stop(reason);
    if (hurried) return;
    hurried = true;
    opts.log(`${reason} again: stopping at once`);
    for (const child of children) child.kill('SIGKILL');
    (opts.onHurry ?? (() => process.exit(130)))(reason);
  };
  onStopSignals({ first: stop, again: hurry });
  watchParent((gone) => stop(`the process that started this one (pid ${gone}) has gone`));

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
