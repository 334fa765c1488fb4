import path from 'node:path';
import type { DatabaseEngine } from '@casustafel/contracts';
import type { Env } from './env.schema';

/** Resolved, typed configuration injected wherever settings are needed. */
export class AppConfig {
  readonly production: boolean;
  readonly nodeEnv: Env['NODE_ENV'];
  readonly tls: boolean;
  readonly host: string;
  readonly port: number;
  readonly database:
    | { engine: Extract<DatabaseEngine, 'postgres'>; url: string }
    | { engine: Extract<DatabaseEngine, 'pglite'>; dataDir: string };
  /** Redis shared by every api instance for the live rooms; null = this instance alone. */
  readonly redis: { url: string; channelPrefix: string } | null;
  readonly clientDist: string;
  /** Where users reach the product; `https:` switches on HSTS and upgrade-insecure-requests. */
  readonly publicUrl: URL;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: Env['LOG_LEVEL'];
  readonly liveMaxMessageBytes: number;
  /** Per-socket rate limit on client → server live events. */
  readonly liveRate: { perSecond: number; burst: number };
  /** How long a dropped member stays listed as reconnecting (ms). */
  readonly livePresenceGraceMs: number;
  /** Bearer token for the details of `/api/ready` (null: no token; organisation admins still get them). */
  readonly readyDetailsToken: string | null;
  /** Notes (item rooms) one socket may have open at once. */
  readonly liveNotesPerSocket: number;
  readonly httpBodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  /** Off-event-loop document rendering: worker threads, waiting room, input cap. */
  readonly documents: { workers: number; queueLimit: number; maxInputBytes: number };
  readonly version: string;
  /** Demo mode: fictional seed data, a banner in the UI, the second factor may be skipped. */
  readonly demo: boolean;
  /** 32-byte key for encrypting secrets at rest (TOTP secrets, later BSNs); null = derive per data folder. */
  readonly encryptionKey: Buffer | null;
  readonly session: {
    idleTimeoutSeconds: number;
    absoluteTimeoutSeconds: number;
    cookieName: string;
  };
  readonly rateLimitPerMinute: number;
  /** Reverse proxies trusted for the client address (per-address limits and audit source). */
  readonly trustProxyHops: number;
  /** A guest's access ends this long after the meeting's planned end. */
  readonly guestGraceMinutes: number;
  /** Small-cell threshold k of the management information. */
  readonly insightMinCell: number;
  /** Outgoing mail; null = one-time guest codes are shown to the inviter to pass on. */
  readonly mail: { url: string; from: string } | null;
  /**
   * Prometheus metrics: on a port of their own (`port`), and/or on PORT behind a bearer token
   * (`token`); both null = no metrics endpoint.
   */
  readonly metrics: { port: number | null; token: string | null };
  /** Live connections one account may have open at once (all instances with Redis). */
  readonly liveSocketsPerUser: number;
  /** The job queue (reminders, sweeps, compaction, retention): poll period, on/off, reminder cron. */
  readonly jobs: { pollMs: number; enabled: boolean; leaseMs: number; reminderCron: string };
  readonly oidc: {
    issuer: URL;
    clientId: string;
    clientSecret: string;
    label: string;
    autoCreate: boolean;
    organisationId: string | null;
    allowInsecureHttp: boolean;
    redirectUrl: URL;
  } | null;

  constructor(env: Env, version = '0.1.0') {
    this.production = env.NODE_ENV === 'production';
    this.nodeEnv = env.NODE_ENV;
    this.host = env.HOST;
    this.port = env.PORT;
    this.database = env.DATABASE_URL
      ? { engine: 'postgres', url: env.DATABASE_URL }
      : {
          engine: 'pglite',
          // `memory://` keeps the embedded database in memory (tests); otherwise a folder.
          dataDir: env.DATA_DIR.startsWith('memory://')
            ? env.DATA_DIR
            : path.resolve(env.DATA_DIR, 'pglite'),
        };
    this.redis = env.REDIS_URL
      ? { url: env.REDIS_URL, channelPrefix: env.REDIS_CHANNEL_PREFIX }
      : null;
    this.clientDist = path.resolve(env.CLIENT_DIST);
    this.publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
    this.tls = this.publicUrl.protocol === 'https:';
    this.allowedOrigins = env.ALLOWED_ORIGINS ?? [
      ...new Set([
        this.publicUrl.origin,
        `http://localhost:${env.PORT}`,
        `http://127.0.0.1:${env.PORT}`,
      ]),
    ];
    this.logLevel = env.LOG_LEVEL;
    this.liveMaxMessageBytes = env.LIVE_MAX_MESSAGE_BYTES;
    this.liveRate = { perSecond: env.LIVE_EVENTS_PER_SECOND, burst: env.LIVE_EVENTS_BURST };
    this.livePresenceGraceMs = env.LIVE_PRESENCE_GRACE_MS;
    this.readyDetailsToken = env.READY_DETAILS_TOKEN ?? null;
    this.liveNotesPerSocket = env.LIVE_NOTES_PER_SOCKET;
    this.httpBodyLimitBytes = env.HTTP_BODY_LIMIT_BYTES;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    this.documents = {
      workers: env.DOCUMENT_WORKERS,
      queueLimit: env.DOCUMENT_QUEUE_LIMIT,
      maxInputBytes: env.DOCUMENT_MAX_INPUT_BYTES,
    };
    this.version = version;
    this.demo = env.DEMO_MODE ?? !this.production;
    this.encryptionKey = env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : null;
    this.session = {
      idleTimeoutSeconds: env.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteTimeoutSeconds: env.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
      // `__Host-` binds the cookie to this host over HTTPS (no Domain, Path=/, Secure).
      cookieName: this.tls ? '__Host-casustafel_session' : 'casustafel_session',
    };
    this.rateLimitPerMinute = env.RATE_LIMIT_PER_MINUTE;
    this.trustProxyHops = env.TRUST_PROXY_HOPS;
    this.guestGraceMinutes = env.GUEST_GRACE_MINUTES;
    this.insightMinCell = env.INSIGHT_MIN_CELL;
    this.metrics = { port: env.METRICS_PORT ?? null, token: env.METRICS_TOKEN ?? null };
    this.liveSocketsPerUser = env.LIVE_SOCKETS_PER_USER;
    this.mail = env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null;
    this.jobs = {
      pollMs: env.JOBS_POLL_MS,
      enabled: env.JOBS_ENABLED,
      leaseMs: env.JOBS_LEASE_SECONDS * 1000,
      reminderCron: env.JOBS_REMINDER_CRON,
    };
    this.oidc =
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: new URL(env.OIDC_ISSUER),
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            label: env.OIDC_LABEL,
            autoCreate: env.OIDC_AUTO_CREATE,
            organisationId: env.OIDC_ORGANISATION_ID ?? null,
            allowInsecureHttp: env.OIDC_ALLOW_INSECURE_HTTP,
            redirectUrl: new URL('/api/auth/oidc/callback', this.publicUrl),
          }
        : null;
  }
}
