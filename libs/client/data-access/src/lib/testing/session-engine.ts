import { Subject } from 'rxjs';
import type { SessionEventMessage } from '@casustafel/contracts';
import {
  applySessionCommand,
  projectEvent,
  type SessionCommandInput,
  type SessionEvent,
  type SessionKind,
  type SessionRoomState,
} from '@casustafel/domain';
import type { RealtimeEvent } from '../realtime/connection-state';

/** The outcome of a command of the engine (`applySessionCommand`, `recordChangedInRoom`). */
type EngineResult =
  { ok: true; state: SessionRoomState; event: SessionEvent } | { ok: false; error: string };

/**
 * Specs only: the server's side of a session room, decided by the domain. `run` applies a
 * command of a participant, `visible` gives an event as one role receives it (null: not theirs).
 */
export class SessionEngine<Who extends string> {
  log: SessionEvent[] = [];

  constructor(
    readonly kind: SessionKind,
    readonly sessionId: string,
    public state: SessionRoomState,
    readonly users: Readonly<Record<Who, string>>,
    readonly roles: Readonly<Record<Who, string>>,
    readonly now: number,
  ) {}

  run(who: Who, body: Record<string, unknown>, at = this.now): SessionEvent {
    return this.commit(
      applySessionCommand(
        this.kind,
        this.state,
        {
          ...body,
          commandId: crypto.randomUUID(),
          sessionId: this.sessionId,
        } as SessionCommandInput,
        {
          actorUserId: this.users[who],
          role: this.roles[who],
          now: at,
          newId: () => crypto.randomUUID(),
        },
      ),
    );
  }

  /** Keeps what a command of the engine came to (it must have been accepted). */
  commit(result: EngineResult): SessionEvent {
    if (!result.ok) throw new Error(result.error);
    this.state = result.state;
    this.log.push(result.event);
    return result.event;
  }

  visible(event: SessionEvent, role: string): SessionEventMessage | null {
    const seen = projectEvent(this.kind, event, role);
    return seen ? { ...seen, sessionId: this.sessionId } : null;
  }
}

/** A sent event as the fake realtime client saw it. */
export interface Emitted {
  event: string;
  payload: Record<string, unknown>;
}

/**
 * Specs only: a connected realtime client whose acks `answer` gives; every emit is kept in
 * `emits` (a copy of its payload).
 */
export function fakeSessionClient(
  answer: (event: string, payload: Record<string, unknown>) => unknown,
) {
  const events$ = new Subject<RealtimeEvent>();
  const session$ = new Subject<SessionEventMessage>();
  const emits: Emitted[] = [];
  const client = {
    events$,
    session$,
    connected: true,
    connect: () => undefined,
    emitWithAck: async (event: string, payload: Record<string, unknown>) => {
      emits.push({ event, payload: { ...payload } });
      return answer(event, payload);
    },
  };
  return { client, events$, session$, emits };
}
