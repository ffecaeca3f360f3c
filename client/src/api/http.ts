import type { ErrorBody } from '@knotwork/graph-schema';
import { plainFieldMessage, plainValidation } from './plain-errors';

/** A field-level validation message from the server: `details: [{ field, message }]`. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every non-2xx answer of the API, with the readable message and what to do next. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation details as a field → message map (first message per field). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as Partial<FieldError>[]) {
        if (d && typeof d.field === 'string' && typeof d.message === 'string') {
          // The server names fields by where they were: body.ageRange.min → ageRange.min.
          const field = d.field.replace(/^(body|query|params)\./, '');
          if (!(field in out)) out[field] = plainFieldMessage(d.message);
        }
      }
    }
    return out;
  }
}

/** The message to show a user: validation failures in plain words, anything else as the server put it. */
export function plainMessage(err: unknown): string {
  if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && Array.isArray(err.details) && err.details.length) {
    const details = (err.details as Partial<FieldError>[]).filter(
      (d): d is FieldError => typeof d?.field === 'string' && typeof d.message === 'string',
    );
    if (details.length) return plainValidation(details);
  }
  return err instanceof Error ? err.message : String(err);
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** Builds `?a=1&b=x,y` leaving out empty values; arrays become comma-separated lists. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Raw body (FormData, text) sent as is. */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the API on the same origin with the session cookie; mutating calls carry the CSRF header. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET') headers['x-knotwork-csrf'] = '1';
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Knotwork could not be reached. Check your connection and try again.', null, null);
  }
  if (res.status === 204) return null as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? `The server answered ${res.status} ${res.statusText}.`,
      e?.details ?? null,
      e?.requestId ?? null,
    );
  }
  return json as T;
}

/** A sentence telling the user what to do about an error. */
export function adviceFor(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Reload the page and try again.';
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.';
    case 'FORBIDDEN':
      return 'Your role does not allow this. Ask a coordinator if you need access.';
    case 'NOT_FOUND':
      return 'It may have been removed or merged. Search for it again.';
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return Object.keys(err.fieldErrors).some((f) => f.startsWith('params.') || f === 'id')
        ? 'Search for it by name instead.'
        : 'Change what you entered and try again.';
    case 'CONFLICT':
      return 'Someone else changed this meanwhile. Reload and re-apply your change.';
    case 'RATE_LIMITED':
      return 'Wait as long as the message says, then try again.';
    case 'SERVICE_UNAVAILABLE':
    case 'NETWORK':
      return 'A service is not reachable at the moment. Try again in a little while.';
    default:
      return err.requestId
        ? `Try again; if it keeps happening, quote reference ${err.requestId} to your administrator.`
        : 'Try again in a moment.';
  }
}
