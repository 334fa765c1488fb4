import { z } from 'zod';
import { LIVE_DEFAULT_MAX_MESSAGE_BYTES } from '@casustafel/contracts';

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL with a host');

const redisUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a redis:// or rediss:// URL with a host');

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((o) => {
        try {
          return new URL(o).origin === o;
        } catch {
          return false;
        }
      }, 'must be a comma-separated list of origins such as https://casustafel.example.nl'),
    ),
  );

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const seconds = z.coerce
  .number({ error: 'must be a number of seconds' })
  .int()
  .min(1)
  .max(7 * 24 * 3600);

/**
 * The api's whole environment, parsed once at boot (nothing else reads `process.env`).
 * Every variable is documented in docs/configuration.md.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Redis that connects api instances' live rooms (socket.io redis adapter); absent = one instance. */
  REDIS_URL: redisUrl.optional(),
  /** Prefix of the Redis pub/sub channels (channels are not per database: separate deployments by this). */
  REDIS_CHANNEL_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits or : _ . -')
    .default('casustafel'),
  CLIENT_DIST: z.string().min(1).default('./dist/apps/client/browser'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
  ALLOWED_ORIGINS: originList.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIVE_MAX_MESSAGE_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1024, 'must be at least 1024')
    .max(10 * 1024 * 1024, 'must be at most 10485760')
    .default(LIVE_DEFAULT_MAX_MESSAGE_BYTES),
  /** Live events a socket may send per second (sustained) and in one burst; more are refused. */
  LIVE_EVENTS_PER_SECOND: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(10_000)
    .default(30),
  LIVE_EVENTS_BURST: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100_000)
    .default(120),
  /** Shared notes one live connection may have open at once (rooms per socket). */
  LIVE_NOTES_PER_SOCKET: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(1000)
    .default(64),
  /** How long a member whose connection dropped is shown as reconnecting before leaving the room. */
  LIVE_PRESENCE_GRACE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(10_000, 'must be at most 10000')
    .default(8_000),
  /** Bearer token that lets monitoring read the details of `/api/ready` (organisation admins always may). */
  READY_DETAILS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1024, 'must be at least 1024')
    .default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(100)
    .default(10_000),
  /** Worker threads that render documents (PDFs, exports) off the event loop. */
  DOCUMENT_WORKERS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(16).default(1),
  /** Documents that may wait for a free worker; more are refused with 503 DOCUMENT_BUSY. */
  DOCUMENT_QUEUE_LIMIT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(1000)
    .default(4),
  /** Largest document input (JSON bytes) rendered; larger ones are refused with 413. */
  DOCUMENT_MAX_INPUT_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1024, 'must be at least 1024')
    .max(64 * 1024 * 1024, 'must be at most 67108864')
    .default(4 * 1024 * 1024),
  DEMO_MODE: flag.optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'must be 32 random bytes, base64-encoded',
    )
    .optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: seconds.default(15 * 60),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: seconds.default(8 * 60 * 60),
  /** Number of reverse proxies in front of the api whose X-Forwarded-For is trusted (0 = none). */
  TRUST_PROXY_HOPS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(5).default(0),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(10).default(600),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).max(60).default('Inloggen met je organisatieaccount'),
  OIDC_AUTO_CREATE: flag.default(false),
  OIDC_ORGANISATION_ID: z.uuid({ error: 'must be a uuid' }).optional(),
  OIDC_ALLOW_INSECURE_HTTP: flag.default(false),
  /** Management information: counts of 1 … k − 1 people are hidden (small-cell suppression); k ≥ 3. */
  INSIGHT_MIN_CELL: z.coerce.number({ error: 'must be a number' }).int().min(3).max(100).default(5),
  /** Minutes a guest's access lasts after the meeting's planned end. */
  GUEST_GRACE_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** Outgoing mail (guest codes): `smtp://user:pass@host:port` or `smtps://…`; unset = codes are shown to the inviter. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.email({ error: 'must be an e-mail address' }).default('noreply@casustafel.invalid'),
  /** Prometheus metrics (`GET /metrics`) on a port of their own, bound to HOST; unset = not on a separate port. */
  METRICS_PORT: port.optional(),
  /** Bearer token for `GET /metrics` (on PORT; on METRICS_PORT too when both are set). */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{32,256}$/, 'must be 32-256 printable characters without spaces')
    .optional(),
  /** Live connections one account may have open at once (across every instance with REDIS_URL). */
  LIVE_SOCKETS_PER_USER: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(10),
  /** Job queue: how often each instance looks for due jobs (ms); `JOBS_ENABLED=false` runs none here. */
  JOBS_POLL_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(50)
    .max(600_000)
    .default(5000),
  JOBS_ENABLED: flag.default(true),
  /** How long a claimed job may run before another instance may take it over. */
  JOBS_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(2)
    .max(86_400)
    .default(300),
  /** When the reminders (actions due / overdue, …) are computed: 5-field cron in UTC. */
  JOBS_REMINDER_CRON: z.string().min(9).max(100).default('0 5 * * *'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a `ConfigError` naming the first offending variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most deployment tools.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const env = result.data;
  const production = env.NODE_ENV === 'production';
  if (production && env.DEMO_MODE) {
    throw new ConfigError('DEMO_MODE', 'cannot be true in production: demo data is fictional');
  }
  if (production && !env.ENCRYPTION_KEY) {
    throw new ConfigError('ENCRYPTION_KEY', 'is required in production');
  }
  if (production && env.OIDC_ALLOW_INSECURE_HTTP) {
    throw new ConfigError('OIDC_ALLOW_INSECURE_HTTP', 'cannot be true in production');
  }
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    throw new ConfigError(
      env.OIDC_CLIENT_ID ? 'OIDC_CLIENT_SECRET' : 'OIDC_CLIENT_ID',
      'is required with OIDC_ISSUER',
    );
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    throw new ConfigError('METRICS_PORT', 'must differ from PORT');
  }
  if (env.OIDC_AUTO_CREATE && !env.OIDC_ORGANISATION_ID) {
    throw new ConfigError('OIDC_ORGANISATION_ID', 'is required with OIDC_AUTO_CREATE');
  }
  return env;
}
