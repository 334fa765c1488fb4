import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type CaseStatus,
  type CostCategory,
  type DecisionType,
  type PlanItemType,
  type PlanSnapshot,
  ZRM_DOMAIN_KEYS_2017,
  casePreparationContentSchema,
  createLiveRoomState,
} from '@casustafel/domain';

/**
 * Writes a team's recorded work in bulk (multi-row INSERTs): households, cases with their status
 * history and ZRM assessments, closed meetings with discussed case items (their preparation and
 * the minutes they took), decisions and actions. Used by the demo seed (a few years of history
 * for the demo team), the integration tests of the dashboard (a small fixed data set) and the
 * benchmark's generator. The rows are what the product itself records; nothing here is
 * dashboard-specific.
 */

export interface HistoryCase {
  id?: string;
  title?: string;
  regisseurId: string;
  /** The status history: the first entry is `aanmelding`. */
  transitions: { status: CaseStatus; at: Date }[];
  /** ZRM 2017 assessments: per domain a score 1–5. */
  zrm?: { assessedAt: string; scores: Record<string, number> }[];
}

export interface HistoryItem {
  /** Index into `cases`: the case discussed. */
  caseIndex: number;
  timeBoxMinutes: number;
  usedMinutes: number;
  status?: 'besproken' | 'overgeslagen';
  decisions?: { type: DecisionType; at: Date }[];
  actions?: { due: string; status: 'open' | 'gereed' | 'vervallen'; doneAt?: Date }[];
}

export interface HistoryMeeting {
  startsAt: Date;
  chairId: string;
  items: HistoryItem[];
}

/** A household's support plan (the trajectory): its items, evaluations and agreement. */
export interface HistoryPlan {
  /** Index into `cases`: the plan is of that case's household. */
  caseIndex: number;
  createdAt: Date;
  /** The evaluation date now (the next one due). */
  evaluationDate: string | null;
  items: {
    type: PlanItemType;
    startDate: string;
    costCents?: number;
    costCategory?: CostCategory;
  }[];
  /** Evaluations in order, each with the date it was due. */
  evaluations?: { at: Date; due: string }[];
  /** The day the family agreed with the plan. */
  agreedOn?: string;
  /** A family group conference whose plan led this one: accepted, followed up four weeks on. */
  conference?: { acceptedAt: Date; followUpOn: string; followedUp: boolean };
}

export interface TeamHistory {
  teamId: string;
  cases: HistoryCase[];
  meetings: HistoryMeeting[];
  plans?: HistoryPlan[];
}

type Value = string | number | boolean | null | Date;

