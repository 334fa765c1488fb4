import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  DecisionPlanItems,
  SupportPlanView,
  planItemsFromDecisionSchema,
} from '@casustafel/contracts';
import { type PlanItemSource, itemDraftFromDecision } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseEntity, PreparationEntity } from '../case-file/case.entity';
import { HouseholdEntity } from '../case-file/household.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { DecisionEntity } from '../meeting-records/meeting-records.entities';
import { type ItemInput, PLAN_OBJECT, PlanStore } from './plan-store.service';
import { SupportPlanEntity, SupportPlanItemEntity } from './support-plan.entities';

type FromDecision = z.output<typeof planItemsFromDecisionSchema>;

interface DecisionContext {
  decision: DecisionEntity;
  item: AgendaItemEntity;
  meeting: MeetingEntity;
  caseEntity: CaseEntity;
}

/**
 * What lands in the plan from elsewhere: a meeting's decision ("in plan opnemen", and the
 * decision → plan link) and a family conference's accepted familiegroepsplan.
 */
@Injectable()
export class PlanSourcesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(SupportPlanEntity) private readonly plans: Repository<SupportPlanEntity>,
    private readonly access: CaseFileAccess,
    private readonly store: PlanStore,
  ) {}

  /** The plan items a decision became (the decision → plan link). */
  async decisionItems(actor: Actor, decisionId: string): Promise<DecisionPlanItems> {
    const ctx = await this.decisionContext(actor, decisionId, 'read');
    const m = this.db.manager;
    const plan = await m.findOneBy(SupportPlanEntity, { householdId: ctx.caseEntity.householdId });
    const items = plan
      ? await m.find(SupportPlanItemEntity, {
          where: { planId: plan.id, decisionId },
          order: { position: 'ASC' },
        })
      : [];
    return {
      decisionId,
      householdId: ctx.caseEntity.householdId,
      planId: plan?.id ?? null,
      items: items.map((i) => ({ id: i.id, title: i.title, type: i.type, status: i.status })),
    };
  }

  /**
   * "In plan opnemen": the decision's items (pre-filled from it when none are given) land in
   * the household's plan, which is made first when the household has none yet. One version.
   */
  async fromDecision(
    actor: Actor,
    decisionId: string,
    input: FromDecision,
  ): Promise<SupportPlanView> {
    const ctx = await this.decisionContext(actor, decisionId, 'update');
    const householdId = ctx.caseEntity.householdId;
    const drafts: ItemInput[] = input.items ?? [
      {
        ...itemDraftFromDecision(ctx.decision),
        goalId: null,
        owner: '',
        startDate: null,
        endDate: null,
        status: 'gepland',
        costCents: null,
      },
    ];
    const source: PlanItemSource = {
      kind: 'besluit',
      decisionId,
      meetingId: ctx.meeting.id,
      agendaItemId: ctx.item.id,
    };
    let planId = (await this.plans.findOneBy({ householdId }))?.id ?? null;
    if (!planId) {
      const household = await this.db.manager.findOneByOrFail(HouseholdEntity, { id: householdId });
      planId = await this.db
        .transaction(async (tx) => {
          if (await tx.findOneBy(SupportPlanEntity, { householdId })) return null;
          const plan = await this.store.makePlan(
            tx,
            household,
            ctx.caseEntity.casusregisseurId,
            actor.userId,
          );
          return plan.id;
        })
        .catch(() => null);
      planId ??= (await this.plans.findOneByOrFail({ householdId })).id;
    }
    RequestContext.note({ objectType: PLAN_OBJECT, objectId: planId });
    return this.store.mutate(actor, planId, async (tx, plan) => {
      for (const draft of drafts) await this.store.insertItem(tx, plan, draft, source);
      return { change: 'besluit.opgenomen', subject: drafts.map((d) => d.title).join(', ') };
    });
  }

  /**
   * The accepted familiegroepsplan of a family conference becomes the leading plan of the
   * household (research §3.3, "plan is leidend"): its agreements land as items with source
   * `familieplan` (the network's commitments typed "netwerk"), the plan is made first when the
   * household has none, and the plan's evaluation date moves to the family plan's when that is
   * sooner. One version, in one transaction with the caller's own writes (`alongside`, given the
   * new items' ids in the order given), so the conference's acceptance and the import are stored
   * together or not at all.
   */
  async importFamilyGroupPlan(
    actor: Actor,
    householdId: string,
    input: { items: ItemInput[]; evaluationOn: string | null; subject: string },
    alongside: (tx: EntityManager, itemIds: string[]) => Promise<void>,
  ): Promise<string[]> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: PLAN_OBJECT,
      id: null,
    });
    return this.db.transaction(async (tx) => {
      let plan = await tx.findOne(SupportPlanEntity, {
        where: { householdId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) {
        plan = await this.store.makePlan(tx, household, null, actor.userId);
      }
      const ids: string[] = [];
      for (const item of input.items)
        ids.push(
          await this.store.insertItem(tx, plan, item, {
            kind: 'familieplan',
            decisionId: null,
            meetingId: null,
            agendaItemId: null,
          }),
        );
      if (
        input.evaluationOn &&
        (plan.evaluationDate === null || input.evaluationOn < plan.evaluationDate)
      ) {
        plan.evaluationDate = input.evaluationOn;
        plan.basisRev += 1;
        await tx.update(
          SupportPlanEntity,
          { id: plan.id },
          { evaluationDate: plan.evaluationDate, basisRev: plan.basisRev },
        );
      }
      await this.store.writeVersion(tx, plan, actor.userId, {
        change: 'familiegroepsplan.opgenomen',
        subject: input.subject,
      });
      await alongside(tx, ids);
      return ids;
    });
  }

  /** A decision with its agenda item, meeting and case; access as to the case's household. */
  private async decisionContext(
    actor: Actor,
    decisionId: string,
    action: 'read' | 'update',
  ): Promise<DecisionContext> {
    const object = { type: 'decision', id: decisionId };
    const m = this.db.manager;
    const decision = await m.findOneBy(DecisionEntity, { id: decisionId });
    if (!decision) this.access.refuse(object);
    const item = await m.findOneBy(AgendaItemEntity, { id: decision.agendaItemId });
    const prep = item?.preparationId
      ? await m.findOneBy(PreparationEntity, { id: item.preparationId })
      : null;
    const caseEntity = prep ? await m.findOneBy(CaseEntity, { id: prep.caseId }) : null;
    const meeting = await m.findOneBy(MeetingEntity, { id: decision.meetingId });
    if (!item || !caseEntity || !meeting) this.access.refuse(object);
    await this.access.household(actor, caseEntity.householdId, action, object);
    if (meeting.teamId !== caseEntity.teamId) this.access.refuse(object);
    return { decision, item, meeting, caseEntity };
  }
}
