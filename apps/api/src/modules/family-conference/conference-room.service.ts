import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  ConferenceCommand,
  SessionCommandResult,
  SessionJoinResult,
} from '@casustafel/contracts';
import { contributionTypeFor, FAMILY_CONFERENCE_KIND } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { conflict, forbidden } from '../../common/errors/refusals';
import { LiveSessionService } from '../live-session/live-session.service';
import { SessionKinds } from '../live-session/session-kinds';

import { THIS_CONFERENCE, ConferenceSeats } from './conference-seats.service';

/**
 * The live room of a running conference: a session of the `familienetwerkberaad` kind
 * (registered at start-up) on the live engine, joined and spoken in as the phase and role allow.
 */
@Injectable()
export class ConferenceRoomService implements OnModuleInit {
  constructor(
    private readonly live: LiveSessionService,
    private readonly kinds: SessionKinds,
    private readonly seats: ConferenceSeats,
  ) {}

  onModuleInit(): void {
    this.kinds.register(FAMILY_CONFERENCE_KIND);
  }

  /** The session and the caller's role in it (the engine decides; locked out: 403). */
  async roomOf(actor: Actor, conferenceId: string): Promise<{ sessionId: string; role: string }> {
    const seat = await this.seats.seat(actor, conferenceId);
    const sessionId = seat.conference.sessionId;
    if (seat.conference.status !== 'bezig' || !sessionId)
      throw conflict('conference-not-running', 'status');
    return { sessionId, role: await this.live.assertSessionAccess(actor, sessionId) };
  }

  joinRoom(actor: Actor, sessionId: string, lastSeq?: number): Promise<SessionJoinResult> {
    return this.live.joinSession(actor, sessionId, lastSeq);
  }

  /** A contribution (its type follows from phase and role) or the coordinator's next phase. */
  async command(actor: Actor, command: ConferenceCommand): Promise<SessionCommandResult> {
    const seat = await this.seats.seat(actor, command.conferenceId);
    const sessionId = seat.conference.sessionId;
    if (seat.conference.status !== 'bezig' || !sessionId || !seat.phase || seat.role === 'team')
      throw conflict('conference-not-running', 'status');
    if (command.type === 'phase:advance')
      return this.live.sessionCommand(actor, {
        sessionId,
        commandId: command.commandId,
        type: 'phase:advance',
      });
    const contributionType = contributionTypeFor(seat.phase, seat.role);
    if (!contributionType) throw forbidden(THIS_CONFERENCE);
    return this.live.sessionCommand(actor, {
      sessionId,
      commandId: command.commandId,
      type: 'contribution:add',
      contributionType,
      text: command.text ?? '',
    });
  }
}
