import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import { writeAuditHistory } from '../src/modules/insight/audit-history';
import { signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The benchmark's audit trail (issue 15 §4: five years with 500,000 audit rows) is made of real
 * links of the hash chain: the database's chain trigger accepts them, `audit:verify` passes over
 * them, and the api's own audit rows follow on after them.
 */
describe.each(testEngines())('generated audit history on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false', JOBS_ENABLED: 'false' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('appends verifiable rows after the head, and the api goes on from them', async () => {
    const org = await createOrganisation(t.app);
    const team = await createTeam(t.app, org.id);
    const leader = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      teams: [[team.id, ['member', 'team_leader']]],
    });
    const dataSource = dataSourceOf(t.app);
    const count = async () =>
      Number(
        (
          (await dataSource.query('SELECT count(*)::int AS n FROM "audit_event"')) as {
            n: number;
          }[]
        )[0]?.n,
      );
    const before = await count();
    const head = await dataSource.transaction((m) =>
      writeAuditHistory(m, {
        organisationId: org.id,
        userIds: [leader.user.id],
        subjects: Array.from({ length: 20 }, () => [randomUUID(), randomUUID()] as const),
        start: new Date('2021-12-01T00:00:00Z'),
        end: new Date('2026-12-01T00:00:00Z'),
        rows: 12_345,
        seed: 3,
      }),
    );
    expect(await count()).toBe(before + 12_345);
    expect(head).toBe(before + 12_345);
    const rows = (await dataSource.query(
      `SELECT "action", "outcome", "occurred_at" AS "at" FROM "audit_event" WHERE "seq" > $1 ORDER BY "seq"`,
      [before],
    )) as { action: string; outcome: string; at: Date }[];
    // Spread over the five years, in order, with the occasional refusal.
    expect(new Date(must(rows[0]).at).getUTCFullYear()).toBe(2021);
    expect(new Date(must(rows.at(-1)).at).getUTCFullYear()).toBe(2026);
    expect(rows.every((r, i) => i === 0 || new Date(r.at) >= new Date(must(rows[i - 1]).at))).toBe(
      true,
    );
    expect(new Set(rows.map((r) => r.action)).size).toBeGreaterThanOrEqual(5);
    expect(rows.some((r) => r.outcome === 'denied')).toBe(true);

    // The api's next audit row is the next link.
    const client = await signIn(t, null, leader.user.email, must(leader.totpSecret));
    expect((await client.get(`/api/teams/${team.id}`)).status).toBe(200);
    expect(await count()).toBeGreaterThan(before + 12_345);
    const verification = await verifyAuditChain(dataSource);
    expect(verification).toMatchObject({ ok: true });
  }, 300_000);
});
