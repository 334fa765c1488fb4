import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type { MinutesView, UpdateMinutes } from '@casustafel/contracts';
import {
  approveMinutes,
  assertEditable,
  type AttendanceInput,
  buildMinutes,
  type Decision,
  type LiveRole,
  timeSpent,
  reviseItemNotes,
} from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, invalidAt, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { localDate } from '../live-session/record-views';
import { AgendaItemEntity, MeetingEntity, MeetingEventEntity } from '../meetings/meeting.entities';
import {
  ActionEntity,
  AttendanceEntity,
  DecisionEntity,
  MinutesEntity,
} from './meeting-records.entities';
import { actionOf, recordsMeetingFor } from './records-access';

const MINUTE_MS = 60_000;

/**
 * Where the minutes get an item's note text. The notes module may provide it
 * (`{ provide: MINUTES_NOTES_SOURCE, useExisting: NotesService }`); without it the minutes' note
 * sections stay empty.
 */
export const MINUTES_NOTES_SOURCE = Symbol('MINUTES_NOTES_SOURCE');
export interface MinutesNotesSource {
  plainText(itemId: string): Promise<string>;
}

function approvedConflict(): DomainError {
  return conflict('minutes-approved', 'minutes');
}

async function assertNotApproved(manager: EntityManager, meetingId: string): Promise<void> {
  const row = await manager.findOneBy(MinutesEntity, { meetingId });
  if (row && !assertEditable(row).ok) throw approvedConflict();
}

/** A logged room event's own payload (the row holds the whole event; older rows the payload). */
function eventPayload(stored: Record<string, unknown>): Record<string, unknown> {
  const inner = stored['payload'];
  return typeof stored['type'] === 'string' && inner !== null && typeof inner === 'object'
    ? (inner as Record<string, unknown>)
    : stored;
}

