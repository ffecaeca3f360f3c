import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveHttpClient } from './keep-alive-http-client.js';
import { isTimeout } from './failover-search.js';

describe('isTimeout (how a failed engine request counts for the circuit breaker)', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is true for a request the timeout aborted', async () => {
    const client = createKeepAliveHttpClient();
    const err = await client.request(`${base}/indexes/x/search`, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    client.close();
    expect(isTimeout(err)).toBe(true);
  });

  it('is false for a refused connection and other errors', async () => {
    const client = createKeepAliveHttpClient();
    const err = await client.request('http://127.0.0.1:1/indexes/x/search', { signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
    client.close();
    expect(err).toBeInstanceOf(Error);
    expect(isTimeout(err)).toBe(false);
    expect(isTimeout(new Error('index not found'))).toBe(false);
  });
});
