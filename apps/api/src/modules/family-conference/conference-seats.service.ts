import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type ConferencePhase, type ConferenceRole, isConferencePhase } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { conflict, forbidden } from '../../common/errors/refusals';
import { CaseFileAccess } from '../case-file/case-file-access';
import { LiveSessionService } from '../live-session/live-session.service';
import { ConferenceParticipantEntity, FamilyConferenceEntity } from './family-conference.entities';

/** The audit trail's object types. */
export const CONFERENCE_OBJECT = 'family-conference';
export const PLAN_OBJECT = 'family-conference-plan';
/** Purpose code of everything done in or for a conference (audit trail). */
export const CONFERENCE_PURPOSE = 'familienetwerkberaad';
/** What a refusal names (the `what` of `forbidden`). */
export const THIS_CONFERENCE = 'this conference';

/** Who the caller is in a conference, and the live phase it is in (read from the engine). */
export interface Seat {
  conference: FamilyConferenceEntity;
  role: ConferenceRole | 'team';
  phase: ConferencePhase | null;
}

const STAFF_ROLES: readonly ConferenceRole[] = ['coordinator', 'professional'];

/**
 * Who may see and do what in a conference: the caller's seat (circle member by grant, staff of
 * the conference, or the household's team), asked of the live engine while it runs, so the
 * phases and besloten tijd hold for every read and write; the audit notes; and the content-free
 * announcement that a record changed.
 */
@Injectable()
export class ConferenceSeats {
  private readonly logger = new Logger(ConferenceSeats.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseFileAccess,
    private readonly live: LiveSessionService,
  ) {}

  note(objectType: string, conference: FamilyConferenceEntity): void {
    RequestContext.note({
      objectType,
      objectId: conference.id,
      clientId: conference.householdId,
      purpose: CONFERENCE_PURPOSE,
      context: { teamId: conference.teamId },
    });
  }

  /**
   * The caller's seat: a circle member by their grant; staff as coordinator or professional of
   * the conference, or (not running) as a member of the household's team. While it runs, the
   * engine answers the role and phase — and refuses a role locked out of the phase (403).
   */
  async seat(actor: Actor, conferenceId: string, objectType = CONFERENCE_OBJECT): Promise<Seat> {
    RequestContext.note({ objectType, objectId: conferenceId, purpose: CONFERENCE_PURPOSE });
    const conference = await this.db.manager.findOneBy(FamilyConferenceEntity, {
      id: conferenceId,
    });
    if (!conference) throw forbidden(THIS_CONFERENCE);
    this.note(objectType, conference);
    let role: ConferenceRole | 'team';
    if (actor.conference) {
      if (actor.conference.conferenceId !== conference.id) throw forbidden(THIS_CONFERENCE);
      role = actor.conference.role;
    } else {
      if (actor.guest || actor.family || actor.organisationId !== conference.organisationId)
        throw forbidden(THIS_CONFERENCE);
      const seat = await this.db.manager.findOne(ConferenceParticipantEntity, {
        where: { conferenceId, userId: actor.userId, role: In(STAFF_ROLES) },
      });
      if (seat) role = seat.role;
      else {
        await this.access.household(actor, conference.householdId, 'read', {
          type: objectType,
          id: conferenceId,
        });
        this.note(objectType, conference);
        role = 'team';
      }
    }
    let phase: ConferencePhase | null = null;
    if (conference.status === 'bezig' && conference.sessionId) {
      // A running conference is for those in it; its phase is the engine's.
      if (role === 'team') throw forbidden(THIS_CONFERENCE);
      const session = await this.live.readSession(actor, conference.sessionId);
      this.note(objectType, conference);
      phase = isConferencePhase(session.state.phase) ? session.state.phase : null;
    }
    return { conference, role, phase };
  }

  /**
   * Reads for staff are checked again after the read: a phase change to besloten tijd between
   * the check and the read must not let the family's first words slip out.
   */
  async guarded<T>(
    actor: Actor,
    conferenceId: string,
    objectType: string,
    read: (seat: Seat) => Promise<T>,
    mayRead: (seat: Seat) => boolean = () => true,
  ): Promise<T> {
    const seat = await this.seat(actor, conferenceId, objectType);
    if (!mayRead(seat)) throw forbidden(THIS_CONFERENCE);
    const result = await read(seat);
    if (seat.role !== 'familie' && seat.role !== 'netwerk' && seat.conference.status === 'bezig') {
      const again = await this.seat(actor, conferenceId, objectType);
      if (!mayRead(again)) throw forbidden(THIS_CONFERENCE);
    }
    return result;
  }

  private staffOnly(seat: Seat): void {
    if (seat.role === 'familie' || seat.role === 'netwerk') throw forbidden(THIS_CONFERENCE);
  }

  /**
   * Staff acting on the conference: its coordinator or professionals (while it runs, as far as
   * the engine lets their role in), or a team member of the household who may change it.
   */
  async staffSeat(
    actor: Actor,
    conferenceId: string,
    objectType = CONFERENCE_OBJECT,
  ): Promise<Seat> {
    const seat = await this.seat(actor, conferenceId, objectType);
    this.staffOnly(seat);
    if (seat.role === 'team')
      await this.access.household(actor, seat.conference.householdId, 'update', {
        type: objectType,
        id: conferenceId,
      });
    this.note(objectType, seat.conference);
    return seat;
  }

  /** Preparation changes: the team or the coordinator, before the start. */
  async preparing(
    actor: Actor,
    conferenceId: string,
    objectType = CONFERENCE_OBJECT,
  ): Promise<Seat> {
    const seat = await this.staffSeat(actor, conferenceId, objectType);
    if (seat.conference.status !== 'voorbereiding') throw conflict('conference-started', 'status');
    return seat;
  }

  /**
   * Tells everyone in the room that the plan or the bottom lines changed (the engine's
   * content-free `record:changed`; a role locked out of the phase receives nothing), so their
   * pages read it again. The write is done already: a failed announcement only costs a reload.
   */
  async announce(
    conference: FamilyConferenceEntity,
    actor: Actor,
    record: 'plan' | 'bottom-lines',
  ): Promise<void> {
    if (conference.status !== 'bezig' || !conference.sessionId) return;
    await this.live
      .recordChanged(conference.sessionId, actor.userId, record)
      .catch((error: unknown) =>
        this.logger.warn({ err: error, conferenceId: conference.id }, 'Announcing a change failed'),
      );
  }
}
