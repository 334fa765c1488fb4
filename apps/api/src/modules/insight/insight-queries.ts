import type { EntityManager } from 'typeorm';
import {
  type ActionOutcome,
  type CaseStatus,
  type DecisionType,
  type InsightGranularity,
  type InsightRaw,
  type LeadTimeSegment,
  type ZrmChange,
  ZRM_DOMAIN_KEYS_2013,
  ZRM_DOMAIN_KEYS_2017,
  periodBuckets,
} from '@casustafel/domain';
import { gatherConferences, gatherPlan } from './insight-plan-queries';
import { FROM, type Row, TO, TZ, bucket, num } from './insight-sql';

/**
 * The SQL behind the dashboard: one team, one period, grouped in the database (counts per
 * bucket, not rows per case), the same statements on PGlite and PostgreSQL. Every statement
 * starts from the team (`team_id` indexes) and the period's bounds, so a longer history does not
 * make a fixed period dearer. Period bounds are local midnights in Europe/Amsterdam.
 */

export interface InsightPeriod {
  teamId: string;
  from: string;
  to: string;
  granularity: InsightGranularity;
  /** Today's date (Europe/Amsterdam), for "open and overdue". */
  today: string;
}

/** One measured statement: its name and its time in milliseconds (for Server-Timing). */
export interface QueryTiming {
  name: string;
  ms: number;
}

/** Every ZRM domain key (2017 and 2013): the change is read per key. */
const ZRM_KEYS = [...new Set<string>([...ZRM_DOMAIN_KEYS_2017, ...ZRM_DOMAIN_KEYS_2013])];

const BUCKET_FORMAT: Record<InsightGranularity, string> = {
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
};

