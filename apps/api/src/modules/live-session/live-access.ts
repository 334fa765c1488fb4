import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { LiveRole } from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { MeetingEntity } from '../meetings/meeting.entities';

/** Purpose code of the case meeting in the audit trail. */
export const LIVE_PURPOSE = 'casuistiekoverleg';

/** How many meetings' teams an instance remembers for the access check of a join. */
const KNOWN_TEAMS_MAX = 10_000;

/**
 * Who may enter a live room and act in it: the one place the engine decides access. A member
 * needs read access to the meeting's team; a guest only their invited meeting (the reducer and
 * the guest projection limit what they do and see). Every check is noted for the audit trail.
 */
@Injectable()
export class LiveAccess {
  /** meetingId → teamId (a meeting never moves to another team), oldest out first. */
  private readonly teams = new Map<string, string>();
  /** Reads of a meeting's team under way (joins of one wave share them). */
  private readonly reading = new Map<string, Promise<string | null>>();

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
  ) {}

  /** The team check on a known meeting (members only). */
  assertMember(actor: Actor, meeting: Pick<MeetingEntity, 'id' | 'teamId'>): void {
    RequestContext.note({
      objectType: 'meeting',
      objectId: meeting.id,
      purpose: LIVE_PURPOSE,
      context: { teamId: meeting.teamId },
    });
    if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId: meeting.teamId })))
      throw forbidden('this meeting');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId: meeting.id } });
  }

  /** Members of the team, or the guest invited to this meeting. */
  assertParticipant(actor: Actor, meeting: Pick<MeetingEntity, 'id' | 'teamId'>): void {
    if (actor.guest) {
      RequestContext.note({ objectType: 'meeting', objectId: meeting.id, purpose: LIVE_PURPOSE });
      if (actor.guest.meetingId !== meeting.id) throw forbidden('this meeting');
      RequestContext.note({ context: { teamId: meeting.teamId, meetingId: meeting.id } });
    } else this.assertMember(actor, meeting);
  }

  /**
   * May the actor enter this meeting's room? Reads only the meeting's team (never changes),
   * once per meeting and instance; the caller reads the room itself after the socket joined.
   */
  async assertMayEnter(actor: Actor, meetingId: string): Promise<void> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: LIVE_PURPOSE });
    if (actor.guest && actor.guest.meetingId !== meetingId) throw forbidden('this meeting');
    const teamId = this.teams.get(meetingId) ?? (await this.readTeam(meetingId));
    if (teamId === null) throw forbidden('this meeting');
    this.assertParticipant(actor, { id: meetingId, teamId });
  }

  /** The meeting's team, read once for a wave of joins (the whole team joins at once). */
  private readTeam(meetingId: string): Promise<string | null> {
    let reading = this.reading.get(meetingId);
    if (!reading) {
      reading = (
        this.meetings.query('SELECT "team_id" AS "teamId" FROM "meeting" WHERE "id" = $1', [
          meetingId,
        ]) as Promise<{ teamId: string }[]>
      )
        .then((rows) => (rows[0] ? this.remember(meetingId, rows[0].teamId) : null))
        .finally(() => this.reading.delete(meetingId));
      this.reading.set(meetingId, reading);
    }
    return reading;
  }

  private remember(meetingId: string, teamId: string): string {
    if (this.teams.size >= KNOWN_TEAMS_MAX && !this.teams.has(meetingId))
      this.teams.delete(this.teams.keys().next().value as string);
    this.teams.set(meetingId, teamId);
    return teamId;
  }

  /** Reads the meeting and checks the actor may take part (members or the invited guest). */
  async meetingFor(
    actor: Actor,
    meetingId: string,
    manager: EntityManager = this.meetings.manager,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: LIVE_PURPOSE });
    if (actor.guest && actor.guest.meetingId !== meetingId) throw forbidden('this meeting');
    const meeting = await manager.findOneBy(MeetingEntity, { id: meetingId });
    if (!meeting) throw forbidden('this meeting');
    this.remember(meeting.id, meeting.teamId);
    this.assertParticipant(actor, meeting);
    return meeting;
  }

  /** The actor's roles in the room (what the session kind lets each role do). */
  rolesOf(actor: Actor, meeting: MeetingEntity): LiveRole[] {
    if (actor.guest) return ['guest'];
    const roles: LiveRole[] = ['member'];
    if (meeting.chairId === actor.userId) roles.push('chair');
    if (meeting.timekeeperId === actor.userId) roles.push('timekeeper');
    if (meeting.minuteTakerId === actor.userId) roles.push('minute-taker');
    return roles;
  }
}
