import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { findFreePort, isPortFree, parsePort } from './ports.js';

describe('parsePort', () => {
  it('returns the fallback for undefined or empty input', () => {
    expect(parsePort(undefined, 'X', 7687)).toBe(7687);
    expect(parsePort('', 'X', 7700)).toBe(7700);
  });

  it('accepts integers from 1 to 65535, as strings or numbers', () => {
    expect(parsePort('1', 'X', 0)).toBe(1);
    expect(parsePort(' 17687 ', 'X', 0)).toBe(17687);
    expect(parsePort(65535, 'X', 0)).toBe(65535);
  });

  it.each(['0', '65536', '-1', '7687.5', '1e3', 'abc', '76 87', '0x1f'])('rejects %j with a UsageError naming the source', (value) => {
    let error: unknown;
    try {
      parsePort(value, 'NEO4J_BOLT_PORT', 7687);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toContain('NEO4J_BOLT_PORT');
    expect((error as Error).message).toContain(value);
  });

  it('accepts 0 only when asked to', () => {
    expect(parsePort('0', 'X', 1, { allowZero: true })).toBe(0);
  });
});

describe('isPortFree / findFreePort', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('finds a free port, and sees it taken once something listens there', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortFree(port)).toBe(true);
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    expect(await isPortFree(port)).toBe(false);
  });

  it('sees a port taken by a listener on all interfaces', async () => {
    const port = await findFreePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, '0.0.0.0', resolve));
    expect(await isPortFree(port)).toBe(false);
  });
});
