import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

/**
 * Request generator for API fuzzing, driven by the app's own OpenAPI document (OpenAPI 3.1 = JSON Schema 2020-12):
 * every operation, values mostly shaped by the schema (so requests get past validation and reach the services)
 * and, at any leaf, hostile values instead: Cypher fragments, very long strings, unicode, null bytes, wrong types,
 * deep nesting, huge arrays. Whole bodies are sometimes replaced by raw hostile payloads (broken JSON, > 1 MiB,
 * 10,000-deep nesting, wrong content type).
 */

export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
};

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  params: { in: 'path' | 'query'; name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  responses: Record<string, JsonSchema | null>;
}

export interface FuzzRequest {
  operationId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  identity: string;
  note: string;
}

export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters as Operation['params']) ?? []).filter((p) => p.in === 'path' || p.in === 'query');
      const body =
        ((op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.['application/json']?.schema as
          | JsonSchema
          | undefined) ?? null;
      const responses: Record<string, JsonSchema | null> = {};
      for (const [status, r] of Object.entries((op.responses as Record<string, { content?: Record<string, { schema?: JsonSchema }> }>) ?? {})) {
        responses[status] = r.content?.['application/json']?.schema ?? null;
      }
      ops.push({ method: method.toUpperCase(), path, operationId: String(op.operationId), params, body, responses });
    }
  }
  return ops;
}

// Hostile values ------------------------------------------------------------------------------------------------

export const HOSTILE_STRINGS = [
  "' OR 1=1 //",
  '") RETURN n //',
  '`) MATCH (n) DETACH DELETE n //',
  'MATCH (n) DETACH DELETE n',
  "x'}) WITH 1 AS x CALL db.labels() YIELD label RETURN label //",
  '$where',
  '{"$gt": ""}',
  '\u0000',
  'nul\u0000in the middle',
  '\uFFFF\uFFFE',
  '\uD800', // lone surrogate
  '𝕂𝕟𝕠𝕥𝕨𝕠𝕣𝕜 ﷽ 👩‍👩‍👧‍👦 \u202Eevil',
  'Zoë Ångström-Ñúñez 中文 العربية',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  '*',
  '~',
  'AND OR NOT',
  '"unbalanced',
  '(((((((((((',
  'a:b AND c:[* TO *]',
  '\\',
  '',
  ' ',
  '\t\n\r',
  'x'.repeat(256),
  'y'.repeat(10_001),
  'z'.repeat(200_000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30',
  '9999-12-31',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
];

const HOSTILE_NUMBERS = [0, -1, -0.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 3.5, 1e-300];

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, { __proto__: { admin: true } }, JSON.parse('{"__proto__": {"polluted": 1}}')),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.integer({ min: 2, max: 300 }).map((d) => deep(d)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => Array.from({ length: n }, () => 'aaaaaaaaaa')),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
);

// Schema-shaped values ------------------------------------------------------------------------------------------

export interface GenContext {
  /** Existing ids to use for uuid-shaped values, so requests reach real records. */
  ids: string[];
  /** Probability of a hostile value at a leaf. */
  hostility: number;
}

function uuidArb(ctx: GenContext): fc.Arbitrary<string> {
  return ctx.ids.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: fc.uuid() })
    : fc.uuid();
}

function stringArb(s: JsonSchema, ctx: GenContext): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 40, 60);
  const min = Math.min(s.minLength ?? 0, max);
  switch (s.format) {
    case 'uuid':
      return uuidArb(ctx);
    case 'date':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= max || max < 6);
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.constantFrom('speech', 'SALT', 'attendance', 'housing', 'North', 'teacher', 'a').filter((x) => x.length >= min && x.length <= (s.maxLength ?? 1e9)),
  );
}

export function valueArb(schema: JsonSchema | undefined, ctx: GenContext, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedArb(schema ?? {}, ctx, depth);
  if (depth > 6) return shaped;
  return fc.oneof(
    { weight: Math.round((1 - ctx.hostility) * 100), arbitrary: shaped },
    { weight: Math.round(ctx.hostility * 100), arbitrary: hostileValue },
  );
}

function shapedArb(s: JsonSchema, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => valueArb(a, ctx, depth + 1)));
  if (s.allOf?.length) return shapedArb(Object.assign({}, ...s.allOf) as JsonSchema, ctx, depth);
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => shapedArb({ ...s, type: t }, ctx, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      return fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) });
    }
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1000;
      const max = s.maximum ?? s.exclusiveMaximum ?? 1000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'string':
      return stringArb(s, ctx);
    case 'array': {
      const maxLength = Math.min(s.maxItems ?? 5, 6);
      const minLength = Math.min(s.minItems ?? 0, maxLength);
      return fc.array(valueArb(s.items, ctx, depth + 1), { minLength, maxLength });
    }
    case 'object':
    default: {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = valueArb(v, ctx, depth + 1);
      const keys = Object.keys(record);
      if (!keys.length) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      return fc
        .tuple(
          fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) }),
          fc.option(fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 2 }), { freq: 6 }),
          fc.option(fc.constantFrom(...keys), { freq: 8 }),
        )
        .map(([obj, extra, drop]) => {
          const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
          if (drop) delete out[drop]; // sometimes a required field goes missing
          if (extra) Object.assign(out, extra); // sometimes unknown fields come along
          return out;
        });
    }
  }
}

/** Lone surrogates cannot be URI-encoded: send them as the raw (invalid UTF-8) bytes a hostile client would. */
function encodePathValue(v: unknown): string {
  try {
    return encodeURIComponent(String(v ?? 'x'));
  } catch {
    return '%ED%A0%80';
  }
}

