import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { InsightDashboard } from '@casustafel/contracts';
import { writeAuditHistory } from '../../src/modules/insight/audit-history';
import { generateTeamHistory } from '../../src/modules/insight/insight-generator';
import { writeTeamHistory } from '../../src/modules/insight/insight-history';
import { signIn } from '../factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from '../factories/identity.factory';
import { createTestDatabase, testEngines } from '../support/engines';
import { must } from '../support/must';
import { startTestApp } from '../support/test-app';

/**
 * The dashboard's benchmark (run by tools/bench/insight.mjs, not by `npm test`): one team, one
 * year of generated work (1,000 cases, 50 meetings, 4,000 decisions, 2,000 plan items, 100,000
 * audit rows), then four years more (5,000 cases, 250 meetings, 20,000 decisions, 10,000 plan
 * items, 500,000 audit rows in all). Each stage requests the dashboard
 * BENCH_RUNS times for the whole history and for the last year, and records p50/p95 of the
 * request and each statement's time from Server-Timing.
 */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const results: Record<string, unknown>[] = [];
const YEAR = 365 * 86_400_000;
const AUDIT_ROWS_PER_YEAR = Number(process.env['BENCH_AUDIT_ROWS_PER_YEAR'] ?? 100_000);

describe.each(testEngines())('insight benchmark (%s)', (engine) => {
  afterAll(() => {
    writeFileSync(
      process.env['BENCH_OUT'] ?? '/tmp/insight-bench.json',
      JSON.stringify(results, null, 2),
    );
  });

  it('answers within a second at five years', async () => {
    const db = await createTestDatabase(engine);
    const t = await startTestApp({
      ...db.env,
      DEMO_MODE: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    try {
      const org = await createOrganisation(t.app);
      const team = await createTeam(t.app, org.id);
      const leader = await createUser(t.app, {
        organisationId: org.id,
        totp: true,
        teams: [[team.id, ['member', 'team_leader']]],
      });
      const members: string[] = [];
      for (let i = 0; i < 4; i += 1)
        members.push(
          (await createUser(t.app, { organisationId: org.id, teams: [[team.id, ['member']]] })).user
            .id,
        );
      const client = await signIn(t, null, leader.user.email, must(leader.totpSecret));
      const end = new Date('2026-12-01T00:00:00Z');
      const stage = async (years: number, from: Date, to: Date, seed: number) => {
        const history = generateTeamHistory({
          teamId: team.id,
          userIds: members,
          start: from,
          end: to,
          cases: 1000 * years,
          meetings: 50 * years,
          decisions: 4000 * years,
          planItems: 2000 * years,
          seed,
        });
        const started = performance.now();
        await dataSourceOf(t.app).transaction(async (m) => {
          await writeTeamHistory(m, history);
          const subjects = (
            (await m.query(
              'SELECT "household_id" AS "householdId", "id" FROM "client_case" WHERE "team_id" = $1',
              [team.id],
            )) as { householdId: string; id: string }[]
          ).map((c) => [c.householdId, c.id] as const);
          await writeAuditHistory(m, {
            organisationId: org.id,
            userIds: members,
            subjects,
            start: from,
            end: to,
            rows: AUDIT_ROWS_PER_YEAR * years,
            seed,
          });
        });
        // What the nightly database:analyze job (and PostgreSQL's autovacuum) does after a load.
        await dataSourceOf(t.app).query('ANALYZE');
        const loadMs = performance.now() - started;
        const counts = (await dataSourceOf(t.app).query(
          `SELECT (SELECT count(*) FROM client_case)::int AS cases, (SELECT count(*) FROM meeting)::int AS meetings,
                  (SELECT count(*) FROM meeting_decision)::int AS decisions, (SELECT count(*) FROM meeting_action)::int AS actions,
                  (SELECT count(*) FROM support_plan_item)::int AS "planItems",
                  (SELECT count(*) FROM support_plan_version)::int AS "planVersions",
                  (SELECT count(*) FROM zrm_assessment)::int AS "zrmAssessments",
                  (SELECT count(*) FROM agenda_item)::int AS "agendaItems",
                  (SELECT count(*) FROM family_conference)::int AS "conferences",
                  (SELECT count(*) FROM case_status_change)::int AS "statusChanges",
                  (SELECT count(*) FROM audit_event)::int AS "auditRows"`,
        )) as Record<string, number>[];
        return { loadMs, counts: counts[0] };
      };
      const measure = async (label: string, from: string, to: string, data: unknown) => {
        const times: number[] = [];
        const perQuery: Record<string, number[]> = {};
        for (let i = 0; i < RUNS; i += 1) {
          const started = performance.now();
          const res = await client.get<InsightDashboard>(
            `/api/teams/${team.id}/insight?from=${from}&to=${to}`,
          );
          times.push(performance.now() - started);
          expect(res.status).toBe(200);
          for (const part of (res.headers.get('server-timing') ?? '').split(', ')) {
            const [name, dur] = part.split(';dur=');
            if (name && dur) (perQuery[name] ??= []).push(Number(dur));
          }
        }
        const q = (values: number[], p: number) => {
          const sorted = [...values].sort((a, b) => a - b);
          return (
            Math.round(
              (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) * 10,
            ) / 10
          );
        };
        results.push({
          engine,
          label,
          data,
          p50: q(times, 0.5),
          p95: q(times, 0.95),
          queries: Object.fromEntries(Object.entries(perQuery).map(([k, v]) => [k, q(v, 0.5)])),
        });
        return q(times, 0.95);
      };
      const oneYearStart = new Date(end.getTime() - YEAR);
      const first = await stage(1, oneYearStart, end, 1);
      await measure('1 jaar data, heel jaar', '2025-12-01', '2026-12-01', first);
      const more = await stage(4, new Date(end.getTime() - 5 * YEAR), oneYearStart, 2);
      const p95All = await measure('5 jaar data, vijf jaar', '2021-12-01', '2026-12-01', more);
      const p95Year = await measure('5 jaar data, laatste jaar', '2025-12-01', '2026-12-01', more);
      expect(p95All).toBeLessThan(1000);
      expect(p95Year).toBeLessThan(1000);
    } finally {
      await t.close();
      await db.drop();
    }
  }, 1_200_000);
});
