import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: LogLevel.default('info'),
  NEO4J_URI: z
    .string({ message: 'is required (npm start sets it for the local database; or point it at your own Neo4j)' })
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, { message: 'must be a bolt:// or neo4j:// URI, e.g. bolt://127.0.0.1:7687' }),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string({ message: 'is required with NEO4J_URI' }).min(1, { message: 'is required with NEO4J_URI' }),
  NEO4J_DATABASE: z.string().min(1).optional(),
  NEO4J_MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(10)
    .describe('Bolt connections the API may use at once; more queue for one (load test on 2 cores: 10 beat 16, 12 beat 100)'),
  MEILI_HOST: z.url({ message: 'must be a URL such as http://127.0.0.1:7700' }).optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,200}$/, { message: 'may contain only letters, digits, - and _' })
    .default('knotwork'),
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SESSION_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(10_000)
    .describe('How long an instance trusts a looked-up session without asking Neo4j; 0: a logout on another instance counts at once'),
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .describe('Mark the session cookie Secure; auto = only when NODE_ENV is production'),
  CORS_ORIGINS: z.string().default('').describe('Comma-separated origins allowed to call the API from a browser'),
  CLIENT_DIST: z.string().optional().describe('Folder of the built client to serve at /'),
  KNOTWORK_DEMO_PASSWORD: z.string().min(8).default('knotwork-demo'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example:587' })
    .optional()
    .describe('Where mail goes; without it mail waits in the outbox'),
  MAIL_FROM: z.string().min(3).default('Knotwork <no-reply@knotwork.invalid>'),
  PUBLIC_URL: z.url({ message: 'must be the URL people open Knotwork at, such as https://knotwork.example' }).optional(),
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  MAIL_WORKER: z.enum(['true', 'false']).default('true').describe('Send the mail outbox from this process'),
  WARM_UP: z
    .enum(['true', 'false'])
    .default('true')
    .describe('Have Neo4j plan the graph queries in the background when the API starts, not in the first requests'),
  READY_AFTER_WARM_UP: z
    .enum(['true', 'false'])
    .default('false')
    .describe('/api/health/ready answers 503 until the warm-up has finished (so a load balancer sends no traffic before)'),
  DRAIN_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(120_000)
    .default(0)
    .describe('On SIGTERM, how long /api/health/ready answers 503 while requests are still served, before the API stops accepting'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(300_000)
    .default(15_000)
    .describe('On SIGTERM, how long in-flight requests and the outbox batch may take before the process exits anyway'),
  HSDS_ACCESS: z
    .enum(['signed-in', 'public'])
    .default('signed-in')
    .describe('Who may read the Open Referral HSDS 3 / ORUK API at /hsds: signed-in users, or anyone (an open directory)'),
  METRICS_TOKEN: z
    .string()
    .min(16, { message: 'must be at least 16 characters' })
    .optional()
    .describe('When set, /metrics needs "Authorization: Bearer <token>"; unset, /metrics is open (keep it on an internal network)'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  readonly logLevel: z.infer<typeof LogLevel>;
  readonly neo4j: {
    readonly uri: string;
    readonly user: string;
    readonly password: string;
    readonly database?: string;
    /** Connection pool size (NEO4J_MAX_CONNECTIONS); the CLI and benches may omit it (driver default 100). */
    readonly maxConnections?: number;
  };
  readonly meili: { readonly host: string; readonly masterKey?: string; readonly index: string } | null;
  readonly session: { readonly secret?: string; readonly ttlHours: number; readonly secureCookie: boolean; readonly cacheMs?: number };
  readonly corsOrigins: readonly string[];
  readonly clientDist?: string;
  readonly demoPassword: string;
  readonly warmUp: boolean;
  readonly lifecycle: { readonly readyAfterWarmUp: boolean; readonly drainDelayMs: number; readonly shutdownTimeoutMs: number };
  readonly metricsToken?: string;
  readonly hsdsAccess: 'signed-in' | 'public';
  /** Outgoing mail (issue 16): smtpUrl null keeps messages in the outbox; links in mail start at publicUrl. */
  readonly mail: { readonly smtpUrl: string | null; readonly from: string; readonly publicUrl: string; readonly pollMs: number; readonly worker: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError listing every problem by variable name. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.MEILI_HOST && !env.MEILI_MASTER_KEY && env.NODE_ENV === 'production') {
    problems.push('MEILI_MASTER_KEY is required with MEILI_HOST in production');
  }
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    problems.push('SESSION_SECRET is required in production (at least 32 random characters)');
  }
  if (problems.length) throw new ConfigError(problems);

  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    neo4j: Object.freeze({
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      maxConnections: env.NEO4J_MAX_CONNECTIONS,
      ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}),
    }),
    meili: env.MEILI_HOST
      ? Object.freeze({ host: env.MEILI_HOST, masterKey: env.MEILI_MASTER_KEY, index: env.MEILI_INDEX })
      : null,
    session: Object.freeze({
      secret: env.SESSION_SECRET,
      ttlHours: env.SESSION_TTL_HOURS,
      cacheMs: env.SESSION_CACHE_MS,
      secureCookie: env.COOKIE_SECURE === 'auto' ? env.NODE_ENV === 'production' : env.COOKIE_SECURE === 'true',
    }),
    corsOrigins: Object.freeze(
      env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
    clientDist: env.CLIENT_DIST,
    warmUp: env.WARM_UP === 'true',
    lifecycle: Object.freeze({
      readyAfterWarmUp: env.READY_AFTER_WARM_UP === 'true',
      drainDelayMs: env.DRAIN_DELAY_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    }),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    hsdsAccess: env.HSDS_ACCESS,
    demoPassword: env.KNOTWORK_DEMO_PASSWORD,
    mail: Object.freeze({
      smtpUrl: env.SMTP_URL ?? null,
      from: env.MAIL_FROM,
      publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
      pollMs: env.MAIL_POLL_MS,
      worker: env.MAIL_WORKER === 'true',
    }),
  });
}
