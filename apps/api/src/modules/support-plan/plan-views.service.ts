import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type {
  LatestZrm,
  PersonRef,
  PlanAgreementView,
  PlanItemView,
  PlanVersionSummary,
  SupportPlanView,
  UnprocessedDecision,
} from '@casustafel/contracts';
import {
  DECISION_TYPES_WITHOUT_PLAN_ITEM,
  type PlanSnapshot,
  REVIEW_CYCLE_MONTHS,
  evaluationState,
  planToday,
} from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { regisseurRefusal } from '../case-file/case-file-access';
import { CaseEntity, PreparationEntity, ZrmAssessmentEntity } from '../case-file/case.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { DecisionEntity } from '../meeting-records/meeting-records.entities';
import {
  SupportPlanAgreementEntity,
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from './support-plan.entities';

/** A plan item as a version's snapshot holds it (the view adds its revision and decision). */
export function planItemSnapshot(i: SupportPlanItemEntity): PlanSnapshot['items'][number] {
  return {
    id: i.id,
    goalId: i.goalId,
    type: i.type,
    title: i.title,
    owner: i.owner,
    startDate: i.startDate,
    endDate: i.endDate,
    status: i.status,
    costCents: i.costCents,
    costCategory: i.costCategory,
    source: {
      kind: i.sourceKind,
      decisionId: i.decisionId,
      meetingId: i.meetingId,
      agendaItemId: i.agendaItemId,
    },
  };
}

/**
 * How the plan and what surrounds it read: the plan's view (goals, items with the decisions
 * they came from, versions, agreements), the household's latest ZRM, its decisions not yet in
 * the plan, and who may be casusregisseur. Reads only; access is the caller's.
 */
@Injectable()
export class PlanViews {
  constructor(private readonly clock: Clock) {}

  async view(m: EntityManager, planId: string): Promise<SupportPlanView> {
    const plan = await m.findOneByOrFail(SupportPlanEntity, { id: planId });
    const [goals, items, versions, agreements, zrm] = await Promise.all([
      m.find(SupportPlanGoalEntity, { where: { planId }, order: { position: 'ASC' } }),
      m.find(SupportPlanItemEntity, { where: { planId }, order: { position: 'ASC' } }),
      this.versionSummaries(m, planId),
      this.agreementViews(m, planId),
      this.latestZrm(m, plan.householdId),
    ]);
    const decisionIds = items.map((i) => i.decisionId).filter((id): id is string => id !== null);
    const decisions = decisionIds.length
      ? await m.find(DecisionEntity, { where: { id: In(decisionIds) } })
      : [];
    const agendaIds = [...new Set(decisions.map((d) => d.agendaItemId))];
    const [agendaItems, meetings] = await Promise.all([
      agendaIds.length ? m.findBy(AgendaItemEntity, { id: In(agendaIds) }) : [],
      decisions.length
        ? m.findBy(MeetingEntity, { id: In([...new Set(decisions.map((d) => d.meetingId))]) })
        : [],
    ]);
    const titles = await this.agendaTitles(m, agendaItems);
    const users = await this.userRefs(m, [plan.casusregisseurId]);
    const today = planToday(this.clock);
    const latest = agreements.at(-1);
    const itemView = (i: SupportPlanItemEntity): PlanItemView => {
      const d = decisions.find((x) => x.id === i.decisionId);
      const a = d ? agendaItems.find((x) => x.id === d.agendaItemId) : undefined;
      const meeting = d ? meetings.find((x) => x.id === d.meetingId) : undefined;
      const item = planItemSnapshot(i);
      return {
        ...item,
        rev: i.rev,
        source: {
          ...item.source,
          decision:
            d && meeting
              ? {
                  type: d.type,
                  text: d.text,
                  decidedAt: d.decidedAt.toISOString(),
                  meetingStartsAt: meeting.startsAt.toISOString(),
                  agendaItemTitle: a ? (titles.get(a.id) ?? '') : '',
                }
              : null,
        },
        createdAt: i.createdAt.toISOString(),
        updatedAt: i.updatedAt.toISOString(),
      };
    };
    return {
      id: plan.id,
      householdId: plan.householdId,
      teamId: plan.teamId,
      variant: plan.variant,
      reviewCycleMonths: REVIEW_CYCLE_MONTHS[plan.variant],
      casusregisseur: plan.casusregisseurId
        ? (users.get(plan.casusregisseurId) ?? { id: plan.casusregisseurId, displayName: '' })
        : null,
      evaluationDate: plan.evaluationDate,
      evaluationState: evaluationState(plan.evaluationDate, today),
      lastEvaluatedOn: plan.lastEvaluatedOn,
      krachten: plan.krachten,
      zorgen: plan.zorgen,
      sectionRevs: { basis: plan.basisRev, krachten: plan.krachtenRev, zorgen: plan.zorgenRev },
      goals: goals.map((g) => {
        const date = g.evaluationDate ?? plan.evaluationDate;
        const latestScore = zrm?.scores[g.zrmDomain];
        return {
          id: g.id,
          rev: g.rev,
          zrmDomain: g.zrmDomain,
          text: g.text,
          status: g.status,
          evaluationDate: date,
          ownEvaluationDate: g.evaluationDate !== null,
          evaluationState: g.status === 'open' ? evaluationState(date, today) : 'geen-datum',
          baselineScore: g.baselineScore,
          latestScore: typeof latestScore === 'number' ? latestScore : null,
        };
      }),
      items: items.map(itemView),
      version: plan.version,
      versions,
      agreements,
      agreementState: !latest
        ? 'geen'
        : !latest.agreed
          ? 'niet-akkoord'
          : latest.versionNumber === plan.version
            ? 'akkoord'
            : 'akkoord-oudere-versie',
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
    };
  }

  async versionSummaries(m: EntityManager, planId: string): Promise<PlanVersionSummary[]> {
    const rows = await m.find(SupportPlanVersionEntity, {
      where: { planId },
      select: { number: true, authorId: true, createdAt: true, change: true, subject: true },
      order: { number: 'DESC' },
    });
    const users = await this.userRefs(
      m,
      rows.map((r) => r.authorId),
    );
    return rows.map((r) => ({
      number: r.number,
      author: users.get(r.authorId) ?? { id: r.authorId, displayName: '' },
      createdAt: r.createdAt.toISOString(),
      change: r.change,
      subject: r.subject,
    }));
  }

  async agreementViews(m: EntityManager, planId: string): Promise<PlanAgreementView[]> {
    const rows = await m.find(SupportPlanAgreementEntity, {
      where: { planId },
      order: { recordedAt: 'ASC' },
    });
    const users = await this.userRefs(
      m,
      rows.map((r) => r.recordedById),
    );
    return rows.map((r) => ({
      id: r.id,
      versionNumber: r.versionNumber,
      agreedOn: r.agreedOn,
      method: r.method,
      byName: r.byName,
      agreed: r.agreed,
      comment: r.comment,
      recordedBy: r.recordedById
        ? (users.get(r.recordedById) ?? { id: r.recordedById, displayName: '' })
        : { id: '', displayName: '' },
      recordedAt: r.recordedAt.toISOString(),
    }));
  }

  /** An agenda item's title; a case item without one is called after its case. */
  private async agendaTitles(
    m: EntityManager,
    items: AgendaItemEntity[],
  ): Promise<Map<string, string>> {
    const prepIds = items
      .filter((i) => !i.title && i.preparationId)
      .map((i) => i.preparationId as string);
    const preps = prepIds.length ? await m.findBy(PreparationEntity, { id: In(prepIds) }) : [];
    const cases = preps.length
      ? await m.findBy(CaseEntity, { id: In(preps.map((p) => p.caseId)) })
      : [];
    return new Map(
      items.map((i) => {
        const prep = preps.find((p) => p.id === i.preparationId);
        const title = cases.find((c) => c.id === prep?.caseId)?.title ?? '';
        return [i.id, i.title || title];
      }),
    );
  }

  /** The newest ZRM assessment of any of the household's cases. */
  async latestZrm(m: EntityManager, householdId: string): Promise<LatestZrm | null> {
    const latest = await m
      .createQueryBuilder(ZrmAssessmentEntity, 'z')
      .innerJoin(CaseEntity, 'c', 'c.id = z.case_id')
      .where('c.household_id = :householdId', { householdId })
      .orderBy('z.assessed_at', 'DESC')
      .addOrderBy('z.created_at', 'DESC')
      .getOne();
    if (!latest) return null;
    const scores: Record<string, number | 'niet-gescoord'> = {};
    for (const [key, value] of Object.entries(latest.domains)) {
      const score = (value as { score?: unknown }).score;
      if (typeof score === 'number' || score === 'niet-gescoord') scores[key] = score;
    }
    return {
      caseId: latest.caseId,
      assessmentId: latest.id,
      assessedAt: latest.assessedAt,
      version: latest.version,
      scores,
    };
  }

  /** Decisions about the household's cases that no plan item comes from yet. */
  async unprocessedDecisions(
    m: EntityManager,
    householdId: string,
  ): Promise<UnprocessedDecision[]> {
    const rows = await m
      .createQueryBuilder(DecisionEntity, 'd')
      .innerJoin(AgendaItemEntity, 'a', 'a.id = d.agenda_item_id')
      .innerJoin(PreparationEntity, 'p', 'p.id = a.preparation_id')
      .innerJoin(CaseEntity, 'c', 'c.id = p.case_id')
      .innerJoin(MeetingEntity, 'mt', 'mt.id = d.meeting_id')
      .where('c.household_id = :householdId', { householdId })
      .andWhere('d.type NOT IN (:...skip)', { skip: [...DECISION_TYPES_WITHOUT_PLAN_ITEM] })
      .andWhere('NOT EXISTS (SELECT 1 FROM support_plan_item i WHERE i.decision_id = d.id)')
      .select([
        'd.id AS id',
        'd.type AS type',
        'd.text AS text',
        'd.decided_at AS decided_at',
        'd.meeting_id AS meeting_id',
        'mt.starts_at AS starts_at',
        'a.id AS agenda_item_id',
        "COALESCE(NULLIF(a.title, ''), c.title) AS agenda_item_title",
        'c.id AS case_id',
      ])
      .orderBy('d.decided_at', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
    return rows.map((r) => ({
      id: String(r['id']),
      type: r['type'] as UnprocessedDecision['type'],
      text: String(r['text']),
      decidedAt: iso(r['decided_at']),
      meetingId: String(r['meeting_id']),
      meetingStartsAt: iso(r['starts_at']),
      agendaItemId: String(r['agenda_item_id']),
      agendaItemTitle: String(r['agenda_item_title']),
      caseId: String(r['case_id']),
    }));
  }

  async userRefs(m: EntityManager, ids: (string | null)[]): Promise<Map<string, PersonRef>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await m.find(UserEntity, {
      where: { id: In(unique) },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
  }

  async candidates(m: EntityManager, teamId: string): Promise<PersonRef[]> {
    const members = await m.find(MembershipEntity, {
      where: { teamId },
      relations: { user: true },
    });
    return members
      .filter((x) => x.user && regisseurRefusal(x.user, teamId, x.roles) === null)
      .map((x) => ({ id: x.userId, displayName: x.user?.displayName ?? '' }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }
}
