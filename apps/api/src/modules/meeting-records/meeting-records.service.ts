import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import type {
  MyActionView,
  ActionView,
  DecisionView,
  FollowUpView,
  MeetingRecordsView,
} from '@casustafel/contracts';
import {
  type ActionStatus,
  DEFAULT_FOLLOW_UP_MINUTES,
  followUpItems,
  openActionsFor,
} from '@casustafel/domain';
import { actionView, decisionView, localDate } from '../live-session/record-views';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { ActionEntity, DecisionEntity, FollowUpActionEntity } from './meeting-records.entities';
import { actionOf, checkRecordsTeam, RECORDS_PURPOSE, recordsMeetingFor } from './records-access';

export { localDate };

/** Decisions, actions and the follow-up of case meetings (the minutes: `MinutesService`). */
@Injectable()
export class MeetingRecordsService {
  private readonly logger = new Logger(MeetingRecordsService.name);

  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>,
    private readonly clock: Clock,
  ) {}

  /* ---------- reads ---------- */

  async records(actor: Actor, meetingId: string): Promise<MeetingRecordsView> {
    const meeting = await recordsMeetingFor(this.meetings.manager, actor, meetingId);
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
    RequestContext.note({ objectType: 'action', objectId: null, purpose: RECORDS_PURPOSE });
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
      rows.map((r) => actionOf(r)),
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
    checkRecordsTeam(actor, teamId, null);
    RequestContext.note({ objectType: 'action' });
    const rows = await this.actions.find({
      where: status ? { teamId, status } : { teamId },
      order: { due: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => actionView(r));
  }

  /** The open actions on a follow-up (`opvolging-acties`) item. */
  async followUp(actor: Actor, itemId: string): Promise<FollowUpView> {
    RequestContext.note({ objectType: 'agenda-item', objectId: itemId, purpose: RECORDS_PURPOSE });
    const item = await this.meetings.manager.findOneBy(AgendaItemEntity, { id: itemId });
    if (!item) throw forbidden('this meeting');
    const meeting = await recordsMeetingFor(this.meetings.manager, actor, item.meetingId);
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
        rows.map((r) => actionOf(r)),
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
}
