import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from '@redis/client';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { LIVE_PATH } from '@casustafel/contracts';
import type { AppConfig } from '../../config/app-config';
import {
  guardAdapterClient,
  LiveConnections,
  LiveRedisStatus,
  type RedisLinkState,
} from './live-link';

/**
 * How long start-up waits for Redis before it starts without it (the live rooms then stay on
 * this instance until Redis answers; the clients keep reconnecting in the background).
 */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;
/**
 * Commands a Redis client holds while Redis is away (sent when it is back); beyond that a
 * broadcast reaches this instance's sockets only (clients fill the gap by seq when they rejoin).
 */
export const REDIS_OFFLINE_QUEUE_MAX = 10_000;
/**
 * How long a cross-instance request (fetchSockets, serverSideEmit with an ack) waits for the
 * other instances. An instance that died is normally gone from Redis at once (its connection
 * closed); this bounds the wait when it is not (a network partition).
 */
export const REDIS_REQUEST_TIMEOUT_MS = 2_000;

function createRedisClient(url: string) {
  return createClient({
    url,
    commandsQueueMaxLength: REDIS_OFFLINE_QUEUE_MAX,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      // Reconnect after a lost connection, backing off to 2 s; never give up.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
}
type RedisClient = ReturnType<typeof createRedisClient>;

/**
 * socket.io server settings for `/live`: a message size limit, the Origin allowlist checked at
 * the handshake (a browser always sends Origin on WebSocket; a request without one is refused),
 * no client bundle served, no CORS beyond the allowlist.
 *
 * With `REDIS_URL`, rooms span every api instance through `@socket.io/redis-adapter`: a broadcast
 * to `meeting:<id>`, `disconnectSockets` and `serverSideEmit` reach the sockets of all
 * instances. Call `connectRedis()` before the app initialises; the clients close with the app.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly handshakeLogger = new Logger('LiveIoAdapter');
  private redisClients: RedisClient[] = [];
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;
  private readonly servers: Server[] = [];
  /** Set by `closeClients()` (shutdown): new handshakes are refused. */
  private closing = false;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /**
   * Binds the gateways' handlers to a new socket with one plain listener per event. Nest's own
   * binding builds an RxJS pipeline per handler per socket that lives as long as the socket:
   * a heap snapshot at 2,500 sockets showed ≈ 100 MB of its closures, contexts and subscribers
   * (≈ 40 KB a socket), which the garbage collector had to mark again and again. Per event
   * the same happens as there: the payload is split into data and ack, the handler runs through
   * Nest's guards, interceptors, pipes and filters (`callback`), and a non-empty answer is the
   * ack (or, for `{ event, data }`, an emit). A failure that escapes the filters is logged.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        // As RxJS's fromEvent gives it to Nest: one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        const answer = (response: unknown) => {
          if (response === null || response === undefined) return;
          const reply = response as { event?: string; data?: unknown };
          if (reply.event) {
            socket.emit(reply.event, reply.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') ack(response);
        };
        try {
          transform(callback(data, ack)).subscribe({
            next: answer,
            error: (error: unknown) => this.logger.error(error),
          });
        } catch (error) {
          this.logger.error(error);
        }
      });
    }
  }

  /**
   * Connects the publish and subscribe clients to `REDIS_URL` (when set) and builds the adapter.
   * Never fails for an unreachable Redis: after `REDIS_CONNECT_TIMEOUT_MS` the api starts
   * without it (rooms on this instance work; readiness reports `redis: down`) and the clients
   * keep reconnecting; subscriptions are made as soon as Redis answers. A command the adapter
   * fires and forgets cannot crash the process while Redis is away (`guardAdapterClient`).
   * Log lines never contain the URL (it may hold a password).
   */
  async connectRedis(): Promise<void> {
    const redis = this.config.redis;
    if (!redis || this.redisAdapter) return;
    const logger = new Logger('LiveRedis');
    const ready = { pub: false, sub: false };
    let downSince: Date | null = new Date();
    let failuresReported = false;
    const make = (role: 'pub' | 'sub'): RedisClient => {
      const client = createRedisClient(redis.url);
      let reported = false;
      client.on('error', (error: Error) => {
        // Once per outage: node-redis repeats the error on every reconnect attempt.
        if (reported) return;
        reported = true;
        logger.error({ role, err: { message: error.message } }, 'Redis connection error');
      });
      client.on('ready', () => {
        ready[role] = true;
        if (ready.pub && ready.sub) {
          if (downSince && reported) logger.log({ role }, 'Redis connection restored');
          downSince = null;
          failuresReported = false;
        }
        reported = false;
      });
      const lost = () => {
        if (!ready[role]) return;
        ready[role] = false;
        downSince ??= new Date();
      };
      client.on('end', lost);
      client.on('reconnecting', lost);
      return client;
    };
    const pub = make('pub');
    const sub = make('sub');
    this.redisClients = [pub, sub];
    const connected = Promise.all([pub.connect(), sub.connect()]);
    // Connecting goes on after the wait below (the reconnect strategy never gives up).
    connected.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      connected.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), REDIS_CONNECT_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!inTime)
      logger.warn(
        { waitedMs: REDIS_CONNECT_TIMEOUT_MS },
        'Redis does not answer: starting without it; live rooms stay on this instance until it does',
      );
    const onFailure = (command: string, error: unknown) => {
      // Once per outage (a busy room fails a publish per broadcast).
      if (failuresReported) return;
      failuresReported = true;
      logger.warn(
        { command, err: { message: error instanceof Error ? error.message : String(error) } },
        'Redis command failed: broadcasts reach this instance only until Redis is back',
      );
    };
    this.redisAdapter = createAdapter(
      guardAdapterClient(pub, onFailure),
      guardAdapterClient(sub, onFailure),
      {
        key: redis.channelPrefix,
        requestsTimeout: REDIS_REQUEST_TIMEOUT_MS,
        publishOnSpecificResponseChannel: true,
      },
    );
    this.redisState = () =>
      ready.pub && ready.sub
        ? { status: 'up', downSince: null }
        : { status: 'down', downSince: downSince ?? new Date() };
    try {
      this.app.get(LiveRedisStatus, { strict: false }).attach(() => this.redisState());
    } catch {
      // No readiness in this context (a unit test without the live module).
    }
    logger.log({ channelPrefix: redis.channelPrefix }, 'Live rooms shared through Redis');
  }

  /** The Redis link as readiness reports it. */
  redisState: () => RedisLinkState = () => ({ status: 'disabled', downSince: null });

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const allowed = new Set(this.config.allowedOrigins);
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      // Every namespace gets the Redis adapter from the start (none: socket.io's in-memory one).
      ...(this.redisAdapter ? { adapter: this.redisAdapter } : {}),
      path: LIVE_PATH,
      serveClient: false,
      maxHttpBufferSize: this.config.liveMaxMessageBytes,
      pingInterval: 10_000,
      pingTimeout: 5_000,
      cors: { origin: [...allowed], credentials: true },
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null, success: boolean) => void,
      ) => {
        // Shutting down: the client retries, and the load balancer sends it elsewhere.
        if (this.closing) return callback('shutting down', false);
        const origin = req.headers.origin;
        if (origin && allowed.has(origin)) return callback(null, true);
        this.handshakeLogger.warn(
          { origin: origin ?? null },
          'Live handshake refused: origin not allowed',
        );
        callback('origin not allowed', false);
      },
    });
    this.servers.push(server);
    try {
      this.app.get(LiveConnections, { strict: false }).attach(() => this.closeClients());
    } catch {
      // No shutdown hook in this context (a unit test without the live module).
    }
    return server;
  }

  /**
   * Shutdown, first step: refuses new handshakes and closes every client connection of this
   * instance at the transport level (the client sees a lost transport and reconnects, through
   * the load balancer, to another instance; a server-side "disconnect" would stop it from
   * reconnecting). Local only: the other instances' sockets are untouched.
   */
  closeClients(): number {
    this.closing = true;
    let closed = 0;
    for (const server of this.servers) {
      closed += server.engine.clientsCount;
      server.engine.close();
    }
    return closed;
  }

  /** After the socket.io servers closed (their adapters unsubscribed): close the Redis clients. */
  override async dispose(): Promise<void> {
    await super.dispose();
    const clients = this.redisClients;
    this.redisClients = [];
    this.redisAdapter = null;
    await Promise.all(clients.map((client) => closeClient(client)));
  }
}

/** Closes a client politely when Redis answers, at once otherwise (nothing to wait for then). */
async function closeClient(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1_000);
    }),
  ]);
  clearTimeout(timer);
  if (client.isOpen) client.destroy();
}
