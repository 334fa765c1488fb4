import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { ValidationIssue } from '@casustafel/contracts';
import { abilityFor, asSubject, type PolicyAction } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { conflict, forbidden, invalid } from '../../common/errors/refusals';
import { MembershipEntity } from '../identity/membership.entity';
import { AgendaItemEntity, MeetingEntity } from './meeting.entities';

/** Purpose code of the case meeting in the audit trail. */
export const MEETING_PURPOSE = 'casuistiekoverleg';

/**
 * Who may plan, read and change a meeting (the same answer for "does not exist" and "not
 * yours"), and the checks every planning change makes. Every check notes the audit details.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    @InjectRepository(MembershipEntity)
    private readonly memberships: Repository<MembershipEntity>,
  ) {}

  team(actor: Actor, teamId: string, action: PolicyAction, objectId: string | null): void {
    RequestContext.note({
      objectType: 'meeting',
      objectId,
      purpose: MEETING_PURPOSE,
      context: { teamId },
    });
    if (!abilityFor(actor).can(action, asSubject('Meeting', { teamId })))
      throw forbidden('this meeting');
  }

  async meeting(
    actor: Actor,
    meetingId: string,
    action: PolicyAction,
    manager: EntityManager = this.meetings.manager,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    const found = await manager.findOneBy(MeetingEntity, { id: meetingId });
    if (!found) throw forbidden('this meeting');
    this.team(actor, found.teamId, action, found.id);
    return found;
  }

  async item(
    actor: Actor,
    itemId: string,
  ): Promise<{ meeting: MeetingEntity; item: AgendaItemEntity }> {
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId, purpose: MEETING_PURPOSE });
    const item = await this.items.findOneBy({ id: itemId });
    if (!item) throw forbidden('this meeting');
    const meeting = await this.meeting(actor, item.meetingId, 'update');
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId });
    return { meeting, item };
  }

  async nonMembers(teamId: string, userIds: (string | null | undefined)[]) {
    const wanted = [...new Set(userIds.filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Set<string>();
    const found = await this.memberships.findBy({ teamId, userId: In(wanted) });
    const members = new Set(found.map((m) => m.userId));
    return new Set(wanted.filter((id) => !members.has(id)));
  }

  async assertRoles(
    teamId: string,
    roles: { chairId?: string; timekeeperId?: string | null; minuteTakerId?: string | null },
  ): Promise<void> {
    const outside = await this.nonMembers(teamId, [
      roles.chairId,
      roles.timekeeperId,
      roles.minuteTakerId,
    ]);
    const issues: ValidationIssue[] = [];
    for (const key of ['chairId', 'timekeeperId', 'minuteTakerId'] as const) {
      const id = roles[key];
      if (id && outside.has(id)) issues.push({ path: key, issue: 'not-a-member' });
    }
    if (issues.length > 0) throw invalid(issues);
  }

  assertPlanning(meeting: MeetingEntity): void {
    if (meeting.status !== 'gepland' || meeting.liveState !== null) {
      throw conflict(`meeting-${meeting.status === 'gepland' ? 'live' : meeting.status}`);
    }
  }

  /** A guest's own meeting (the invitation names it). */
  async guestMeeting(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: MEETING_PURPOSE });
    if (!actor.guest || actor.guest.meetingId !== meetingId) throw forbidden('this meeting');
    const meeting = await this.meetings.findOneBy({ id: meetingId });
    if (!meeting) throw forbidden('this meeting');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId } });
    return meeting;
  }
}
