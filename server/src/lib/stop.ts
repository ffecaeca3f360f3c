/**
 * Stopping long work at a safe point. A command checks its AbortSignal between units that are complete on their
 * own (an import batch's transaction, an index batch) and throws StoppedError, whose message says where it
 * stopped and what that leaves behind.
 */
export class StoppedError extends Error {
  override name = 'StoppedError';
}

/** Throws StoppedError with `where()` as its message when `signal` has been aborted. */
export function throwIfStopped(signal: AbortSignal | undefined, where: () => string): void {
  if (signal?.aborted) throw new StoppedError(where());
}