function toQueryValue(v: unknown): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'object' && x !== null ? [JSON.stringify(x)] : [String(x)]));
  if (typeof v === 'object' && v !== null) return [JSON.stringify(v)];
  return [String(v)];
}

const rawBodies: fc.Arbitrary<{ payload: string | Buffer; contentType: string; note: string }> = fc.oneof(
  fc.constantFrom(
    { payload: '{"name":', contentType: 'application/json', note: 'truncated JSON' },
    { payload: '{"a":1,"a":2}', contentType: 'application/json', note: 'duplicate keys' },
    { payload: 'null', contentType: 'application/json', note: 'JSON null' },
    { payload: '[]', contentType: 'application/json', note: 'JSON array' },
    { payload: '"just a string"', contentType: 'application/json', note: 'JSON string' },
    { payload: '{"__proto__":{"role":"admin"}}', contentType: 'application/json', note: 'prototype pollution' },
    { payload: 'name=x&sector=y', contentType: 'application/x-www-form-urlencoded', note: 'form body' },
    { payload: '<xml/>', contentType: 'text/xml', note: 'xml body' },
    { payload: '\u0000\u0001\u0002', contentType: 'application/json', note: 'binary garbage' },
  ),
  fc.constant(null).map(() => ({ payload: '['.repeat(10_000) + ']'.repeat(10_000), contentType: 'application/json', note: '10,000-deep array' })),
  fc.constant(null).map(() => ({ payload: '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000), contentType: 'application/json', note: '5,000-deep object' })),
  fc.constant(null).map(() => ({ payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }), contentType: 'application/json', note: 'body over 1 MiB' })),
  fc.constant(null).map(() => ({ payload: JSON.stringify({ needs: Array.from({ length: 100_000 }, () => randomUUID().slice(0, 4)) }), contentType: 'application/json', note: 'huge array' })),
);

export interface Identity {
  name: string;
  cookie: string | null;
}

export function requestArb(ops: Operation[], identities: Identity[], ctx: GenContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(...ops)
    .chain((op) =>
      fc.record({
        op: fc.constant(op),
        identity: fc.constantFrom(...identities),
        path: fc.record(
          Object.fromEntries(
            op.params
              .filter((p) => p.in === 'path')
              .map((p) => [p.name, fc.oneof({ weight: 5, arbitrary: shapedArb(p.schema, ctx, 1) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((x) => x.length < 5000)) })]),
          ),
        ),
        query: fc.record(
          Object.fromEntries(op.params.filter((p) => p.in === 'query').map((p) => [p.name, valueArb(p.schema, ctx, 1)])),
          { requiredKeys: [] },
        ),
        body: op.body ? valueArb(op.body, ctx, 0) : fc.constant(undefined),
        raw: fc.option(rawBodies, { freq: op.method === 'GET' ? 1000 : 12 }),
        csrf: fc.option(fc.constant(false), { freq: 30 }),
      }),
    )
    .map(({ op, identity, path, query, body, raw, csrf }) => {
      let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathValue((path as Record<string, unknown>)[name]));
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query as Record<string, unknown>)) for (const s of toQueryValue(v)) qs.append(k, s);
      const q = qs.toString();
      if (q) url += `?${q.length > 60_000 ? q.slice(0, 60_000) : q}`;
      const headers: Record<string, string> = {};
      if (identity.cookie) headers.cookie = identity.cookie;
      if (csrf !== false) headers['x-knotwork-csrf'] = '1';
      let payload: string | Buffer | undefined;
      let note = 'schema-shaped';
      if (raw) {
        payload = raw.payload;
        headers['content-type'] = raw.contentType;
        note = raw.note;
      } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['content-type'] = 'application/json';
      }
      return { operationId: op.operationId, method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}), identity: identity.name, note };
    });
}

// Response checks -----------------------------------------------------------------------------------------------

export function responseValidator(doc: object) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, 'openapi');
  const cache = new Map<string, ReturnType<typeof ajv.compile> | null>();
  const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return (op: Operation, status: number, body: unknown): string | null => {
    const key = `${op.path} ${op.method} ${status}`;
    if (!cache.has(key)) {
      const declared = op.responses[String(status)];
      cache.set(
        key,
        declared
          ? ajv.compile({ $ref: `openapi#/paths/${pointer(op.path)}/${op.method.toLowerCase()}/responses/${status}/content/application~1json/schema` })
          : null,
      );
    }
    const validate = cache.get(key);
    if (!validate) return null;
    return validate(body) ? null : ajv.errorsText(validate.errors);
  };
}

/** Every array in a request schema should have maxItems, every free string maxLength: bounded work per request. */
export function unboundedInputs(ops: Operation[]): string[] {
  const found: string[] = [];
  const walk = (s: JsonSchema | undefined, where: string) => {
    if (!s || typeof s !== 'object') return;
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('array') && s.maxItems === undefined && !(s.prefixItems && s.items === undefined)) found.push(`${where}: array without maxItems`);
    if (types.includes('string') && s.maxLength === undefined && !s.enum && !s.format && !s.pattern && s.const === undefined) {
      found.push(`${where}: string without maxLength`);
    }
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`);
    if (s.items) walk(s.items, `${where}[]`);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, where);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}.*`);
  };
  for (const op of ops) {
    for (const p of op.params) walk(p.schema, `${op.method} ${op.path} ${p.in}:${p.name}`);
    walk(op.body ?? undefined, `${op.method} ${op.path} body`);
  }
  return found;
}
