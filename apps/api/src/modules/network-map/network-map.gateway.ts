import { type OnModuleDestroy, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import {
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type NetworkJoin,
  type NetworkJoinResult,
  networkJoinSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { socketAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';
import { LiveExceptionFilter } from '../../common/errors/live-exception.filter';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { NetworkMapService } from './network-map.service';

type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;

export const networkRoom = (householdId: string) => `network:${householdId}`;

/**
 * Live network maps on `/live`: `network:join` checks case-file access (the household's team,
 * client-data roles; never a guest) before the socket joins `network:<householdId>`; every
 * committed change (REST) is announced there as `network:changed { revision }` and the clients
 * read the map again. With the Redis adapter the announcement reaches every instance.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@UseFilters(LiveExceptionFilter)
export class NetworkMapGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: LiveNamespace;
  private subscription: Subscription | null = null;

  constructor(private readonly maps: NetworkMapService) {}

  afterInit(namespace: LiveNamespace): void {
    this.subscription = this.maps.changed$.subscribe(({ householdId, revision }) => {
      namespace.to(networkRoom(householdId)).emit('network:changed', { householdId, revision });
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  @Access('client-data', 'network-map.read')
  @SubscribeMessage('network:join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(networkJoinSchema)) body: NetworkJoin,
  ): Promise<LiveAck<NetworkJoinResult>> {
    const auth = socketAuth(socket);
    if (!auth) throw new DomainError('UNAUTHENTICATED', 'Access refused');
    const room = networkRoom(body.householdId);
    let revision: number;
    try {
      // Check first, join after: a refused socket is never in the room.
      revision = await this.maps.follow(auth.resolved.actor, body.householdId);
    } catch (error) {
      await socket.leave(room);
      throw error;
    }
    await socket.join(room);
    return { ok: true, data: { householdId: body.householdId, revision } };
  }

  @Access('client-data', 'none')
  @SubscribeMessage('network:leave')
  async leave(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody(new ZodValidationPipe(networkJoinSchema)) body: NetworkJoin,
  ): Promise<LiveAck<null>> {
    await socket.leave(networkRoom(body.householdId));
    return { ok: true, data: null };
  }
}
