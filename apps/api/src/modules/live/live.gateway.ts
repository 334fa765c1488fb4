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
import type { LiveSocketData } from '../../common/access/request-session';
import { AppConfig } from '../../config/app-config';
import { SessionService } from '../auth/session.service';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * The `/live` namespace. A socket is authenticated at the handshake with the browser's session
 * cookie (the Origin allowlist is checked before, by the adapter); only a session that passed
 * its second factor may connect. Each socket joins `user:<id>` and `session:<id>`, so ending a
 * session or disabling an account disconnects its sockets at once, on every api instance.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(LiveGateway.name);
  private readonly subscriptions: Subscription[] = [];

  @WebSocketServer() private readonly namespace!: LiveNamespace;

  constructor(
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        () => next(new Error('UNAUTHENTICATED')),
      );
    });
    this.subscriptions.push(
      this.sessions.ended$.subscribe(({ sessionIds }) => {
        namespace.in(sessionIds.map((id) => `session:${id}`)).disconnectSockets(true);
      }),
      // The socket's rights were computed at the handshake: make it reconnect with the new ones.
      this.sessions.accessChanged$.subscribe((userId) => {
        namespace.in(`user:${userId}`).disconnectSockets(true);
      }),
    );
  }

  onModuleDestroy(): void {
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
    (socket.data as { auth?: LiveSocketData }).auth = auth;
    await socket.join([`user:${resolved.user.id}`, `session:${resolved.session.id}`]);
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    this.logger.debug({ socketId: socket.id }, 'Live socket connected');
    await this.broadcastPresence();
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    this.logger.debug({ socketId: socket.id }, 'Live socket disconnected');
    await this.broadcastPresence();
  }

  /** Answers with the server clock, so clients can estimate their offset to it. */
  @Public()
  @SubscribeMessage('clock:sync')
  clockSync(
    @MessageBody(new ZodValidationPipe(clockSyncRequestSchema)) body: ClockSyncRequest,
  ): LiveAck<ClockSyncResponse> {
    return { ok: true, data: { clientSentAt: body.clientSentAt, serverTime: Date.now() } };
  }

  private async broadcastPresence(): Promise<void> {
    // fetchSockets() counts across every api instance once an adapter spans them.
    const sockets = await this.namespace.fetchSockets();
    this.namespace.emit('presence:count', { connected: sockets.length });
  }
}
