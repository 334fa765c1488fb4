import fastifyCookie from '@fastify/cookie';
import { Logger, type OnModuleDestroy, UseFilters } from '@nestjs/common';
import {
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import {
  type ClockSyncRequest,
  type ClockSyncResponse,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  clockSyncRequestSchema,
} from '@casustafel/contracts';
import { Public } from '../../common/access/access.decorator';
import { type LiveSocketData, setSocketAuth } from '../../common/access/request-session';
import { TokenBucket } from '../../common/live/token-bucket';
import { LIVE_SOCKETS_PER_USER_ERROR } from '../../common/limits/live-socket-cap';
import { SharedLimits } from '../../common/limits/shared-limits';
import { DatabaseAnswers } from '../../database';
import { AppConfig } from '../../config/app-config';
import { SessionService } from '../auth/session.service';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { REDIS_REQUEST_TIMEOUT_MS } from './live-io.adapter';
import { sessionRoom, STAFF_ROOM, userRoom } from './live-rooms';

/** Asked of every other api instance (through the Redis adapter): how many sockets it holds. */
const PRESENCE_QUERY = 'presence:local-count';
/** `presence:count` is computed and broadcast at most this often per instance. */
/*
 * Each computation is sent to every socket of the instance (2,500 writes at the benchmark's
 * load): while people join, at most every 3 s (bench:live profile: at 1 s it was a visible
 * share of the event loop's busy stretches).
 */
export const PRESENCE_MIN_INTERVAL_MS = 3_000;

/** Events between api instances (`serverSideEmit`), never seen by clients. */
interface LiveServerSideEvents {
  [PRESENCE_QUERY]: (ack: (localSockets: number) => void) => void;
}

type LiveNamespace = Namespace<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveServerSideEvents
>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * The `/live` namespace. A socket is authenticated at the handshake with the browser's session
 * cookie (the Origin allowlist is checked before, by the adapter); only a session that passed
 * its second factor may connect. Each socket joins `user:<id>` and `session:<id>`, so ending a
 * session or disabling an account disconnects its sockets at once, on every api instance.
 *
 * `presence:count` (sockets connected to the whole product) is throttled to one computation
 * per `PRESENCE_MIN_INTERVAL_MS` per instance, the last change always included: each instance
 * counts its own sockets, and with Redis asks the others for their number (one small request,
 * bounded by the adapter's request timeout; an instance that died no longer counts) instead of
 * fetching every socket's details from every instance on every connect.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly subscriptions: Subscription[] = [];
  private presenceTimer: NodeJS.Timeout | null = null;
  private presenceRunning = false;
  private presenceDirty = false;
  private lastPresenceAt = 0;
  private destroyed = false;

  @WebSocketServer() private readonly namespace!: LiveNamespace;

  constructor(
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
    private readonly limits: SharedLimits,
    private readonly databaseAnswers: DatabaseAnswers,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) =>
          next(
            new Error(
              // The cap's refusal keeps its code (the client explains it); all else is auth.
              error instanceof Error && error.message === LIVE_SOCKETS_PER_USER_ERROR
                ? LIVE_SOCKETS_PER_USER_ERROR
                : 'UNAUTHENTICATED',
            ),
          ),
      );
    });
    // Another instance asks how many sockets this one holds (only sent with the Redis adapter).
    namespace.on(PRESENCE_QUERY, (ack) => ack(namespace.sockets.size));
    this.subscriptions.push(
      this.sessions.ended$.subscribe(({ sessionIds }) => {
        namespace.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
      }),
      // The socket's rights were computed at the handshake: make it reconnect with the new ones.
      this.sessions.accessChanged$.subscribe((userId) => {
        namespace.in(userRoom(userId)).disconnectSockets(true);
      }),
    );
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? '');
    const resolved = await this.sessions.resolve(cookies[this.config.session.cookieName]);
    if (!resolved || !resolved.actor.secondFactorPassed) throw new Error('unauthenticated');
    const auth: LiveSocketData = {
      resolved,
      ip: socket.handshake.address || null,
      lastTouchAt: Date.now(),
    };
    setSocketAuth(socket, auth);
    this.limitRate(socket);
    const { guest, family, conference } = resolved.actor;
    await socket.join([
      userRoom(resolved.user.id),
      sessionRoom(resolved.session.id),
      ...(guest || family || conference ? [] : [STAFF_ROOM]),
    ]);
    // Last: the cap on connections per account (LIVE_SOCKETS_PER_USER), across instances.
    await this.limits.liveSockets.acquire(socket, resolved.user.id);
  }

  /**
   * Per-socket rate limit: an event over the socket's budget is not handled; if it asked for an
   * ack it gets `RATE_LIMITED` (the client can retry later), otherwise it is dropped.
   */
  private limitRate(socket: LiveSocket): void {
    const bucket = new TokenBucket(
      this.config.liveRate.perSecond,
      this.config.liveRate.burst,
      Date.now(),
    );
    let warnedAt = 0;
    socket.use((packet, next) => {
      // Answers of the embedded database are taken between two packets (see there).
      this.databaseAnswers.take();
      if (bucket.take(Date.now())) return next();
      const ack = packet[packet.length - 1] as unknown;
      if (typeof ack === 'function')
        (ack as (res: LiveAck<never>) => void)({
          ok: false,
          error: { code: 'RATE_LIMITED', message: 'Too many messages; slow down' },
        });
      if (Date.now() - warnedAt > 10_000) {
        warnedAt = Date.now();
        this.logger.warn({ socketId: socket.id, event: String(packet[0]) }, 'Live rate limit hit');
      }
    });
  }

  handleConnection(socket: LiveSocket): void {
    this.logger.debug({ socketId: socket.id }, 'Live socket connected');
    this.schedulePresence();
  }

  handleDisconnect(socket: LiveSocket): void {
    this.logger.debug({ socketId: socket.id }, 'Live socket disconnected');
    this.schedulePresence();
  }

  /** Answers with the server clock, so clients can estimate their offset to it. */
  @Public()
  @SubscribeMessage('clock:sync')
  clockSync(
    @MessageBody(new ZodValidationPipe(clockSyncRequestSchema)) body: ClockSyncRequest,
  ): LiveAck<ClockSyncResponse> {
    return { ok: true, data: { clientSentAt: body.clientSentAt, serverTime: Date.now() } };
  }

  /** Runs `broadcastPresence` now or when the interval allows; a change meanwhile reruns it. */
  private schedulePresence(): void {
    if (this.destroyed) return;
    if (this.presenceRunning) {
      this.presenceDirty = true;
      return;
    }
    if (this.presenceTimer) return;
    const delay = Math.max(0, this.lastPresenceAt + PRESENCE_MIN_INTERVAL_MS - Date.now());
    this.presenceTimer = setTimeout(() => void this.broadcastPresence(), delay);
    this.presenceTimer.unref();
  }

  private async broadcastPresence(): Promise<void> {
    this.presenceTimer = null;
    this.presenceRunning = true;
    this.lastPresenceAt = Date.now();
    try {
      const remote = this.config.redis ? await this.remoteSocketCount() : 0;
      if (this.destroyed) return;
      this.namespace
        .to(STAFF_ROOM)
        .emit('presence:count', { connected: this.namespace.sockets.size + remote });
    } catch (error) {
      this.logger.warn({ err: error }, 'Presence count not sent');
    } finally {
      this.presenceRunning = false;
      if (this.presenceDirty) {
        this.presenceDirty = false;
        this.schedulePresence();
      }
    }
  }

  /**
   * The other instances' socket counts; on a timeout, the answers that did arrive. Bounded
   * here too: the adapter never answers when Redis itself is unreachable.
   */
  private remoteSocketCount(): Promise<number> {
    return new Promise((resolve) => {
      const sum = (counts: readonly unknown[]) =>
        counts.reduce<number>(
          (total, n) => total + (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0),
          0,
        );
      const fallback = setTimeout(() => {
        this.logger.warn('Presence: no answer through Redis; counting this instance only');
        resolve(0);
      }, REDIS_REQUEST_TIMEOUT_MS + 500);
      fallback.unref();
      this.namespace.serverSideEmit(PRESENCE_QUERY, (error: Error | null, counts: number[]) => {
        clearTimeout(fallback);
        if (error)
          this.logger.warn(
            { err: { message: error.message } },
            'Presence: an instance did not answer',
          );
        resolve(sum(counts ?? []));
      });
    });
  }
}
