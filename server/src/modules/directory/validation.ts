import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';

/** A 400 in the same shape as request validation failures: `field: problem`, with details per field. */
export function validationError(issues: { field: string; message: string }[]): AppError {
  return new AppError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

/** Parses with a zod schema; on failure throws a 400 naming each field under `prefix` (e.g. body.properties). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw validationError(
    r.error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message })),
  );
}