/** INSERT of many rows in chunks (parameter limit 65,535 per statement). */
export async function insertRows(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: Value[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: Value[] = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await db.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}

function zrmDomains(scores: Record<string, number>): string {
  const domains: Record<string, unknown> = {};
  for (const key of ZRM_DOMAIN_KEYS_2017) {
    const score = scores[key];
    domains[key] =
      score === undefined
        ? { score: 'niet-gescoord', indicators: [], sources: [] }
        : { score, indicators: [], sources: ['professional'] };
  }
  return JSON.stringify(domains);
}

const PREPARATION_CONTENT = JSON.stringify(
  casePreparationContentSchema.parse({ vraag: 'Wat is de volgende stap met dit huishouden?' }),
);

/** Writes the history; returns the ids of the cases in order. */
export async function writeTeamHistory(db: EntityManager, history: TeamHistory): Promise<string[]> {
  const households: Value[][] = [];
  const householdIds: string[] = [];
  const cases: Value[][] = [];
  const changes: Value[][] = [];
  const assessments: Value[][] = [];
  const caseIds: string[] = [];
  history.cases.forEach((c, i) => {
    const householdId = randomUUID();
    householdIds.push(householdId);
    const caseId = c.id ?? randomUUID();
    caseIds.push(caseId);
    const first = c.transitions[0]?.at ?? new Date();
    const last = c.transitions.at(-1);
    households.push([householdId, history.teamId, `Huishouden ${i + 1}`, null, first, first]);
    cases.push([
      caseId,
      history.teamId,
      householdId,
      c.title ?? `Casus ${i + 1}`,
      c.regisseurId,
      '[]',
      last?.status ?? 'aanmelding',
      first,
      last?.at ?? first,
    ]);
    for (const t of c.transitions) changes.push([randomUUID(), caseId, t.status, t.at, null]);
    for (const z of c.zrm ?? [])
      assessments.push([
        randomUUID(),
        caseId,
        '2017',
        z.assessedAt,
        c.regisseurId,
        zrmDomains(z.scores),
        '{}',
        new Date(`${z.assessedAt}T12:00:00Z`),
      ]);
  });
  await insertRows(
    db,
    'household',
    ['id', 'team_id', 'label', 'address', 'created_at', 'updated_at'],
    households,
  );
  await insertRows(
    db,
    'client_case',
    [
      'id',
      'team_id',
      'household_id',
      'title',
      'casusregisseur_id',
      'involved',
      'status',
      'created_at',
      'updated_at',
    ],
    cases,
  );
  await insertRows(
    db,
    'case_status_change',
    ['id', 'case_id', 'status', 'at', 'by_user_id'],
    changes,
  );
  await insertRows(
    db,
    'zrm_assessment',
    [
      'id',
      'case_id',
      'version',
      'assessed_at',
      'assessor_id',
      'domains',
      'zwaartefactoren',
      'created_at',
    ],
    assessments,
  );

  const meetings: Value[][] = [];
  const preparations: Value[][] = [];
  const items: Value[][] = [];
  const decisions: Value[][] = [];
  const actions: Value[][] = [];
  const updates: Value[][] = [];
  for (const m of history.meetings) {
    const meetingId = randomUUID();
    const itemIds = m.items.map(() => randomUUID());
    const state = createLiveRoomState(
      meetingId,
      m.items.map((item, order) => ({
        id: itemIds[order] as string,
        kind: 'casusbespreking' as const,
        order,
        timeBoxMinutes: item.timeBoxMinutes,
        status: item.status ?? 'besproken',
      })),
    );
    const live = {
      ...state,
      items: state.items.map((item, order) => ({
        ...item,
        timer: {
          ...item.timer,
          elapsedMs: Math.round((m.items[order]?.usedMinutes ?? 0) * 60_000),
        },
      })),
    };
    meetings.push([
      meetingId,
      history.teamId,
      null,
      'casuistiekoverleg',
      m.startsAt,
      Math.max(
        60,
        m.items.reduce((sum, item) => sum + item.timeBoxMinutes, 0),
      ),
      m.chairId,
      true,
      'afgesloten',
      JSON.stringify(live),
      0,
      m.startsAt,
      m.startsAt,
    ]);
    m.items.forEach((item, order) => {
      const itemId = itemIds[order] as string;
      const caseId = caseIds[item.caseIndex] as string;
      const preparationId = randomUUID();
      preparations.push([
        preparationId,
        caseId,
        'gereed',
        m.startsAt.toISOString().slice(0, 10),
        PREPARATION_CONTENT,
        m.chairId,
        m.startsAt,
        m.startsAt,
        m.startsAt,
      ]);
      items.push([
        itemId,
        meetingId,
        'casusbespreking',
        `Casus ${item.caseIndex + 1}`,
        m.chairId,
        item.timeBoxMinutes,
        order,
        item.status ?? 'besproken',
        preparationId,
      ]);
      for (const d of item.decisions ?? [])
        decisions.push([
          randomUUID(),
          meetingId,
          itemId,
          randomUUID(),
          d.type,
          'Besluit van het team.',
          'Afgewogen in het overleg.',
          m.chairId,
          m.chairId,
          d.at,
        ]);
      for (const a of item.actions ?? []) {
        const actionId = randomUUID();
        const updated = a.doneAt ?? m.startsAt;
        actions.push([
          actionId,
          meetingId,
          history.teamId,
          itemId,
          null,
          randomUUID(),
          'Actie uit het overleg.',
          m.chairId,
          a.due,
          a.status,
          m.chairId,
          m.startsAt,
          updated,
        ]);
        if (a.status === 'gereed' && a.doneAt)
          updates.push([
            randomUUID(),
            meetingId,
            actionId,
            randomUUID(),
            'gereed',
            0,
            m.chairId,
            a.doneAt,
          ]);
      }
    });
  }
  await insertRows(
    db,
    'meeting',
    [
      'id',
      'team_id',
      'series_id',
      'type',
      'starts_at',
      'duration_minutes',
      'chair_id',
      'published',
      'status',
      'live_state',
      'seq',
      'created_at',
      'updated_at',
    ],
    meetings,
  );
  await insertRows(
    db,
    'preparation',
    [
      'id',
      'case_id',
      'status',
      'meeting_date',
      'content',
      'author_id',
      'created_at',
      'updated_at',
      'ready_at',
    ],
    preparations,
  );
  await insertRows(
    db,
    'agenda_item',
    [
      'id',
      'meeting_id',
      'kind',
      'title',
      'presenter_id',
      'time_box_minutes',
      'position',
      'status',
      'preparation_id',
    ],
    items,
  );
  await insertRows(
    db,
    'meeting_decision',
    [
      'id',
      'meeting_id',
      'agenda_item_id',
      'command_id',
      'type',
      'text',
      'rationale',
      'decided_by_id',
      'recorded_by_id',
      'decided_at',
    ],
    decisions,
  );
  await insertRows(
    db,
    'meeting_action',
    [
      'id',
      'meeting_id',
      'team_id',
      'agenda_item_id',
      'decision_id',
      'command_id',
      'description',
      'owner_id',
      'due',
      'status',
      'created_by_id',
      'created_at',
      'updated_at',
    ],
    actions,
  );
  await insertRows(
    db,
    'meeting_action_update',
    ['id', 'meeting_id', 'action_id', 'command_id', 'status', 'seq', 'actor_id', 'at'],
    updates,
  );
  await writePlans(db, history, householdIds);
  return caseIds;
}

async function writePlans(
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
