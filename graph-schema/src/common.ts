import { z } from 'zod';

/** Node ids are UUID strings (v4 for new nodes, v5 for deterministic seed/import nodes). */
export const Id = z.uuid({ message: 'must be a UUID' }).describe('UUID of a node');
export type Id = z.infer<typeof Id>;

/** Timestamps are stored as ISO-8601 UTC strings so that they compare correctly as text. */
export const IsoDateTime = z.iso.datetime({ offset: false, message: 'must be an ISO-8601 UTC date-time such as 2026-03-01T09:00:00Z' });
export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** Free text with bounded length; trimmed. Bounded so that no request can store megabytes in a field. */
export const text = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` });
export const requiredText = (max: number) => text(max).min(1, { message: 'must not be empty' });

const childAge = <T extends z.ZodNumber | z.ZodCoercedNumber>(n: T) =>
  n.int().min(0, { message: 'must be 0 or more' }).max(25, { message: 'must be 25 or less' });
/** A child's age in whole years: children's services reach young people up to 25. */
export const Age = childAge(z.number());
/** The same age as a query-string parameter. */
export const AgeParam = childAge(z.coerce.number());

/** The oldest age a served range can name: "18 and older" is stored as 18–120 (kept as the source gave it, not clipped to 25). */
export const OPEN_AGE = 120;
/** An age bound of a served range: services for adults are still services a family may need. */
export const ServedAge = z
  .number()
  .int()
  .min(0, { message: 'must be 0 or more' })
  .max(OPEN_AGE, { message: `must be ${OPEN_AGE} or less (${OPEN_AGE} means "and older")` });

export const AgeRange = z
  .object({ min: ServedAge, max: ServedAge })
  .refine((r) => r.min <= r.max, { message: 'min must not be greater than max', path: ['min'] })
  .describe('Ages served, in years, inclusive');
export type AgeRange = z.infer<typeof AgeRange>;

export const Email = z.email({ message: 'must be an email address' }).max(254);
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()-]{6,40}$/, { message: 'must be a phone number (digits, spaces, +, -, brackets)' });
export const Url = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(500)
  // the URL parser would quietly percent-encode these; in a directory they are typos ("http://x.org`")
  .regex(/^[^\s`"'<>{}|\\^]+$/, { message: 'must be an http(s) URL (it contains a space, quote, back-tick or bracket)' });

export const Source = z
  .string()
  .regex(/^(manual|seed|import:[a-z0-9._-]{1,60})$/, { message: 'must be manual, seed or import:<name>' })
  .describe('Where the record came from');
export type Source = z.infer<typeof Source>;

/** Fields every stored node has. */
export const NodeMeta = z.object({
  id: Id,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** Fields every profile (practitioner, agency) has in addition. */
export const ProfileMeta = z.object({
  lastVerifiedAt: IsoDateTime.nullable(),
  source: Source,
});

/**
 * A partial-update schema: every field optional and, unlike zod 4's `.partial()` (which still fills in
 * `.default()`s for absent fields, so a PATCH would reset them), absent fields stay absent.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as unknown as Record<string, z.ZodType>)) {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    shape[key] = inner.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K]> }>;
}
