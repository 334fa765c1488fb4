/** What @fastify/rate-limit expects back from its store. */
export interface RateLimitCount {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: RateLimitCount) => void;

/** The store interface of @fastify/rate-limit (its `store` option takes the class). */
export interface RateLimitStore {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  read(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: unknown): RateLimitStore;
}
export type RateLimitStoreClass = new (options: unknown) => RateLimitStore;

/** The part of `SharedLimits` the store needs (kept narrow for the unit test). */
export interface LimitsBackend {
  readonly keyPrefix: string;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/**
 * Fixed window in Redis: the first hit of a window sets its expiry; returns the count and the
 * milliseconds left. A key that lost its expiry (never expected) gets it back.
 */
const INCR_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if current == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { current, ttl }`;

const READ_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return { current, ttl }`;

/** Keys the local fallback keeps at most (oldest dropped first), as the plugin's own store. */
const LOCAL_MAX_KEYS = 10_000;

/** The same fixed window in memory: used without Redis and while Redis is unreachable. */
export class LocalWindow {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  incr(key: string, timeWindow: number, now = Date.now()): RateLimitCount {
    let entry = this.windows.get(key);
    if (!entry || entry.startedAt + timeWindow <= now) {
      entry = { count: 0, startedAt: now };
      this.windows.delete(key);
      this.windows.set(key, entry);
      if (this.windows.size > LOCAL_MAX_KEYS) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.startedAt + timeWindow - now };
  }

  read(key: string, timeWindow: number, now = Date.now()): RateLimitCount {
    const entry = this.windows.get(key);
    if (!entry || entry.startedAt + timeWindow <= now) return { current: 0, ttl: 0 };
    return { current: entry.count, ttl: entry.startedAt + timeWindow - now };
  }
}

function asCount(value: unknown): RateLimitCount | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [current, ttl] = value.map(Number);
  if (!Number.isFinite(current) || !Number.isFinite(ttl)) return null;
  return { current: current as number, ttl: ttl as number };
}

/**
 * A store for @fastify/rate-limit that counts in Redis (shared by every api instance) and in
 * memory whenever Redis cannot answer (see `SharedLimits`). Route-level options share it.
 */
export function createRateLimitStore(backend: LimitsBackend): RateLimitStoreClass {
  class SharedRateLimitStore implements RateLimitStore {
    private readonly local = new LocalWindow();

    /** `scope`: a route with its own limit counts apart (same name on every instance). */
    constructor(
      _options?: unknown,
      private readonly scope = 'global',
    ) {}
    private redisKey(key: string): string {
      return `${backend.keyPrefix}:http:${this.scope}:${key}`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      backend
        .eval(INCR_SCRIPT, [this.redisKey(key)], [String(timeWindow)])
        .then(asCount)
        .then(
          (shared) => callback(null, shared ?? this.local.incr(key, timeWindow)),
          () => callback(null, this.local.incr(key, timeWindow)),
        );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      backend
        .eval(READ_SCRIPT, [this.redisKey(key)], [])
        .then(asCount)
        .then(
          (shared) => callback(null, shared ?? this.local.read(key, timeWindow)),
          () => callback(null, this.local.read(key, timeWindow)),
        );
    }

    child(routeOptions: unknown): RateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } })
        ?.routeInfo;
      return new SharedRateLimitStore(undefined, `${String(route?.method)}:${String(route?.url)}`);
    }
  }
  return SharedRateLimitStore;
}
