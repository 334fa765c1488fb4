import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createClient } from '@redis/client';
import { AppConfig } from '../../config/app-config';
import { createRateLimitStore, type RateLimitStoreClass } from './rate-limit-store';
import { LiveSocketCap } from './live-socket-cap';

/** A Redis command of the limits waits at most this long; then the local count is used. */
export const LIMITS_REDIS_TIMEOUT_MS = 250;

function createLimitsClient(url: string) {
  return createClient({
    url,
    // Fail at once while disconnected (the caller then counts locally) instead of queueing.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
}
export type LimitsRedisClient = ReturnType<typeof createLimitsClient>;

/** `off`: no REDIS_URL (per-instance limits); `connected`; `degraded`: Redis set but unreachable. */
export type SharedLimitsState = 'off' | 'connected' | 'degraded';

/**
 * Limits that hold across api instances: the HTTP rate limit (a store for @fastify/rate-limit)
 * and the cap on live connections per account. With `REDIS_URL` they count in Redis, so N
 * instances together allow what one would; without it each instance counts on its own.
 *
 * When Redis is unreachable the limits do not fail open and never make a request wait or fail:
 * each instance falls back to counting locally (the limits then hold per instance, as without
 * Redis) until Redis answers again. A deployment keeps working through a Redis outage, and a
 * client cannot use the outage to send without any limit.
 */
@Injectable()
export class SharedLimits implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SharedLimits');
  /** Distinguishes this instance's entries in Redis from the others'. */
  readonly instanceId = randomUUID();
  readonly keyPrefix: string;
  private client: LimitsRedisClient | null = null;
  private closed = false;
  readonly liveSockets: LiveSocketCap;

  constructor(private readonly config: AppConfig) {
    this.keyPrefix = `${config.redis?.channelPrefix ?? 'casustafel'}:limits`;
    this.liveSockets = new LiveSocketCap(this, config.liveSocketsPerUser);
  }

  onModuleInit(): void {
    const redis = this.config.redis;
    if (!redis) return;
    const client = createLimitsClient(redis.url);
    this.client = client;
    let reported = false;
    client.on('error', (error: Error) => {
      if (reported) return;
      reported = true;
      this.logger.warn(
        { err: { message: error.message } },
        'Redis unreachable: rate limits and the connection cap count per instance',
      );
    });
    client.on('ready', () => {
      if (reported) this.logger.log('Redis back: limits are shared again');
      reported = false;
      this.liveSockets.resync();
    });
    // Not awaited: until Redis answers, the limits count locally (the start never waits on it).
    client.connect().catch(() => undefined);
    this.liveSockets.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.liveSockets.stop();
    const client = this.client;
    this.client = null;
    if (!client) return;
    await this.liveSockets.releaseAll().catch(() => undefined);
    if (client.isOpen) await client.close().catch(() => client.destroy());
    else client.destroy();
  }

  state(): SharedLimitsState {
    if (!this.config.redis) return 'off';
    return this.client?.isReady ? 'connected' : 'degraded';
  }

  /**
   * Runs a Lua script in Redis when it is reachable; `null` when it is not configured, not
   * connected, fails or takes longer than `LIMITS_REDIS_TIMEOUT_MS` (callers count locally).
   */
  async eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    const client = this.client;
    if (!client?.isReady || this.closed) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        client.eval(script, { keys, arguments: args }),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), LIMITS_REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The store class for `@fastify/rate-limit`'s `store` option. */
  rateLimitStore(): RateLimitStoreClass {
    return createRateLimitStore(this);
  }
}
