import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type {
  MyActionView,
  ActionView,
  DecisionView,
  FollowUpView,
  MeetingRecordsView,
  MinutesView,
  UpdateMinutes,
} from '@casustafel/contracts';
import {
  type Action,
  type ActionStatus,
  approveMinutes,
  assertEditable,
  type AttendanceInput,
  buildMinutes,
  DEFAULT_FOLLOW_UP_MINUTES,
  type Decision,
  followUpItems,
  type LiveRole,
  openActionsFor,
  timeSpent,
  reviseItemNotes,
} from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { UserEntity } from '../identity/user.entity';
import { actionView, decisionView, localDate } from '../live-session/record-views';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, forbidden, invalidAt, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { AgendaItemEntity, MeetingEntity, MeetingEventEntity } from '../meetings/meeting.entities';
import {
  ActionEntity,
  AttendanceEntity,
  DecisionEntity,
  FollowUpActionEntity,
  MinutesEntity,
} from './meeting-records.entities';

const PURPOSE = 'casuistiekoverleg';
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

export { localDate };

/** A logged room event's own payload (the row holds the whole event; older rows the payload). */
function eventPayload(stored: Record<string, unknown>): Record<string, unknown> {
  const inner = stored['payload'];
  return typeof stored['type'] === 'string' && inner !== null && typeof inner === 'object'
    ? (inner as Record<string, unknown>)
    : stored;
}

