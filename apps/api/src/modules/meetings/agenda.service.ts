import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  createAgendaItemSchema,
  MeetingDetail,
  ReorderAgenda,
  updateAgendaItemSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  type AgendaItem,
  agendaConsentDecision,
  agendaSchema,
  checkCasePreparation,
  reorder,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { PreparationEntity } from '../case-file/case.entity';
import { ConsentService } from '../case-file/consent.service';
import { MeetingAccess } from './meeting-access';
import { agendaRow, toDomainItem } from './meeting-rows';
import { MeetingViews } from './meeting-views';
import { AgendaItemEntity, MeetingEntity } from './meeting.entities';

type CreateItem = z.output<typeof createAgendaItemSchema>;
type UpdateItem = z.output<typeof updateAgendaItemSchema>;

/** A planned meeting's agenda: items (checked, consent-covered or justified), order. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    @InjectRepository(PreparationEntity)
    private readonly preparations: Repository<PreparationEntity>,
    private readonly access: MeetingAccess,
    private readonly views: MeetingViews,
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  /** Presenter in the team; a case item's preparation ready and of a case of the team. */
  private async checkItem(teamId: string, item: AgendaItem, all: AgendaItem[]): Promise<void> {
    const issues: ValidationIssue[] = [];
    if ((await this.access.nonMembers(teamId, [item.presenterUserId])).size > 0)
      issues.push({ path: 'presenterUserId', issue: 'not-a-member' });
    let status: string | undefined;
    if (item.preparationId !== null) {
      const rows = (await this.preparations.query(
        'SELECT p."status" FROM "preparation" p JOIN "client_case" c ON c."id" = p."case_id" WHERE p."id" = $1 AND c."team_id" = $2',
        [item.preparationId, teamId],
      )) as { status: string }[];
      status = rows[0]?.status;
    }
    const checked = checkCasePreparation(item, () => status as 'ready' | undefined);
    if (!checked.ok) issues.push({ path: 'preparationId', issue: checked.error });
    const agenda = agendaSchema.safeParse(all);
    if (!agenda.success) {
      for (const issue of agenda.error.issues)
        issues.push({ path: 'agenda', issue: issue.message || issue.code });
    }
    if (issues.length > 0) throw invalid(issues);
  }

  async addItem(actor: Actor, meetingId: string, input: CreateItem): Promise<MeetingDetail> {
    const meeting = await this.access.meeting(actor, meetingId, 'update');
    this.access.assertPlanning(meeting);
    const existing = (await this.views.agendaOf(meetingId)).map(toDomainItem);
    const item: AgendaItem = {
      id: randomUUID(),
      kind: input.kind,
      title: input.title,
      presenterUserId: input.presenterUserId,
      timeBoxMinutes: input.timeBoxMinutes,
      order: existing.length,
      status: 'gepland',
      preparationId: input.preparationId,
      carriedFromItemId: null,
    };
    await this.checkItem(meeting.teamId, item, [...existing, item]);
    const justification = await this.consentForItem(meeting, item, input.consentJustification);
    await this.items.save(
      this.items.create({
        ...agendaRow(meetingId, item),
        ...this.justificationColumns(justification, actor),
      }),
    );
    RequestContext.note({ objectType: 'agenda-item', objectId: item.id });
    return this.views.detail(meeting);
  }

  /**
   * A case item needs the ledger's cover for the meeting (purpose mdo: consent or another
   * recorded legal basis) on the meeting's date, or the chair's justification. Notes the
   * household and the basis relied on (`motivering` for a justification) for the audit trail;
   * returns the justification to keep (null when the ledger covers it).
   */
  private async consentForItem(
    meeting: MeetingEntity,
    item: AgendaItem,
    justification: string | null,
  ): Promise<string | null> {
    if (item.preparationId === null) return null;
    const householdId = await this.views.householdOfPreparation(item.preparationId);
    if (householdId === null) return null;
    const coverage = await this.consents.meetingCoverage(
      householdId,
      this.views.meetingDay(meeting),
    );
    const decision = agendaConsentDecision(coverage.state, justification);
    RequestContext.note({
      clientId: householdId,
      legalBasis: decision === 'covered' ? coverage.consentId : 'motivering',
    });
    if (decision === 'justification-required') {
      throw new DomainError(
        'CONSENT_JUSTIFICATION_REQUIRED',
        'No valid consent or legal basis covers this case in the meeting',
        [{ path: 'consentJustification', issue: coverage.state }],
      );
    }
    return decision === 'justified' ? justification : null;
  }

  private justificationColumns(
    justification: string | null,
    actor: Actor,
  ): Pick<AgendaItemEntity, 'consentJustification' | 'consentJustifiedBy' | 'consentJustifiedAt'> {
    return {
      consentJustification: justification,
      consentJustifiedBy: justification === null ? null : actor.userId,
      consentJustifiedAt: justification === null ? null : this.clock.now(),
    };
  }

  async updateItem(actor: Actor, itemId: string, input: UpdateItem): Promise<MeetingDetail> {
    const { meeting, item } = await this.access.item(actor, itemId);
    this.access.assertPlanning(meeting);
    const all = (await this.views.agendaOf(meeting.id)).map(toDomainItem);
    const current = all.find((i) => i.id === item.id) as AgendaItem;
    const next: AgendaItem = {
      ...current,
      title: input.title ?? current.title,
      presenterUserId: input.presenterUserId ?? current.presenterUserId,
      timeBoxMinutes: input.timeBoxMinutes ?? current.timeBoxMinutes,
      preparationId:
        input.preparationId === undefined ? current.preparationId : input.preparationId,
    };
    await this.checkItem(
      meeting.teamId,
      next,
      all.map((i) => (i.id === next.id ? next : i)),
    );
    // Another case on this item: the consent check of a new item, again.
    const changedCase = next.preparationId !== current.preparationId;
    const justification = changedCase
      ? await this.consentForItem(meeting, next, input.consentJustification ?? null)
      : null;
    await this.items.save(
      this.items.create({
        ...agendaRow(meeting.id, next),
        ...(changedCase ? this.justificationColumns(justification, actor) : {}),
      }),
    );
    return this.views.detail(meeting);
  }

  async deleteItem(actor: Actor, itemId: string): Promise<void> {
    const { meeting, item } = await this.access.item(actor, itemId);
    this.access.assertPlanning(meeting);
    await this.items.manager.transaction(async (tx) => {
      await tx.delete(AgendaItemEntity, { id: item.id });
      const rest = await this.views.agendaOf(meeting.id, tx);
      await this.renumber(tx, rest);
    });
  }

  private async renumber(
    tx: EntityManager,
    items: readonly { id: string; order: number }[],
  ): Promise<void> {
    for (const [position, item] of items.entries())
      await tx.update(AgendaItemEntity, { id: item.id }, { position });
  }

  async reorder(actor: Actor, meetingId: string, input: ReorderAgenda): Promise<MeetingDetail> {
    const meeting = await this.access.meeting(actor, meetingId, 'update');
    this.access.assertPlanning(meeting);
    const result = reorder(await this.views.agendaOf(meetingId), input.itemId, input.toIndex);
    if (!result.ok) throw invalidAt('itemId', result.error);
    await this.items.manager.transaction((tx) => this.renumber(tx, result.items));
    return this.views.detail(meeting);
  }
}
