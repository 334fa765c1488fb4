import { Injectable } from '@nestjs/common';

/** How the live rooms reach the other api instances. */
export type RedisLinkStatus = 'disabled' | 'up' | 'down';

export interface RedisLinkState {
  status: RedisLinkStatus;
  /** Since when Redis has not answered (null while up or disabled). */
  downSince: Date | null;
}

/**
 * The Redis link of the live rooms as readiness reports it. The socket.io adapter (created
 * outside Nest's container, see `LiveIoAdapter`) attaches its own view; without `REDIS_URL`
 * nothing attaches and the link is `disabled`.
 */
@Injectable()
export class LiveRedisStatus {
  private source: (() => RedisLinkState) | null = null;

  attach(source: () => RedisLinkState): void {
    this.source = source;
  }

  state(): RedisLinkState {
    return this.source?.() ?? { status: 'disabled', downSince: null };
  }
}

/**
 * This instance's live connections as the shutdown sees them: `closeAll()` drops every client
 * socket at once and refuses new ones, so clients reconnect to another instance instead of
 * waiting for this one's shutdown (which may wait for a database that hangs). Attached by
 * `LiveIoAdapter`; a no-op (0) without it.
 */
@Injectable()
export class LiveConnections {
  private closer: (() => number) | null = null;
  private closedAll = false;

  attach(closer: () => number): void {
    this.closer = closer;
  }

  /** Returns how many client connections were closed. */
  closeAll(): number {
    this.closedAll = true;
    return this.closer?.() ?? 0;
  }

  /** True once the shutdown closed the live connections (readiness then answers not ready). */
  get closing(): boolean {
    return this.closedAll;
  }
}

/** The client methods `@socket.io/redis-adapter` calls without handling their promise. */
const UNAWAITED = new Set([
  'publish',
  'sPublish',
  'subscribe',
  'pSubscribe',
  'sSubscribe',
  'unsubscribe',
  'pUnsubscribe',
  'sUnsubscribe',
]);

/**
 * A view of a node-redis client for the socket.io adapter in which the commands the adapter
 * fires and forgets (publish, (un)subscribe) can no longer reject unhandled: the adapter does
 * not catch them, so a command that fails while Redis is away (queue full, socket closed, a
 * timeout) would otherwise end the process. A failure is reported to `onFailure` and the
 * command resolves to undefined: the broadcast then reached this instance's sockets only.
 * Every other property is the client's own, bound to the client (node-redis uses private
 * fields, which a proxy as `this` cannot reach).
 */
export function guardAdapterClient<T extends object>(
  client: T,
  onFailure: (command: string, error: unknown) => void,
): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (property === 'sendCommand')
        // The adapter awaits this one (the instance count before fetchSockets and the like):
        // fail at once while Redis is away instead of waiting in the offline queue for the
        // outage to end; the caller then falls back to this instance.
        return (...args: unknown[]) =>
          (target as { isReady?: boolean }).isReady === false
            ? Promise.reject(new Error('Redis is unavailable'))
            : fn.apply(target, args);
      if (typeof property !== 'string' || !UNAWAITED.has(property)) return fn.bind(target);
      return (...args: unknown[]) => {
        try {
          const result = fn.apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                onFailure(property, error);
                return undefined;
              })
            : result;
        } catch (error) {
          onFailure(property, error);
          return Promise.resolve(undefined);
        }
      };
    },
  });
}
