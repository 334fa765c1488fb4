import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { SharedPlanView } from '@casustafel/contracts';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { forbidden, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseEntity, PreparationEntity } from '../case-file/case.entity';
import { ConsentEntity, HouseholdEntity } from '../case-file/household.entity';
import { coversGuest } from '../guests/guests.service';
import { GuestInvitationEntity } from '../guests/guest.entities';
import { AgendaItemEntity } from '../meetings/meeting.entities';
import { PLAN_ENTRY, PLAN_OBJECT } from './plan-store.service';
import {
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
} from './support-plan.entities';

/** The plan shared with a guest: a specialist outside the team, on the consent ledger's terms. */
@Injectable()
export class PlanSharingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The plan as a specialist outside the team sees it: only a guest invited to an item about
   * this household, and only while the consent ledger holds a valid entry for sharing with
   * the guest's organisation or discipline (a chair's justification for the meeting does not
   * extend to the plan).
   */
  async shared(actor: Actor, householdId: string): Promise<SharedPlanView> {
    RequestContext.note({ objectType: PLAN_OBJECT, objectId: null, purpose: 'delen' });
    const grant = actor.guest;
    const refuse = () => forbidden('this plan');
    if (!grant) throw refuse();
    const m = this.db.manager;
    const household = await m.findOneBy(HouseholdEntity, { id: householdId });
    if (!household) throw refuse();
    RequestContext.note({ clientId: household.id, context: { teamId: household.teamId } });
    const items = await m.findBy(AgendaItemEntity, { id: In([...grant.itemIds]) });
    const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
    const preps = prepIds.length ? await m.findBy(PreparationEntity, { id: In(prepIds) }) : [];
    const cases = preps.length
      ? await m.findBy(CaseEntity, { id: In(preps.map((p) => p.caseId)) })
      : [];
    if (!cases.some((c) => c.householdId === householdId)) throw refuse();
    const invitation = await m.findOneBy(GuestInvitationEntity, { id: grant.invitationId });
    if (!invitation) throw refuse();
    const now = this.clock.now();
    const entries = await m.find(ConsentEntity, {
      where: { householdId },
      order: { grantedAt: 'ASC', createdAt: 'ASC' },
    });
    const consent = entries.find((e) => coversGuest(e, invitation, now));
    if (!consent) throw refuse();
    RequestContext.note({ legalBasis: consent.id });
    const plan = await m.findOneBy(SupportPlanEntity, { householdId });
    if (!plan) throw notFound(PLAN_ENTRY);
    RequestContext.note({ objectId: plan.id });
    const [goals, planItems] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
      m.find(SupportPlanItemEntity, { where: { planId: plan.id }, order: { position: 'ASC' } }),
    ]);
    return {
      householdLabel: household.label,
      variant: plan.variant,
      evaluationDate: plan.evaluationDate,
      goals: goals.map((g) => ({ zrmDomain: g.zrmDomain, text: g.text, status: g.status })),
      items: planItems.map(({ type, title, owner, startDate, endDate, status }) => {
        return { type, title, owner, startDate, endDate, status };
      }),
      version: plan.version,
      consentId: consent.id,
    };
  }
}