/** Runs every statement of the dashboard and gathers the raw figures. */
export async function gatherInsight(
  db: EntityManager,
  period: InsightPeriod,
  timings: QueryTiming[] = [],
): Promise<InsightRaw> {
  const { teamId, from, to } = period;
  const format = BUCKET_FORMAT[period.granularity];
  const run = async (name: string, sql: string, params: unknown[]): Promise<Row[]> => {
    const started = performance.now();
    const rows = (await db.query(sql, params)) as Row[];
    timings.push({ name, ms: performance.now() - started });
    return rows;
  };
  const perBucket = (rows: Row[]) =>
    Object.fromEntries(
      rows.filter((r) => r['b'] !== null).map((r) => [String(r['b']), num(r['n'])]),
    );

  // Status at the period's end of every case registered before it: the stored current status
  // when the period reaches today (no history to replay), else the last transition before the end.
  const statusRows =
    to > period.today
      ? await run(
          'status',
          `SELECT c.status, count(*)::int AS n FROM client_case c
           WHERE c.team_id = $1 GROUP BY c.status`,
          [teamId],
        )
      : await run(
          'status',
          `SELECT s.status, count(*)::int AS n FROM (
             SELECT DISTINCT ON (sc.case_id) sc.status
             FROM case_status_change sc JOIN client_case c ON c.id = sc.case_id
             WHERE c.team_id = $1 AND sc.at < ($2::date::timestamp AT TIME ZONE ${TZ})
             ORDER BY sc.case_id, sc.at DESC
           ) s GROUP BY s.status`,
          [teamId, to],
        );
  const statusAtEnd: Partial<Record<CaseStatus, number>> = {};
  for (const r of statusRows) statusAtEnd[r['status'] as CaseStatus] = num(r['n']);

  const transitions = await run(
    'flow',
    `SELECT sc.status, ${bucket('sc.at')} AS b, count(*)::int AS n
     FROM case_status_change sc JOIN client_case c ON c.id = sc.case_id
     WHERE c.team_id = $1 AND sc.status IN ('aanmelding', 'afgesloten')
       AND sc.at >= ${FROM} AND sc.at < ${TO}
     GROUP BY 1, 2`,
    [teamId, from, to, format],
  );

  const meetingsHeld = await run(
    'meetings',
    `SELECT ${bucket('m.starts_at')} AS b, count(*)::int AS n FROM meeting m
     WHERE m.team_id = $1 AND m.status = 'afgesloten' AND m.starts_at >= ${FROM} AND m.starts_at < ${TO}
     GROUP BY 1`,
    [teamId, from, to, format],
  );

  const discussed = await run(
    'discussed',
    `SELECT ${bucket('m.starts_at')} AS b, count(DISTINCT p.case_id)::int AS n
     FROM meeting m
     JOIN agenda_item ai ON ai.meeting_id = m.id
     JOIN preparation p ON p.id = ai.preparation_id
     WHERE m.team_id = $1 AND m.starts_at >= ${FROM} AND m.starts_at < ${TO}
       AND ai.kind = 'casusbespreking' AND ai.status = 'besproken'
     GROUP BY GROUPING SETS ((1), ())`,
    [teamId, from, to, format],
  );
  const discussedTotal = num(discussed.find((r) => r['b'] === null)?.['n']);

  const [timeBox] = await run(
    'time-box',
    `SELECT count(*)::int AS items,
       COALESCE(sum((it->'timer'->>'elapsedMs')::float8), 0) / 60000 AS used,
       COALESCE(sum(ai.time_box_minutes), 0)::float8 AS planned,
       count(*) FILTER (
         WHERE (it->'timer'->>'elapsedMs')::float8 > ai.time_box_minutes * 60000
       )::int AS over
     FROM meeting m
     CROSS JOIN LATERAL jsonb_array_elements(COALESCE(m.live_state->'items', '[]'::jsonb)) it
     JOIN agenda_item ai ON ai.id = (it->>'id')::uuid AND ai.meeting_id = m.id
     WHERE m.team_id = $1 AND m.status = 'afgesloten'
       AND m.starts_at >= ${FROM} AND m.starts_at < ${TO}
       AND ai.kind = 'casusbespreking' AND ai.status = 'besproken'`,
    [teamId, from, to],
  );

  const decisionRows = await run(
    'decisions',
    `SELECT d.type, ${bucket('d.decided_at')} AS b, count(*)::int AS n
     FROM meeting m JOIN meeting_decision d ON d.meeting_id = m.id
     WHERE m.team_id = $1 AND m.starts_at < ${TO}
       AND d.decided_at >= ${FROM} AND d.decided_at < ${TO}
     GROUP BY 1, 2`,
    [teamId, from, to, format],
  );
  const decisions: Partial<Record<DecisionType, Record<string, number>>> = {};
  for (const r of decisionRows) {
    const type = r['type'] as DecisionType;
    (decisions[type] ??= {})[String(r['b'])] = num(r['n']);
  }

  // Whole days from aanmelding to each milestone that falls in the period.
  const leadRows = await run(
    'lead-times',
    `WITH s AS (
       SELECT sc.case_id,
         min(sc.at) FILTER (WHERE sc.status = 'aanmelding') AS aanmelding,
         min(sc.at) FILTER (WHERE sc.status = 'plan') AS plan,
         max(sc.at) FILTER (WHERE sc.status = 'afgesloten') AS afgesloten
       FROM case_status_change sc JOIN client_case c ON c.id = sc.case_id
       WHERE c.team_id = $1 AND sc.at < ${TO}
       GROUP BY sc.case_id
     ), d AS (
       SELECT p.case_id, min(m.starts_at) AS first
       FROM meeting m
       JOIN agenda_item ai ON ai.meeting_id = m.id
       JOIN preparation p ON p.id = ai.preparation_id
       WHERE m.team_id = $1 AND m.starts_at < ${TO}
         AND ai.kind = 'casusbespreking' AND ai.status = 'besproken'
       GROUP BY p.case_id
     )
     SELECT
       CASE WHEN d.first >= ${FROM} THEN floor(extract(epoch FROM d.first - s.aanmelding) / 86400) END AS discussion,
       CASE WHEN s.plan >= ${FROM} THEN floor(extract(epoch FROM s.plan - s.aanmelding) / 86400) END AS plan,
       CASE WHEN s.afgesloten >= ${FROM} THEN floor(extract(epoch FROM s.afgesloten - s.aanmelding) / 86400) END AS closure
     FROM s LEFT JOIN d ON d.case_id = s.case_id
     WHERE s.aanmelding IS NOT NULL
       AND (d.first >= ${FROM} OR s.plan >= ${FROM} OR s.afgesloten >= ${FROM})`,
    [teamId, from, to],
  );
  const leadTimes: Record<LeadTimeSegment, number[]> = {
    'eerste-bespreking': [],
    plan: [],
    afsluiting: [],
  };
  for (const r of leadRows) {
    if (r['discussion'] !== null) leadTimes['eerste-bespreking'].push(num(r['discussion']));
    if (r['plan'] !== null) leadTimes.plan.push(num(r['plan']));
    if (r['closure'] !== null) leadTimes.afsluiting.push(num(r['closure']));
  }

  // First and latest assessment of each case whose latest assessment lies in the period; the
  // scores are read for those pairs only (no jsonb expanded for any other assessment).
  const zrmRows = await run(
    'zrm',
    `WITH ranked AS (
       -- One pass over narrow rows (no scores, no self-join): the first and latest assessment
       -- of each case; the scores are then read for those two rows only.
       SELECT za.case_id,
         row_number() OVER w AS r,
         count(*) OVER w AS n,
         first_value(za.id) OVER w AS first_id,
         last_value(za.id) OVER w AS last_id,
         last_value(za.assessed_at) OVER w AS last_at
       FROM zrm_assessment za JOIN client_case c ON c.id = za.case_id
       WHERE c.team_id = $1 AND za.assessed_at < $3::date
       WINDOW w AS (
         PARTITION BY za.case_id ORDER BY za.assessed_at, za.created_at
         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
       )
     ), pairs AS (
       SELECT first_id, last_id FROM ranked WHERE r = 1 AND n > 1 AND last_at >= $2::date
     ), deltas AS MATERIALIZED (
       -- One (domain, delta) row per pair and scored domain, materialised narrow: the latest
       -- assessment's domains are expanded once (jsonb_each, one detoast per row), and the
       -- grouping below sorts or hashes two small columns instead of both assessments' jsonb
       -- (which spilled to disk on PGlite at five years and made the statement grow ×28).
       SELECT e.key AS domain,
         (e.value->>'score')::int - (f.domains->e.key->>'score')::int AS delta
       FROM pairs
       JOIN zrm_assessment f ON f.id = pairs.first_id
       JOIN zrm_assessment l ON l.id = pairs.last_id
       CROSS JOIN LATERAL jsonb_each(l.domains) AS e(key, value)
       WHERE e.key = ANY($4::text[])
         AND jsonb_typeof(e.value->'score') = 'number'
         AND jsonb_typeof(f.domains->e.key->'score') = 'number'
     )
     SELECT domain,
       count(*) FILTER (WHERE delta > 0)::int AS improved,
       count(*) FILTER (WHERE delta = 0)::int AS same,
       count(*) FILTER (WHERE delta < 0)::int AS worse,
       COALESCE(sum(delta), 0)::int AS sum_delta
     FROM deltas GROUP BY domain ORDER BY domain`,
    [teamId, from, to, ZRM_KEYS],
  );
  const zrm: Record<string, ZrmChange> = {};
  for (const r of zrmRows)
    zrm[String(r['domain'])] = {
      improved: num(r['improved']),
      same: num(r['same']),
      worse: num(r['worse']),
      sumDelta: num(r['sum_delta']),
    };

  // Actions due in the period: done by their due date (Europe/Amsterdam), later, or still open.
  const [actionRow] = await run(
    'actions',
    `SELECT
       count(*) FILTER (WHERE a.status = 'gereed' AND (COALESCE(done.at, a.updated_at) AT TIME ZONE ${TZ})::date <= a.due)::int AS on_time,
       count(*) FILTER (WHERE a.status = 'gereed' AND (COALESCE(done.at, a.updated_at) AT TIME ZONE ${TZ})::date > a.due)::int AS late,
       count(*) FILTER (WHERE a.status = 'open' AND a.due < $4::date)::int AS overdue,
       count(*) FILTER (WHERE a.status = 'open' AND a.due >= $4::date)::int AS open,
       count(*) FILTER (WHERE a.status = 'vervallen')::int AS cancelled
     FROM meeting_action a
     LEFT JOIN (
       SELECT u.action_id, max(u.at) AS at FROM meeting_action_update u
       JOIN meeting_action d ON d.id = u.action_id
       WHERE d.team_id = $1 AND d.due >= $2::date AND d.due < $3::date AND u.status = 'gereed'
       GROUP BY u.action_id
     ) done ON done.action_id = a.id
     WHERE a.team_id = $1 AND a.due >= $2::date AND a.due < $3::date`,
    [teamId, from, to, period.today],
  );
  const actions: Record<ActionOutcome, number> = {
    'op-tijd': num(actionRow?.['on_time']),
    'te-laat': num(actionRow?.['late']),
    'open-verlopen': num(actionRow?.['overdue']),
    open: num(actionRow?.['open']),
    vervallen: num(actionRow?.['cancelled']),
  };

  return {
    buckets: periodBuckets(period.from, period.to, period.granularity),
    statusAtEnd,
    newCases: perBucket(transitions.filter((r) => r['status'] === 'aanmelding')),
    closedCases: perBucket(transitions.filter((r) => r['status'] === 'afgesloten')),
    meetingsHeld: perBucket(meetingsHeld),
    casesDiscussed: perBucket(discussed),
    casesDiscussedTotal: discussedTotal,
    timeBox: {
      items: num(timeBox?.['items']),
      usedMinutes: num(timeBox?.['used']),
      plannedMinutes: num(timeBox?.['planned']),
      overTime: num(timeBox?.['over']),
    },
    decisions,
    leadTimes,
    zrm,
    actions,
    plan: await gatherPlan(run, period, format),
    conferences: await gatherConferences(run, period, format),
  };
}