/**
 * The minutes of a case meeting: generated from the room's log, the attendance, the notes,
 * decisions and actions; edited by the chair or minute taker while a draft; approved by the
 * chair (then fixed).
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>,
    @InjectRepository(MinutesEntity) private readonly minutes: Repository<MinutesEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    private readonly clock: Clock,
    @Optional() @Inject(MINUTES_NOTES_SOURCE) private readonly notes?: MinutesNotesSource,
  ) {}

  private canWriteMinutes(actor: Actor, meeting: MeetingEntity): boolean {
    return meeting.chairId === actor.userId || meeting.minuteTakerId === actor.userId;
  }

  async generateMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    const meeting = await recordsMeetingFor(this.meetings.manager, actor, meetingId);
    RequestContext.note({ objectType: 'minutes', objectId: meetingId });
    if (!this.canWriteMinutes(actor, meeting))
      throw new DomainError('FORBIDDEN', 'Only the chair or the minute taker writes the minutes');
    const manager = this.meetings.manager;
    await assertNotApproved(manager, meetingId);
    const items = await manager.findBy(AgendaItemEntity, { meetingId });
    const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
    const preps =
      prepIds.length === 0 ? [] : await manager.findBy(PreparationEntity, { id: In(prepIds) });
    const questionOf = new Map(
      preps.map((p) => [
        p.id,
        typeof p.content['vraag'] === 'string' ? (p.content['vraag'] as string) : null,
      ]),
    );
    const members = await manager.findBy(MembershipEntity, { teamId: meeting.teamId });
    const joined = await this.attendance.findBy({ meetingId });
    const present = new Set(joined.map((j) => j.userId));
    const roleOf = (userId: string): LiveRole =>
      meeting.chairId === userId
        ? 'chair'
        : meeting.timekeeperId === userId
          ? 'timekeeper'
          : meeting.minuteTakerId === userId
            ? 'minute-taker'
            : 'member';
    const memberIds = new Set(members.map((m) => m.userId));
    // Present without being on the team: invited guest specialists, named as invited.
    const outsiderIds = [...present].filter((userId) => !memberIds.has(userId));
    const outsiders = new Map(
      (outsiderIds.length === 0
        ? []
        : await manager.findBy(UserEntity, { id: In(outsiderIds) })
      ).map((u) => [u.id, u]),
    );
    const userIds = new Set([...memberIds, ...present]);
    const attendance: AttendanceInput[] = [...userIds].map((userId) => {
      const outsider = outsiders.get(userId);
      return {
        userId,
        role: outsider?.kind === 'guest' ? 'guest' : roleOf(userId),
        present: present.has(userId),
        ...(outsider ? { name: outsider.displayName } : {}),
      };
    });
    const notesText: Record<string, string> = {};
    if (this.notes)
      for (const item of items) {
        const text = await this.notes.plainText(item.id);
        if (text.trim() !== '') notesText[item.id] = text;
      }
    const decisions = await this.decisions.find({
      where: { meetingId },
      order: { decidedAt: 'ASC', id: 'ASC' },
    });
    const actions = await this.actions.find({
      where: { meetingId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    // Time per item and phase from the room's log, up to the close (or now, for a meeting on).
    const logged = await manager.find(MeetingEventEntity, {
      where: { meetingId },
      order: { seq: 'ASC' },
      select: { type: true, payload: true, at: true, seq: true },
    });
    const spent = timeSpent(
      logged.map((e) => ({ type: e.type, payload: eventPayload(e.payload), at: e.at.getTime() })),
      Object.fromEntries(items.map((i) => [i.id, i.kind])),
      meeting.status === 'afgesloten'
        ? Math.max(meeting.updatedAt.getTime(), logged.at(-1)?.at.getTime() ?? 0)
        : this.clock.now().getTime(),
    );
    const built = buildMinutes(
      {
        id: meeting.id,
        title: `Casuïstiekoverleg ${localDate(meeting.startsAt)}`,
        start: meeting.startsAt,
        end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * MINUTE_MS),
      },
      attendance,
      items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        order: i.position,
        status: i.status,
        question: i.preparationId === null ? null : (questionOf.get(i.preparationId) ?? null),
        ...(spent[i.id] ? { timeSpentMs: spent[i.id]?.ms, phaseMs: spent[i.id]?.phases } : {}),
      })),
      notesText,
      decisions.map((d): Decision => ({
        id: d.id,
        agendaItemId: d.agendaItemId,
        type: d.type,
        text: d.text,
        rationale: d.rationale,
        decidedByUserId: d.decidedById,
        decidedAt: d.decidedAt.toISOString(),
      })),
      actions.map((a) => actionOf(a)),
    );
    if (!built.ok) throw conflict(built.error);
    const now = this.clock.now();
    const row = this.minutes.create({
      meetingId,
      status: 'draft',
      document: built.minutes,
      generatedById: actor.userId,
      generatedAt: now,
      approvedById: null,
      approvedAt: null,
      updatedAt: now,
    });
    await this.minutes.manager.transaction(async (tx) => {
      // Re-checked under the write: an approval in between wins.
      await assertNotApproved(tx, meetingId);
      await tx.save(row);
    });
    return this.minutesView(row);
  }

  private async minutesRow(actor: Actor, meetingId: string) {
    const meeting = await recordsMeetingFor(this.meetings.manager, actor, meetingId);
    RequestContext.note({ objectType: 'minutes', objectId: meetingId });
    const row = await this.minutes.findOneBy({ meetingId });
    if (!row) throw notFound('minutes for this meeting');
    return { meeting, row };
  }

  async readMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    return this.minutesView((await this.minutesRow(actor, meetingId)).row);
  }

  async updateMinutes(actor: Actor, meetingId: string, input: UpdateMinutes): Promise<MinutesView> {
    const { meeting, row } = await this.minutesRow(actor, meetingId);
    if (!this.canWriteMinutes(actor, meeting))
      throw new DomainError('FORBIDDEN', 'Only the chair or the minute taker writes the minutes');
    if (!assertEditable(row).ok) throw approvedConflict();
    let doc = row.document;
    for (const change of input.items) {
      const revised = reviseItemNotes(doc, change.itemId, change.notes);
      if (!revised.ok) {
        if (revised.error === 'minutes-approved') throw approvedConflict();
        throw invalidAt('items.itemId', revised.error);
      }
      doc = revised.minutes;
    }
    const now = this.clock.now();
    const result = await this.minutes
      .createQueryBuilder()
      .update()
      .set({ document: doc as never, updatedAt: now })
      .where('meeting_id = :meetingId AND status = :status', { meetingId, status: 'draft' })
      .execute();
    if (!result.affected) throw approvedConflict();
    return this.minutesView({ ...row, document: doc, updatedAt: now });
  }

  async approveMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    const { meeting, row } = await this.minutesRow(actor, meetingId);
    if (meeting.chairId !== actor.userId)
      throw new DomainError('FORBIDDEN', 'Only the chair approves the minutes');
    const now = this.clock.now();
    const approved = approveMinutes(row.document, actor.userId, now);
    if (!approved.ok) throw approvedConflict();
    const result = await this.minutes
      .createQueryBuilder()
      .update()
      .set({
        status: 'approved',
        document: approved.minutes as never,
        approvedById: actor.userId,
        approvedAt: now,
        updatedAt: now,
      })
      .where('meeting_id = :meetingId AND status = :status', { meetingId, status: 'draft' })
      .execute();
    if (!result.affected) throw approvedConflict();
    return this.minutesView({
      ...row,
      status: 'approved',
      document: approved.minutes,
      approvedById: actor.userId,
      approvedAt: now,
      updatedAt: now,
    });
  }

  private minutesView(row: MinutesEntity): MinutesView {
    return {
      ...row.document,
      status: row.status,
      generatedAt: row.generatedAt.toISOString(),
      generatedByUserId: row.generatedById,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
