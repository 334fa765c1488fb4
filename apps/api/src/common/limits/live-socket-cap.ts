import type { Namespace, Socket } from 'socket.io';

/** The error a refused handshake carries (`connect_error`'s message in the client). */
export const LIVE_SOCKETS_PER_USER_ERROR = 'TOO_MANY_CONNECTIONS';

/**
 * A socket's entry in Redis lives this long unless its instance renews it: the entries of an
 * instance that died without saying goodbye expire on their own.
 */
export const LIVE_SOCKET_LEASE_MS = 60_000;
const RENEW_EVERY_MS = LIVE_SOCKET_LEASE_MS / 3;

/**
 * Per account a sorted set of `<instance>:<socket>` scored by its lease's end: drop expired
 * leases, refuse at the cap, else add. Atomic, so two instances cannot both take the last place.
 */
const ACQUIRE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

const RELEASE_SCRIPT = `redis.call('ZREM', KEYS[1], ARGV[1]) return 1`;

/** Renews (or, after an outage, re-adds) this instance's leases of one account. */
const RENEW_SCRIPT = `
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** What the cap needs of `SharedLimits`. */
export interface LiveCapBackend {
  readonly keyPrefix: string;
  readonly instanceId: string;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/**
 * The cap on live connections per account (`LIVE_SOCKETS_PER_USER`), checked at the handshake
 * after authentication. With Redis the count spans every instance (leases in a sorted set per
 * account, renewed while the socket lives, released on disconnect); without Redis, or while it
 * is unreachable, the instance counts its own sockets. Also the registry of this instance's
 * live sockets and namespaces, which the metrics read.
 */
export class LiveSocketCap {
  /** This instance's sockets per account. */
  private readonly local = new Map<string, Set<string>>();
  private readonly namespaces = new Set<Namespace>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly backend: LiveCapBackend,
    readonly perUser: number,
  ) {}

  /**
   * Takes a place for `socket` of `userId`, or throws `Error(LIVE_SOCKETS_PER_USER_ERROR)`
   * (the namespace middleware passes it on: the handshake is refused with that message).
   */
  async acquire(socket: Socket, userId: string): Promise<void> {
    this.namespaces.add(socket.nsp);
    const mine = this.local.get(userId) ?? new Set<string>();
    const now = Date.now();
    const shared = await this.backend.eval(
      ACQUIRE_SCRIPT,
      [this.key(userId)],
      [
        String(now),
        String(this.perUser),
        String(now + LIVE_SOCKET_LEASE_MS),
        this.member(socket.id),
        String(LIVE_SOCKET_LEASE_MS * 2),
      ],
    );
    // Redis decides when it answers; otherwise this instance's own count does.
    const allowed = shared === null ? mine.size < this.perUser : Number(shared) === 1;
    if (!allowed) throw new Error(LIVE_SOCKETS_PER_USER_ERROR);
    if (socket.conn.readyState !== 'open') {
      // The connection closed while we asked: give the place back at once.
      void this.backend.eval(RELEASE_SCRIPT, [this.key(userId)], [this.member(socket.id)]);
      return;
    }
    mine.add(socket.id);
    this.local.set(userId, mine);
    // Whichever comes first: the socket leaves, or its connection closes (also before the
    // handshake completed, when no `disconnect` follows).
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.release(userId, socket.id);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
  }

  /** Sockets of this instance (all namespaces). */
  localSockets(): number {
    let total = 0;
    for (const sockets of this.local.values()) total += sockets.size;
    return total;
  }

  /** Rooms of this instance by kind (`meeting:…` → `meeting`), sockets' own rooms left out. */
  localRooms(): Map<string, number> {
    const kinds = new Map<string, number>();
    for (const namespace of this.namespaces) {
      const adapter = namespace.adapter as {
        rooms: Map<string, Set<string>>;
        sids: Map<string, Set<string>>;
      };
      for (const room of adapter.rooms.keys()) {
        if (adapter.sids.has(room)) continue;
        const kind = /^([a-z-]{1,32}):/.exec(room)?.[1] ?? 'other';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    return kinds;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.resync(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Renews every lease of this instance; after an outage this puts them back into Redis. */
  resync(): void {
    const expiresAt = String(Date.now() + LIVE_SOCKET_LEASE_MS);
    for (const [userId, sockets] of this.local) {
      if (sockets.size === 0) continue;
      void this.backend.eval(
        RENEW_SCRIPT,
        [this.key(userId)],
        [expiresAt, String(LIVE_SOCKET_LEASE_MS * 2), ...[...sockets].map((id) => this.member(id))],
      );
    }
  }

  /** At shutdown: gives back this instance's places (the sockets are being closed). */
  async releaseAll(): Promise<void> {
    const all = [...this.local].flatMap(([userId, sockets]) =>
      [...sockets].map((id) =>
        this.backend.eval(RELEASE_SCRIPT, [this.key(userId)], [this.member(id)]),
      ),
    );
    this.local.clear();
    await Promise.all(all);
  }

  private release(userId: string, socketId: string): void {
    const mine = this.local.get(userId);
    mine?.delete(socketId);
    if (mine?.size === 0) this.local.delete(userId);
    void this.backend.eval(RELEASE_SCRIPT, [this.key(userId)], [this.member(socketId)]);
  }

  private key(userId: string): string {
    return `${this.backend.keyPrefix}:live-sockets:${userId}`;
  }

  private member(socketId: string): string {
    return `${this.backend.instanceId}:${socketId}`;
  }
}
