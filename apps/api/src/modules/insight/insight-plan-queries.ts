import type { InsightConferenceRaw, InsightPlanRaw } from '@casustafel/domain';
import { FROM, type Run, TO, TZ, bucket, num } from './insight-sql';
import type { InsightPeriod } from './insight-queries';

/**
 * Family group conferences of the team's households: held (the plan accepted) per bucket, and
 * the four-week follow-ups due in the period up to today, done or not, by their due date.
 */
export async function gatherConferences(
  run: Run,
  period: InsightPeriod,
  format: string,
): Promise<InsightConferenceRaw> {
  const { teamId, from, to } = period;
  const held = await run(
    'conferences',
    `SELECT ${bucket('fc.accepted_at')} AS b, count(*)::int AS n FROM family_conference fc
     WHERE fc.team_id = $1 AND fc.accepted_at >= ${FROM} AND fc.accepted_at < ${TO}
     GROUP BY 1`,
    [teamId, from, to, format],
  );
  const followUps = await run(
    'conference-follow-ups',
    `SELECT to_char(fc.follow_up_on::timestamp, $4) AS b,
       count(*) FILTER (WHERE fc.follow_up_done_at IS NOT NULL)::int AS done,
       count(*) FILTER (WHERE fc.follow_up_done_at IS NULL)::int AS open
     FROM family_conference fc
     WHERE fc.team_id = $1 AND fc.follow_up_on >= $2::date AND fc.follow_up_on < $3::date
       AND fc.follow_up_on <= $5::date
     GROUP BY 1`,
    [teamId, from, to, format, period.today],
  );
  const perKey = (key: string) =>
    Object.fromEntries(followUps.map((r) => [String(r['b']), num(r[key])]));
  return {
    held: Object.fromEntries(held.map((r) => [String(r['b']), num(r['n'])])),
    followedUp: perKey('done'),
    notFollowedUp: perKey('open'),
  };
}

/**
 * The support plan's figures (one plan per household, a trajectory): items by arrangement type
 * and start, costs per trajectory per taakveld, evaluations against their date, and the days
 * from the household's aanmelding to the family's first agreement.
 */
export async function gatherPlan(
  run: Run,
  period: InsightPeriod,
  format: string,
): Promise<InsightPlanRaw> {
  const { teamId, from, to, today } = period;
  const start = `COALESCE(i.start_date, (i.created_at AT TIME ZONE ${TZ})::date)`;
  const items = await run(
    'plan-items',
    `SELECT i.type, to_char(${start}, $4) AS b, count(*)::int AS n
     FROM support_plan p JOIN support_plan_item i ON i.plan_id = p.id
     WHERE p.team_id = $1 AND ${start} >= $2::date AND ${start} < $3::date
     GROUP BY 1, 2`,
    [teamId, from, to, format],
  );
  const itemsByType: Record<string, Record<string, number>> = {};
  for (const r of items) (itemsByType[String(r['type'])] ??= {})[String(r['b'])] = num(r['n']);

  const costs = await run(
    'plan-costs',
    `SELECT i.cost_category AS category, sum(i.cost_cents)::float8 AS cents
     FROM support_plan p JOIN support_plan_item i ON i.plan_id = p.id
     WHERE p.team_id = $1 AND i.cost_cents IS NOT NULL AND i.cost_category IS NOT NULL
       AND ${start} >= $2::date AND ${start} < $3::date
     GROUP BY i.cost_category, p.id`,
    [teamId, from, to],
  );
  const costsPerTrajectory: Record<string, number[]> = {};
  for (const r of costs) (costsPerTrajectory[String(r['category'])] ??= []).push(num(r['cents']));

  // An evaluation is version n ("plan.geevalueerd"); the date it was due is in version n − 1.
  const [evaluations] = await run(
    'plan-evaluations',
    `WITH ev AS (
       SELECT (v.created_at AT TIME ZONE ${TZ})::date AS done, (prev.snapshot->>'evaluationDate')::date AS due
       FROM support_plan p
       JOIN support_plan_version v ON v.plan_id = p.id AND v.change = 'plan.geevalueerd'
       JOIN support_plan_version prev ON prev.plan_id = v.plan_id AND prev.number = v.number - 1
       WHERE p.team_id = $1 AND v.created_at >= ${FROM} AND v.created_at < ${TO}
     )
     SELECT
       (SELECT count(*) FROM ev WHERE due IS NULL OR done <= due)::int AS on_time,
       (SELECT count(*) FROM ev WHERE done > due)::int AS late,
       (SELECT count(*) FROM support_plan p
         WHERE p.team_id = $1 AND p.evaluation_date >= $2::date AND p.evaluation_date < $3::date
           AND p.evaluation_date < $4::date)::int AS overdue`,
    [teamId, from, to, today],
  );

  const agreed = await run(
    'plan-agreed',
    `WITH a AS (
       SELECT c.household_id, min(sc.at) AS aanmelding
       FROM client_case c JOIN case_status_change sc ON sc.case_id = c.id AND sc.status = 'aanmelding'
       WHERE c.team_id = $1 GROUP BY c.household_id
     ), g AS (
       SELECT p.household_id, min(ag.agreed_on) AS agreed
       FROM support_plan p JOIN support_plan_agreement ag ON ag.plan_id = p.id AND ag.agreed
       WHERE p.team_id = $1 GROUP BY p.household_id
     )
     SELECT (g.agreed - (a.aanmelding AT TIME ZONE ${TZ})::date) AS days
     FROM a JOIN g ON g.household_id = a.household_id
     WHERE g.agreed >= $2::date AND g.agreed < $3::date`,
    [teamId, from, to],
  );

  return {
    itemsByType,
    costsPerTrajectory,
    evaluations: {
      'op-tijd': num(evaluations?.['on_time']),
      'te-laat': num(evaluations?.['late']),
      verlopen: num(evaluations?.['overdue']),
    },
    daysToAgreedPlan: agreed.map((r) => num(r['days'])),
  };
}
