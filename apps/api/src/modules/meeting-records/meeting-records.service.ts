import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type {
  ActionView,
  DecisionView,
  FollowUpView,
  MeetingRecordsView,
  MinutesView,
  UpdateMinutes,
  ValidationIssue,
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
  reviseItemNotes,
} from '@casustafel/domain';
import { abilityFor, asSubject } from '../../common/access/policy';
import { UserEntity } from '../identity/user.entity';
import { actionView, decisionView, localDate } from '../live-session/record-views';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
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

function forbidden(): DomainError {
  return new DomainError('FORBIDDEN', 'You do not have access to this meeting');
}
function invalid(details: ValidationIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request payload is invalid', details);
}
function conflict(issue: string, path = ''): DomainError {
  return new DomainError('CONFLICT', `Refused: ${issue}`, [{ path, issue }]);
}
function approvedConflict(): DomainError {
  return conflict('minutes-approved', 'minutes');
}

export { localDate };

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
    if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId }))) throw forbidden();
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
    if (!meeting) throw forbidden();
    this.checkTeam(actor, meeting.teamId, meeting.id);
    return meeting;
  }

  private async assertNotApproved(manager: EntityManager, meetingId: string): Promise<void> {
    const row = await manager.findOneBy(MinutesEntity, { meetingId });
    if (row && !assertEditable(row).ok) throw approvedConflict();
  }

  private async itemOf(manager: EntityManager, meetingId: string, itemId: string) {
    const item = await manager.findOneBy(AgendaItemEntity, { id: itemId, meetingId });
    if (!item) throw invalid([{ path: 'itemId', issue: 'not-on-agenda' }]);
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

  /** The caller's open actions across meetings, earliest due first. */
  async myOpenActions(actor: Actor): Promise<ActionView[]> {
    RequestContext.note({ objectType: 'action', objectId: null, purpose: PURPOSE });
    const rows = await this.actions.findBy({ ownerId: actor.userId, status: 'open' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return openActionsFor(
      rows.map((r) => this.toDomain(r)),
      actor.userId,
    ).map((a) => actionView(byId.get(a.id) as ActionEntity));
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
    if (!item) throw forbidden();
    const meeting = await this.meetingFor(actor, item.meetingId);
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId });
    const links = await this.meetings.manager.findBy(FollowUpActionEntity, {
      agendaItemId: itemId,
    });
    const rows =
      links.length === 0 ? [] : await this.actions.findBy({ id: In(links.map((l) => l.actionId)) });
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
    if (!row) throw new DomainError('NOT_FOUND', 'No minutes were generated for this meeting');
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
        throw invalid([{ path: 'items.itemId', issue: revised.error }]);
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
