import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { Namespace } from 'socket.io';
import type {
  ActionView,
  DecisionView,
  LiveClientToServerEvents,
  LiveServerToClientEvents,
} from '@casustafel/contracts';
import { isRecordEvent, projectEvent } from '@casustafel/domain';
import { guestItemRoom, guestsRoom, meetingRoom, sessionRoleRoom } from '../live/live-rooms';
import { type Committed, LiveSessionService } from './live-session.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * Sends what the engine committed, driven by its one `committed$` stream: every event goes to
 * the room's members as `meeting:event` (one sequence: room changes, decisions, actions); a
 * decision or action also goes to the guests invited to its item (their own channel, no seq).
 * Closing a room is told to members and guests.
 */
@Injectable()
export class LiveBroadcaster implements OnModuleDestroy {
  private subscriptions: Subscription[] = [];

  constructor(private readonly live: LiveSessionService) {}

  attach(namespace: LiveNamespace): void {
    this.subscriptions.push(
      this.live.committed$.subscribe((committed) => this.send(namespace, committed)),
      this.live.closed$.subscribe((meetingId) =>
        namespace
          .to(meetingRoom(meetingId))
          .to(guestsRoom(meetingId))
          .emit('meeting:closed', { meetingId }),
      ),
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
  }

  private send(namespace: LiveNamespace, committed: Committed): void {
    if (committed.kind === 'session') {
      // Each role its projection; a role locked out of the phase gets nothing at all.
      const { sessionId, sessionKind, event } = committed;
      for (const role of sessionKind.roles) {
        const visible = projectEvent(sessionKind, event, role);
        if (visible)
          namespace
            .to(sessionRoleRoom(sessionId, role))
            .emit('session:event', { ...visible, sessionId });
      }
      return;
    }
    const { meetingId, event } = committed;
    namespace.to(meetingRoom(meetingId)).emit('meeting:event', { ...event, meetingId });
    if (!isRecordEvent(event)) return;
    const base = { meetingId, seq: event.seq, commandId: event.commandId };
    if (event.type === 'decision:created') {
      const decision = event.payload.decision as unknown as DecisionView;
      namespace
        .to(guestItemRoom(decision.agendaItemId))
        .emit('decision:created', { ...base, decision });
    } else {
      const action = event.payload.action as unknown as ActionView;
      namespace.to(guestItemRoom(action.agendaItemId)).emit(event.type, { ...base, action });
    }
  }
}
