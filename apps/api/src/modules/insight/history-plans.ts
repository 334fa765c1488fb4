import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PlanSnapshot } from '@casustafel/domain';
import { type Value, insertRows } from './history-rows';
import type { TeamHistory } from './insight-history';

/**
 * Writes the households' support plans (items, a version per evaluation, the family's
 * agreement) and the accepted family group conferences that led them.
 */
export async function writePlans(
  db: EntityManager,
  history: TeamHistory,
  householdIds: string[],
): Promise<void> {
  const plans: Value[][] = [];
  const items: Value[][] = [];
  const versions: Value[][] = [];
  const agreements: Value[][] = [];
  const conferences: Value[][] = [];
  const regisseur = history.cases[0]?.regisseurId ?? null;
  const seen = new Set<string>();
  for (const plan of history.plans ?? []) {
    const householdId = householdIds[plan.caseIndex] as string;
    if (seen.has(householdId)) continue; // one plan per household
    seen.add(householdId);
    const planId = randomUUID();
    const c = plan.conference;
    const coordinator = history.cases[plan.caseIndex]?.regisseurId ?? regisseur;
    if (c && coordinator)
      conferences.push([
        householdId,
        history.teamId,
        coordinator,
        c.acceptedAt,
        c.followUpOn,
        c.followedUp ? new Date(`${c.followUpOn}T12:00:00Z`) : null,
        c.followedUp ? coordinator : null,
      ]);
    const itemSnapshots = plan.items.map((item, position) => {
      const id = randomUUID();
      items.push([
        id,
        planId,
        null,
        item.type,
        `Inzet ${position + 1}`,
        'Casusregisseur',
        item.startDate,
        null,
        'lopend',
        item.costCents ?? null,
        item.costCategory ?? null,
        'handmatig',
        null,
        null,
        null,
        1,
        position,
        plan.createdAt,
        plan.createdAt,
      ]);
      return {
        id,
        goalId: null,
        type: item.type,
        title: `Inzet ${position + 1}`,
        owner: 'Casusregisseur',
        startDate: item.startDate,
        endDate: null,
        status: 'lopend' as const,
        costCents: item.costCents ?? null,
        costCategory: item.costCategory ?? null,
        source: {
          kind: 'handmatig' as const,
          decisionId: null,
          meetingId: null,
          agendaItemId: null,
        },
      };
    });
    const evaluations = plan.evaluations ?? [];
    const snapshot = (evaluationDate: string | null): string =>
      JSON.stringify({
        variant: 'licht',
        casusregisseur: null,
        evaluationDate,
        krachten: '',
        zorgen: '',
        goals: [],
        items: itemSnapshots,
      } satisfies PlanSnapshot);
    const last = evaluations.at(-1);
    plans.push([
      planId,
      householdId,
      history.teamId,
      'licht',
      null,
      plan.evaluationDate,
      last ? last.at.toISOString().slice(0, 10) : null,
      '',
      '',
      1,
      1,
      1,
      1 + evaluations.length,
      plan.createdAt,
      last?.at ?? plan.createdAt,
    ]);
    // Version 1 holds the first due date; evaluation k is version k + 1 with the next one.
    versions.push([
      randomUUID(),
      planId,
      1,
      regisseur,
      'plan.gemaakt',
      null,
      snapshot(evaluations[0]?.due ?? plan.evaluationDate),
      plan.createdAt,
    ]);
    evaluations.forEach((evaluation, k) => {
      versions.push([
        randomUUID(),
        planId,
        k + 2,
        regisseur,
        'plan.geevalueerd',
        null,
        snapshot(evaluations[k + 1]?.due ?? plan.evaluationDate),
        evaluation.at,
      ]);
    });
    if (plan.agreedOn)
      agreements.push([
        randomUUID(),
        planId,
        1,
        plan.agreedOn,
        'in-gesprek',
        'Ouder',
        true,
        '',
        regisseur,
        new Date(`${plan.agreedOn}T12:00:00Z`),
      ]);
  }
  await insertRows(
    db,
    'support_plan',
    [
      'id',
      'household_id',
      'team_id',
      'variant',
      'casusregisseur_id',
      'evaluation_date',
      'last_evaluated_on',
      'krachten',
      'zorgen',
      'basis_rev',
      'krachten_rev',
      'zorgen_rev',
      'version',
      'created_at',
      'updated_at',
    ],
    plans,
  );
  await insertRows(
    db,
    'support_plan_item',
    [
      'id',
      'plan_id',
      'goal_id',
      'type',
      'title',
      'owner',
      'start_date',
      'end_date',
      'status',
      'cost_cents',
      'cost_category',
      'source_kind',
      'decision_id',
      'meeting_id',
      'agenda_item_id',
      'rev',
      'position',
      'created_at',
      'updated_at',
    ],
    items,
  );
  await insertRows(
    db,
    'support_plan_version',
    ['id', 'plan_id', 'number', 'author_id', 'change', 'subject', 'snapshot', 'created_at'],
    versions,
  );
  await insertRows(
    db,
    'support_plan_agreement',
    [
      'id',
      'plan_id',
      'version_number',
      'agreed_on',
      'method',
      'by_name',
      'agreed',
      'comment',
      'recorded_by_id',
      'recorded_at',
    ],
    agreements,
  );
  if (conferences.length > 0)
    await db.query(
      `INSERT INTO "family_conference" ("organisation_id", "household_id", "team_id", "status",
         "question", "place", "coordinator_id", "created_by", "accepted_at", "accepted_by",
         "follow_up_on", "follow_up_done_at", "follow_up_done_by", "created_at", "updated_at")
       SELECT t."organisation_id", c."household_id", c."team_id", 'afgerond',
         'Wie in de familie en het netwerk helpt mee?', 'Buurthuis', c."coordinator",
         c."coordinator", c."accepted_at", c."coordinator", c."follow_up_on", c."done_at",
         c."done_by", c."accepted_at", c."accepted_at"
       FROM jsonb_to_recordset($1::jsonb) AS c("household_id" uuid, "team_id" uuid,
         "coordinator" uuid, "accepted_at" timestamptz, "follow_up_on" date,
         "done_at" timestamptz, "done_by" uuid)
       JOIN "team" t ON t."id" = c."team_id"`,
      [
        JSON.stringify(
          conferences.map(([householdId, teamId, coordinator, acceptedAt, on, doneAt, doneBy]) => ({
            household_id: householdId,
            team_id: teamId,
            coordinator,
            accepted_at: acceptedAt,
            follow_up_on: on,
            done_at: doneAt,
            done_by: doneBy,
          })),
        ),
      ],
    );
}
