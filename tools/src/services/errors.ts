/**
 * Errors meant for people: the CLI prints `message` on its own (no stack trace) and exits with
 * `exitCode`.
 */
export class ServiceError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'ServiceError';
    this.exitCode = exitCode;
  }
}

/** Bad input from the user (flags, environment variables): exit code 2. */
export class UsageError extends ServiceError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
