import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type DecisionType,
  type PlanSnapshot,
  casePreparationContentSchema,
  itemDraftFromDecision,
  nextEvaluationDate,
} from '@casustafel/domain';
import { PreparationEntity } from '../case-file/case.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { DecisionEntity } from '../meeting-records/meeting-records.entities';
import {
  SupportPlanAgreementEntity,
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
} from '../support-plan/support-plan.entities';

export interface DemoPlanInput {
  teamId: string;
  householdId: string;
  caseId: string;
  chairId: string;
  regisseurId: string;
  regisseurName: string;
  latestZrm: Record<string, number>;
  now: Date;
}

/**
 * The Jansen household's support plan for the demo: a past meeting whose decisions became
 * plan items (one decision still to process), goals on two ZRM domains (one evaluation
 * overdue), five versions, and the family's agreement with the fourth.
 */
export async function seedDemoPlan(m: EntityManager, input: DemoPlanInput): Promise<void> {
  const at = (days: number) => new Date(input.now.getTime() - days * 86_400_000);
  const date = (days: number) => at(days).toISOString().slice(0, 10);

  // A meeting of three weeks ago, closed, with the case on its agenda and three decisions.
  const prep = await m.save(
    m.create(PreparationEntity, {
      caseId: input.caseId,
      status: 'ready',
      meetingDate: date(21),
      content: casePreparationContentSchema.parse({
        vraag: 'Welke hulp zetten we in, en wie van het netwerk kan wat doen?',
      }) as Record<string, unknown>,
      authorId: input.regisseurId,
      createdAt: at(25),
      updatedAt: at(23),
      readyAt: at(23),
    }),
  );
  const meeting = await m.save(
    m.create(MeetingEntity, {
      teamId: input.teamId,
      seriesId: null,
      type: 'casuistiekoverleg',
      startsAt: at(21),
      durationMinutes: 90,
      chairId: input.chairId,
      timekeeperId: null,
      minuteTakerId: null,
      published: true,
      status: 'afgesloten',
      liveState: null,
      seq: 3,
      createdAt: at(28),
      updatedAt: at(21),
    }),
  );
  const item = await m.save(
    m.create(AgendaItemEntity, {
      meetingId: meeting.id,
      kind: 'casusbespreking',
      // A case item is called after its case (the agenda shows the case's title).
      title: '',
      presenterId: input.regisseurId,
      timeBoxMinutes: 30,
      position: 0,
      status: 'besproken',
      preparationId: prep.id,
      carriedFromItemId: null,
      consentJustification: null,
      consentJustifiedBy: null,
      consentJustifiedAt: null,
    }),
  );
  const decide = (type: DecisionType, text: string, rationale: string) =>
    m.save(
      m.create(DecisionEntity, {
        meetingId: meeting.id,
        agendaItemId: item.id,
        commandId: randomUUID(),
        type,
        text,
        rationale,
        decidedById: input.chairId,
        recordedById: input.chairId,
        decidedAt: at(21),
      }),
    );
  const oma = await decide(
    'inzet-eigen-kracht-netwerk',
    'Oma Riet haalt Tim en Noor twee middagen per week uit school',
    'Oma wil graag helpen; moeder krijgt zo rust om de administratie te doen',
  );
  const schuldhulp = await decide(
    'verwijzing-1e-lijn',
    'Aanmelding bij de schuldhulpverlening van de gemeente',
    'Betalingsachterstanden lopen op; moeder vraagt zelf om hulp',
  );
  await decide(
    'maatwerkvoorziening',
    'Opvoedondersteuning thuis aanvragen (Jeugdwet)',
    'Tim verzuimt; school en moeder zien dat hij thuis vastloopt',
  );

  // The plan, built change by change: every change a version with the whole plan.
  const plan = await m.save(
    m.create(SupportPlanEntity, {
      householdId: input.householdId,
      teamId: input.teamId,
      variant: 'licht',
      casusregisseurId: input.regisseurId,
      evaluationDate: nextEvaluationDate('licht', date(20)),
      lastEvaluatedOn: null,
      krachten: '',
      zorgen: '',
      basisRev: 1,
      krachtenRev: 1,
      zorgenRev: 1,
      version: 0,
      createdAt: at(20),
      updatedAt: at(20),
    }),
  );
  const snapshot: PlanSnapshot = {
    variant: 'licht',
    casusregisseur: { id: input.regisseurId, displayName: input.regisseurName },
    evaluationDate: plan.evaluationDate,
    krachten: '',
    zorgen: '',
    goals: [],
    items: [],
  };
  const version = async (days: number, change: string, subject: string | null) => {
    plan.version += 1;
    await m.save(
      m.create(SupportPlanVersionEntity, {
        planId: plan.id,
        number: plan.version,
        authorId: input.regisseurId,
        change,
        subject,
        snapshot: structuredClone(snapshot),
        createdAt: at(days),
      }),
    );
  };
  const addItem = async (
    days: number,
    decision: DecisionEntity | null,
    fields: Partial<SupportPlanItemEntity> & { title: string },
  ) => {
    const draft = decision ? itemDraftFromDecision(decision) : null;
    const saved = await m.save(
      m.create(SupportPlanItemEntity, {
        planId: plan.id,
        goalId: null,
        type: draft?.type ?? 'eigen-kracht',
        owner: '',
        startDate: null,
        endDate: null,
        status: 'gepland',
        costCents: null,
        costCategory: draft?.costCategory ?? null,
        sourceKind: decision ? 'besluit' : 'handmatig',
        decisionId: decision?.id ?? null,
        meetingId: decision ? meeting.id : null,
        agendaItemId: decision ? item.id : null,
        rev: 1,
        position: snapshot.items.length,
        createdAt: at(days),
        updatedAt: at(days),
        ...fields,
      }),
    );
    snapshot.items.push({
      id: saved.id,
      goalId: saved.goalId,
      type: saved.type,
      title: saved.title,
      owner: saved.owner,
      startDate: saved.startDate,
      endDate: saved.endDate,
      status: saved.status,
      costCents: saved.costCents,
      costCategory: saved.costCategory,
      source: {
        kind: saved.sourceKind,
        decisionId: saved.decisionId,
        meetingId: saved.meetingId,
        agendaItemId: saved.agendaItemId,
      },
    });
    return saved;
  };
  const addGoal = async (days: number, zrmDomain: string, text: string, evaluationDate: string) => {
    const goal = await m.save(
      m.create(SupportPlanGoalEntity, {
        planId: plan.id,
        zrmDomain,
        text,
        evaluationDate,
        status: 'open',
        baselineScore: input.latestZrm[zrmDomain] ?? null,
        rev: 1,
        position: snapshot.goals.length,
        createdAt: at(days),
        updatedAt: at(days),
      }),
    );
    snapshot.goals.push({ id: goal.id, zrmDomain, text, evaluationDate, status: 'open' });
    return goal;
  };

  await version(20, 'plan.gemaakt', null);
  const money = await addGoal(
    19,
    'financien',
    'De schulden zijn in beeld en er is een betaalregeling',
    date(5),
  );
  await version(19, 'doel.toegevoegd', money.text);
  const school = await addGoal(
    19,
    'huiselijke-relaties',
    'Tim gaat elke dag naar school en thuis is er minder ruzie',
    nextEvaluationDate('licht', date(20)),
  );
  await version(19, 'doel.toegevoegd', school.text);
  await addItem(19, oma, {
    title: oma.text,
    owner: 'Riet Jansen (oma)',
    startDate: date(14),
    status: 'lopend',
    goalId: school.id,
  });
  await version(19, 'besluit.opgenomen', oma.text);
  plan.krachten = 'Moeder is gemotiveerd en vraagt zelf om hulp. Oma en de buurvrouw springen bij.';
  plan.zorgen = 'Oplopende betalingsachterstanden; Tim verzuimt op school.';
  snapshot.krachten = plan.krachten;
  snapshot.zorgen = plan.zorgen;
  plan.krachtenRev = 2;
  plan.zorgenRev = 2;
  await version(18, 'sectie.krachten', null);
  await addItem(12, schuldhulp, {
    title: 'Schuldhulpverlening gemeente: intake en betaalregeling',
    owner: 'Schuldhulp Voorbeeldstad',
    startDate: date(10),
    endDate: date(-355),
    status: 'lopend',
    costCents: 185_000,
    costCategory: '6.2',
    goalId: money.id,
  });
  await version(12, 'besluit.opgenomen', 'Schuldhulpverlening gemeente');
  await m.save(
    m.create(SupportPlanAgreementEntity, {
      planId: plan.id,
      versionNumber: plan.version,
      agreedOn: date(11),
      method: 'in-gesprek',
      byName: 'Marieke Jansen',
      agreed: true,
      comment: 'Fijn dat oma meedoet. Graag hulp bij het openen van de post.',
      recordedById: input.regisseurId,
      recordedAt: at(11),
    }),
  );
  plan.updatedAt = at(12);
  await m.save(plan);
}
