import { Logger, UseFilters } from '@nestjs/common';
import {
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
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
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/** The `/live` namespace: connection bookkeeping and the clock every timer is read against. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);

  @WebSocketServer() private readonly namespace!: LiveNamespace;

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
