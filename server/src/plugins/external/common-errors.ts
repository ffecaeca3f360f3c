import type { Access } from '../app/auth.js';

export interface RouteFacts {
  method: string | readonly string[];
  /** The route validates params, a query string or a body. */
  hasInput: boolean;
  hasBody: boolean;
  /** `config.access`; undefined for routes outside the access model (e.g. /openapi.json). */
  access: Access | undefined;
}

/**
 * The error statuses any route of this kind can answer, whatever its own handler does, with what they mean: the
 * framework, the validation, the session and CSRF checks and the database guard produce them for every route.
 * The OpenAPI document adds them where a route does not list them itself.
 */
export function commonErrorStatuses(route: RouteFacts): Record<number, string> {
  const methods = (typeof route.method === 'string' ? [route.method] : route.method).map((m) => m.toUpperCase());
  const writes = methods.some((m) => m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS');
  const statuses: Record<number, string> = {};
  if (route.hasInput) statuses[400] = 'The request is invalid; the error names each field and what is wrong with it';
  if (route.access !== undefined && route.access !== 'public') statuses[401] = 'Not signed in, or the session has expired';
  if (writes || Array.isArray(route.access)) {
    statuses[403] = writes
      ? 'The x-knotwork-csrf header is missing (a cross-site request), or the signed-in role may not do this'
      : 'The signed-in role may not do this';
  }
  // Fastify reads a body on every write, declared or not, so any of them can be too large.
  if (route.hasBody || writes) statuses[413] = 'The body is larger than 1 MiB';
  statuses[414] = 'The URL is too long';
  if (route.access !== undefined) statuses[503] = 'The directory database is unavailable or too busy; try again in a moment';
  return statuses;
}
