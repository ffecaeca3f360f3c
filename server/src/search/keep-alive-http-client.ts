import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

/**
 * An HTTP client for the meilisearch SDK over node:http with keep-alive sockets.
 * Node's global fetch adds ~40 ms to every search round trip on these machines (see shared/NOTES.md);
 * node:http with a keep-alive agent takes 1–2 ms.
 */
export function createKeepAliveHttpClient(options: { maxSockets?: number } = {}) {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
  };

  const request = (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];

    return new Promise((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(new MeilisearchRequestError(url.toString(), signal.reason));
        return;
      }
      // The abort listener is added and removed by hand: passing `signal` to http.request leaves one listener
      // per request on a shared signal, which Node reports as a leak.
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = transport.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => finish(() => reject(new MeilisearchRequestError(url.toString(), e))));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (e) {
            finish(() => reject(new MeilisearchRequestError(url.toString(), e)));
            return;
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) finish(() => resolve(parsed));
          else
            finish(() =>
              reject(
                new MeilisearchApiError(
                  new Response(null, { status, statusText: res.statusMessage ?? '' }),
                  parsed as ConstructorParameters<typeof MeilisearchApiError>[1],
                ),
              ),
            );
        });
      });
      function onAbort() {
        req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => finish(() => reject(new MeilisearchRequestError(url.toString(), e))));
      if (body !== undefined) req.write(body);
      req.end();
    });
  };

  return {
    request,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