/** Decisions, actions, follow-up and minutes of case meetings. */
@Injectable()
export class MeetingRecordsService {
  private readonly logger = new Logger(MeetingRecordsService.name);

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>,
    @InjectRepository(MinutesEntity) private readonly minutes: Repository<MinutesEntity>,
    @InjectRepository(AttendanceEntity) private readonly attendance: Repository<AttendanceEntity>,
    private readonly clock: Clock,
    @Optional() @Inject(MINUTES_NOTES_SOURCE) private readonly notes?: MinutesNotesSource,
  ) {}

  /* ---------- access ---------- */

  private checkTeam(actor: Actor, teamId: string, objectId: string | null): void {
    RequestContext.note({ objectType: 'meeting', objectId, purpose: PURPOSE, context: { teamId } });
    if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId })))
      throw forbidden('this meeting');
  }

  private async meetingFor(
    actor: Actor,
    meetingId: string,
    manager: EntityManager = this.meetings.manager,
    lock = false,
  ): Promise<MeetingEntity> {
    RequestContext.note({ objectType: 'meeting', objectId: meetingId, purpose: PURPOSE });
    const qb = manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where('m.id = :id', { id: meetingId });
    if (lock) qb.setLock('pessimistic_write');
    const meeting = await qb.getOne();
    if (!meeting) throw forbidden('this meeting');
    this.checkTeam(actor, meeting.teamId, meeting.id);
    return meeting;
  }

  private async assertNotApproved(manager: EntityManager, meetingId: string): Promise<void> {
    const row = await manager.findOneBy(MinutesEntity, { meetingId });
    if (row && !assertEditable(row).ok) throw approvedConflict();
  }

  private async itemOf(manager: EntityManager, meetingId: string, itemId: string) {
    const item = await manager.findOneBy(AgendaItemEntity, { id: itemId, meetingId });
    if (!item) throw invalidAt('itemId', 'not-on-agenda');
    return item;
  }

  private async isMember(manager: EntityManager, teamId: string, userId: string) {
    return (await manager.countBy(MembershipEntity, { teamId, userId })) > 0;
  }

  /* ---------- reads ---------- */

  async records(actor: Actor, meetingId: string): Promise<MeetingRecordsView> {
    const meeting = await this.meetingFor(actor, meetingId);
    const [decisions, actions] = await Promise.all([
      this.decisions.find({
        where: { meetingId: meeting.id },
        order: { decidedAt: 'ASC', id: 'ASC' },
      }),
      this.actions.find({
        where: { meetingId: meeting.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return {
      meetingId,
      decisions: decisions.map((d) => decisionView(d)),
      actions: actions.map((a) => actionView(a)),
    };
  }

  /** Decisions and actions of some items of a meeting (a guest's invited items; no access check). */
  async recordsOfItems(
    meetingId: string,
    itemIds: readonly string[],
  ): Promise<{ decisions: DecisionView[]; actions: ActionView[] }> {
    if (itemIds.length === 0) return { decisions: [], actions: [] };
    const [decisions, actions] = await Promise.all([
      this.decisions.find({
        where: { meetingId, agendaItemId: In([...itemIds]) },
        order: { decidedAt: 'ASC', id: 'ASC' },
      }),
      this.actions.find({
        where: { meetingId, agendaItemId: In([...itemIds]) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return {
      decisions: decisions.map((d) => decisionView(d)),
      actions: actions.map((a) => actionView(a)),
    };
  }

  /**
   * The caller's open actions across meetings and cases, earliest due first, each with the
   * meeting's start, the case it concerns (by id only: the case page checks access itself) and
   * whether it is overdue today. Only actions of teams the caller still belongs to.
   */
  async myOpenActions(actor: Actor): Promise<MyActionView[]> {
    RequestContext.note({ objectType: 'action', objectId: null, purpose: PURPOSE });
    const rows = (await this.actions.findBy({ ownerId: actor.userId, status: 'open' })).filter(
      (r) => actor.guest === null && actor.teams.has(r.teamId),
    );
    if (rows.length === 0) return [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const [meetings, items] = await Promise.all([
      this.meetings.findBy({ id: In([...new Set(rows.map((r) => r.meetingId))]) }),
      this.meetings.manager.findBy(AgendaItemEntity, {
        id: In([...new Set(rows.map((r) => r.agendaItemId))]),
      }),
    ]);
    const preparationIds = items.flatMap((i) => (i.preparationId ? [i.preparationId] : []));
    const preparations =
      preparationIds.length === 0
        ? []
        : await this.meetings.manager.findBy(PreparationEntity, { id: In(preparationIds) });
    const startsAt = new Map(meetings.map((m) => [m.id, m.startsAt]));
    const caseOf = new Map(
      items.map((i) => [i.id, preparations.find((p) => p.id === i.preparationId)?.caseId ?? null]),
    );
    const today = localDate(this.clock.now());
    return openActionsFor(
      rows.map((r) => this.toDomain(r)),
      actor.userId,
    ).map((a) => {
      const row = byId.get(a.id) as ActionEntity;
      return {
        ...actionView(row),
        meetingStartsAt: new Date(startsAt.get(row.meetingId) ?? row.createdAt).toISOString(),
        caseId: caseOf.get(row.agendaItemId) ?? null,
        overdue: row.due < today,
      };
    });
  }

  async teamActions(actor: Actor, teamId: string, status?: ActionStatus): Promise<ActionView[]> {
    this.checkTeam(actor, teamId, null);
    RequestContext.note({ objectType: 'action' });
    const rows = await this.actions.find({
      where: status ? { teamId, status } : { teamId },
      order: { due: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => actionView(r));
  }

  /** The open actions on a follow-up (`opvolging-acties`) item. */
  async followUp(actor: Actor, itemId: string): Promise<FollowUpView> {
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId, purpose: PURPOSE });
    const item = await this.meetings.manager.findOneBy(AgendaItemEntity, { id: itemId });
    if (!item) throw forbidden('this meeting');
    const meeting = await this.meetingFor(actor, item.meetingId);
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId });
    const links = await this.meetings.manager.findBy(FollowUpActionEntity, {
      agendaItemId: itemId,
    });
    const linked =
      links.length === 0 ? [] : await this.actions.findBy({ id: In(links.map((l) => l.actionId)) });
    // Until the meeting is closed, the item also lists every open action the team agreed in an
    // earlier meeting: the links are only made when the previous meeting of a series closes, so a
    // meeting planned by hand (or one whose predecessor closed before it existed) had none.
    const earlier =
      meeting.status === 'afgesloten'
        ? []
        : await this.actions
            .createQueryBuilder('a')
            .innerJoin(MeetingEntity, 'm', 'm.id = a.meeting_id')
            .where('a.team_id = :teamId', { teamId: meeting.teamId })
            .andWhere('a.status = :status', { status: 'open' })
            .andWhere('m.starts_at < :before', { before: meeting.startsAt })
            .getMany();
    const rows =
      item.kind === 'opvolging-acties'
        ? [...new Map([...linked, ...earlier].map((r) => [r.id, r])).values()]
        : [];
    return {
      itemId,
      meetingId: meeting.id,
      entries: followUpItems(
        rows.map((r) => this.toDomain(r)),
        localDate(meeting.startsAt),
      ),
    };
  }

  /**
   * Called by the meetings module when a meeting closes (inside its transaction): the team's open
   * actions go on the next meeting's `opvolging-acties` item, which is created when missing.
   */
  async fillFollowUp(tx: EntityManager, closed: MeetingEntity, next: MeetingEntity): Promise<void> {
    const open = await tx
      .createQueryBuilder(ActionEntity, 'a')
      .innerJoin(MeetingEntity, 'm', 'm.id = a.meeting_id')
      .where('a.team_id = :teamId', { teamId: closed.teamId })
      .andWhere('a.status = :status', { status: 'open' })
      .andWhere('m.starts_at < :before', { before: next.startsAt })
      .getMany();
    if (open.length === 0) return;
    const agenda = await tx.find(AgendaItemEntity, {
      where: { meetingId: next.id },
      order: { position: 'ASC' },
    });
    let followUp = agenda.find((i) => i.kind === 'opvolging-acties');
    if (!followUp) {
      for (const item of agenda)
        await tx.update(AgendaItemEntity, { id: item.id }, { position: item.position + 1 });
      followUp = await tx.save(
        tx.create(AgendaItemEntity, {
          meetingId: next.id,
          kind: 'opvolging-acties',
          title: '',
          presenterId: next.chairId,
          timeBoxMinutes: DEFAULT_FOLLOW_UP_MINUTES,
          position: 0,
          status: 'gepland',
          preparationId: null,
          carriedFromItemId: null,
        }),
      );
    }
    const itemId = followUp.id;
    await tx
      .createQueryBuilder()
      .insert()
      .into(FollowUpActionEntity)
      .values(open.map((a) => ({ agendaItemId: itemId, actionId: a.id })))
      .orIgnore()
      .execute();
  }

  /* ---------- minutes ---------- */

  private canWriteMinutes(actor: Actor, meeting: MeetingEntity): boolean {
    return meeting.chairId === actor.userId || meeting.minuteTakerId === actor.userId;
  }

  async generateMinutes(actor: Actor, meetingId: string): Promise<MinutesView> {
    const meeting = await this.meetingFor(actor, meetingId);
    RequestContext.note({ objectType: 'minutes', objectId: meetingId });
    if (!this.canWriteMinutes(actor, meeting))
      throw new DomainError('FORBIDDEN', 'Only the chair or the minute taker writes the minutes');
    const manager = this.meetings.manager;
    await this.assertNotApproved(manager, meetingId);
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
      actions.map((a) => this.toDomain(a)),
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
      await this.assertNotApproved(tx, meetingId);
      await tx.save(row);
    });
    return this.minutesView(row);
  }

  private async minutesRow(actor: Actor, meetingId: string) {
    const meeting = await this.meetingFor(actor, meetingId);
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

  /* ---------- views ---------- */

  private minutesView(row: MinutesEntity): MinutesView {
    return {
      ...row.document,
      status: row.status,
      generatedAt: row.generatedAt.toISOString(),
      generatedByUserId: row.generatedById,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private toDomain(r: ActionEntity): Action {
    return {
      id: r.id,
      agendaItemId: r.agendaItemId,
      decisionId: r.decisionId,
      description: r.description,
      ownerUserId: r.ownerId,
      due: r.due,
      status: r.status,
    };
  }
}
