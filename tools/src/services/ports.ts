import { createServer } from 'node:net';
import { UsageError, errorCode } from './errors.js';

export const LOOPBACK = '127.0.0.1';

/**
 * Parses a TCP port from a flag or environment variable. `undefined`/empty gives `fallback`.
 * Anything else that is not an integer in 1..65535 (0 too when `allowZero`, meaning "pick a free
 * port") is a UsageError naming the source, e.g. `NEO4J_BOLT_PORT`.
 */
export function parsePort(
  value: string | number | undefined,
  source: string,
  fallback: number,
  { allowZero = false }: { allowZero?: boolean } = {},
): number {
  if (value === undefined || value === '') return fallback;
  const text = String(value).trim();
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const min = allowZero ? 0 : 1;
  if (!Number.isInteger(port) || port < min || port > 65535) {
    throw new UsageError(`Invalid ${source}: "${value}" is not a port number (expected an integer from ${min} to 65535)`);
  }
  return port;
}

/** True if nothing is listening on host:port, i.e. we could bind it now. */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err) => {
      const code = errorCode(err);
      if (code === 'EADDRINUSE' || code === 'EACCES') resolve(false);
      else reject(err);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** A port the OS says is free right now on the loopback interface. */
export function findFreePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}
