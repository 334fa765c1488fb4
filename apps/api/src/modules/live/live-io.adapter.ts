import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { LIVE_PATH } from '@casustafel/contracts';
import type { AppConfig } from '../../config/app-config';

/** How long start-up waits for Redis before giving up (the api then does not start). */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long a cross-instance request (fetchSockets, serverSideEmit with an ack) waits for the
 * other instances. An instance that died is normally gone from Redis at once (its connection
 * closed); this bounds the wait when it is not (a network partition).
 */
export const REDIS_REQUEST_TIMEOUT_MS = 2_000;

function createRedisClient(url: string) {
  return createClient({
    url,
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

  constructor(
    app: INestApplicationContext,
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
   * Connects the publish and subscribe clients to `REDIS_URL` (when set). Rejects, with a
   * message that never contains the URL (it may hold a password), when Redis does not answer
   * within `REDIS_CONNECT_TIMEOUT_MS`.
   */
  async connectRedis(): Promise<void> {
    const redis = this.config.redis;
    if (!redis || this.redisAdapter) return;
    const logger = new Logger('LiveRedis');
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
        if (reported) logger.log({ role }, 'Redis connection restored');
        reported = false;
      });
      return client;
    };
    const pub = make('pub');
    const sub = make('sub');
    this.redisClients = [pub, sub];
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([pub.connect(), sub.connect()]),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(`Redis (REDIS_URL) did not answer within ${REDIS_CONNECT_TIMEOUT_MS} ms`),
              ),
            REDIS_CONNECT_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.destroyRedis();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.redisAdapter = createAdapter(pub, sub, {
      key: redis.channelPrefix,
      requestsTimeout: REDIS_REQUEST_TIMEOUT_MS,
      publishOnSpecificResponseChannel: true,
    });
    logger.log({ channelPrefix: redis.channelPrefix }, 'Live rooms shared through Redis');
  }

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
        const origin = req.headers.origin;
        if (origin && allowed.has(origin)) return callback(null, true);
        this.handshakeLogger.warn(
          { origin: origin ?? null },
          'Live handshake refused: origin not allowed',
        );
        callback('origin not allowed', false);
      },
    });
    return server;
  }

  /** After the socket.io servers closed (their adapters unsubscribed): close the Redis clients. */
  override async dispose(): Promise<void> {
    await super.dispose();
    const clients = this.redisClients;
    this.redisClients = [];
    this.redisAdapter = null;
    await Promise.all(
      clients.map((client) =>
        client.isOpen ? client.close().catch(() => client.destroy()) : undefined,
      ),
    );
  }

  private destroyRedis(): void {
    for (const client of this.redisClients) {
      try {
        client.destroy();
      } catch {
        // already closed
      }
    }
    this.redisClients = [];
  }
}
