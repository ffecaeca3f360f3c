// Plain JavaScript on purpose: the entry-point wrappers use it before any dependency is installed.
// How a parent process owns a child: signals are passed on, the child's exit status becomes ours, and a parent
// that is itself killed (even by SIGKILL) is noticed by whoever it started.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/** The signals a process manager, a terminal or a CI job sends to stop a process. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Exit code of a process that ended on `signal`, as a shell reports it (128 + signal number). */
export function exitCodeFor(code, signal) {
  if (signal) return 128 + (constants.signals[signal] ?? 15);
  return code ?? 1;
}

/** The parent pid of `pid` from /proc, or null where there is no /proc (not Linux) or the process is gone. */
function parentOf(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may itself contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Calls `onGone` once when this process's parent or grandparent has died. The grandparent counts because `npm run`
 * starts scripts through `sh -c`, which stays between npm and us: if npm is killed, the shell lives on and only
 * its own parent changes. A death is seen as a re-parenting (`ppid` changes). Checked every `intervalMs` on an
 * unref'd timer that never keeps the process alive; a no-op under init or a container runtime.
 */
export function watchParent(onGone, intervalMs = 500) {
  const parent = process.ppid;
  if (parent <= 1) return () => {};
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    const now = process.ppid;
    const gone = now !== parent ? parent : grandparent && grandparent > 1 && parentOf(parent) !== grandparent ? grandparent : 0;
    if (gone) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Calls `first(signal)` on the first stop signal and `again(signal)` on each later one. Ctrl-C reaches the whole
 * process group and the wrapper passes it on as well, so a repeat within a second is the same request, not a second.
 */
export function onStopSignals({ first, again }) {
  let firstAt = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (!firstAt) {
        firstAt = Date.now();
        first(signal);
      } else if (Date.now() - firstAt > 1_000) again(signal);
    });
  }
}

/**
 * Runs `command` with stdio inherited and exits with its status. SIGINT, SIGTERM and SIGHUP are passed on to the
 * child, which shuts down its own services (a second signal asks it to hurry; a third is sent as SIGKILL). If this
 * wrapper's own parent dies, the child is sent SIGTERM, so that nothing outlives the process that asked for it.
 */
export function superviseChild(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  let signalsSeen = 0;
  const pass = (signal) => {
    signalsSeen += 1;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signalsSeen >= 3 ? 'SIGKILL' : signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => pass(signal));
  watchParent(() => pass('SIGTERM'));
  child.on('error', (err) => {
    console.error(`knotwork: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(exitCodeFor(code, signal)));
  return child;
}
