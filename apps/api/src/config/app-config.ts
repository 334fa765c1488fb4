import path from 'node:path';
import type { DatabaseEngine } from '@casustafel/contracts';
import type { Env } from './env.schema';

/** Resolved, typed configuration injected wherever settings are needed. */
export class AppConfig {
  readonly production: boolean;
  readonly tls: boolean;
  readonly host: string;
  readonly port: number;
  readonly database:
    | { engine: Extract<DatabaseEngine, 'postgres'>; url: string }
    | { engine: Extract<DatabaseEngine, 'pglite'>; dataDir: string };
  readonly clientDist: string;
  /** Where users reach the product; `https:` switches on HSTS and upgrade-insecure-requests. */
  readonly publicUrl: URL;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: Env['LOG_LEVEL'];
  readonly liveMaxMessageBytes: number;
  readonly httpBodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly version: string;

  constructor(env: Env, version = '0.1.0') {
    this.production = env.NODE_ENV === 'production';
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
    this.httpBodyLimitBytes = env.HTTP_BODY_LIMIT_BYTES;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    this.version = version;
  }
}
