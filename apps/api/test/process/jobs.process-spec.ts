import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { localDateAt } from '@casustafel/domain';
import { createTestDatabase, type TestDatabase } from '../support/engines';
import { type ApiProcess, sleep, startApiProcess } from '../support/process-kit';
import { meetingTomorrow, seedTeam, startSeedApp, workItem } from '../support/process-seed';
import { pollUntil } from '../support/test-app';
import { signIn } from '../factories/case-file.factory';
import { must } from '../support/must';

/**
 * Two built api processes on one PostgreSQL database share the job queue (issue 16 §5): due jobs
 * are run by both, each exactly once; then one instance is SIGKILLed while jobs are due and the
 * other runs all of them, including any the dead one had claimed (after its lease ran out).
 *
 * PostgreSQL only: two processes cannot share one embedded PGlite (a single-process database in
 * a folder), so without TEST_DATABASE_URL this file has nothing to run.
 */
const LEASE_SECONDS = 3;
const ACTIONS = 6;
const JOBS_PER_PHASE = 20;

interface JobRow {
  id: string;
  state: string;
  attempts: number;
  locked_by: string | null;
}

const pgUrl = process.env['TEST_DATABASE_URL'];

(pgUrl ? describe : describe.skip)('the job queue across two api processes (PostgreSQL)', () => {
  const encryptionKey = randomBytes(32).toString('base64');
  let db: TestDatabase;
  let sql: pg.Client;
  let a: ApiProcess;
  let b: ApiProcess;
  let ownerId: string;
  let actionIds: string[];

  const startInstance = (name: string) =>
    startApiProcess(
      name,
      {
        ...db.env,
        ENCRYPTION_KEY: encryptionKey,
        JOBS_POLL_MS: '200',
        JOBS_LEASE_SECONDS: String(LEASE_SECONDS),
      },
      { readyWithinMs: 120_000 }, // a loaded 2-core machine starts slowly
    );

  /** Queues `n` reminder scans (the real job: idempotent by dedup key), due in `inMs`. */
  async function queueScans(tag: string, n: number, inMs: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO "job" ("name", "payload", "state", "run_at", "attempts", "max_attempts",
           "backoff_ms", "created_at")
         VALUES ('reminders:scan', $1, 'queued', now() + $2 * interval '1 millisecond', 0, 5, 1000, now())
         RETURNING "id"`,
        [JSON.stringify({ tag, i }), inMs],
      );
      ids.push(must(rows.rows[0]).id);
    }
    return ids;
  }

  const jobsOf = async (ids: string[]) =>
    (
      await sql.query<JobRow>(
        'SELECT "id", "state", "attempts", "locked_by" FROM "job" WHERE "id" = ANY($1)',
        [ids],
      )
    ).rows;

  const pidOf = (row: JobRow) => Number(must(row.locked_by).split(':')[1]);

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const seed = await startSeedApp(db.env, encryptionKey, { JOBS_ENABLED: 'false' });
    const { teamId, users } = await seedTeam(seed, [
      { displayName: 'Alice Aalbers', roles: ['member', 'chair'] },
      { displayName: 'Anna Noordhoek', roles: ['member'] },
    ]);
    const chair = must(users[0]);
    ownerId = must(users[1]).id;
    const client = await signIn(seed, null, chair.email, chair.totpSecret);
    const meetingId = await meetingTomorrow(client, teamId, { chairId: chair.id });
    const itemId = await workItem(client, meetingId, {
      presenterUserId: chair.id,
      timeBoxMinutes: 15,
    });
    const today = localDateAt(new Date(), 'Europe/Amsterdam');
    actionIds = [];
    for (let i = 0; i < ACTIONS; i++) {
      const created = await client.post<{ record: { id: string } }>(
        `/api/meetings/${meetingId}/actions`,
        { commandId: randomUUID(), itemId, ownerUserId: ownerId, text: `Actie ${i}`, due: today },
      );
      expect(created.status).toBe(201);
      actionIds.push(created.body.record.id);
    }
    await seed.close();
    sql = new pg.Client({ connectionString: must(db.env.DATABASE_URL) });
    await sql.connect();
    [a, b] = await Promise.all([startInstance('A'), startInstance('B')]);
  }, 300_000);

  afterAll(async () => {
    for (const instance of [a, b])
      if (instance?.child.exitCode === null) instance.child.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
  });

  it('both instances work the queue; every job runs exactly once', async () => {
    const ids = await queueScans('shared', JOBS_PER_PHASE, 1000);
    const rows = await pollUntil(
      () => jobsOf(ids),
      (r) => r.every((j) => j.state === 'done'),
      20_000,
      100,
    );
    expect(rows.map((r) => r.attempts)).toEqual(Array(JOBS_PER_PHASE).fill(1));
    const pids = new Set(rows.map(pidOf));
    expect([...pids].every((pid) => pid === a.child.pid || pid === b.child.pid)).toBe(true);
    // The reminders of the six actions due today: one each, however many scans ran where.
    const notes = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "notification" WHERE "user_id" = $1 AND "kind" = 'action-due'`,
      [ownerId],
    );
    expect(must(notes.rows[0]).n).toBe(ACTIONS);
  });

  it('one instance is killed while jobs are due: the other runs them all', async () => {
    const ids = await queueScans('failover', JOBS_PER_PHASE, 1500);
    // Kill A just as the jobs fall due, so it may die holding claims.
    await sleep(1500);
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    const started = Date.now();
    const rows = await pollUntil(
      () => jobsOf(ids),
      (r) => r.every((j) => j.state === 'done'),
      (LEASE_SECONDS + 15) * 1000,
      100,
    );
    const tookMs = Date.now() - started;
    // What A finished before it died ran once there; everything else ran on B: once, or a
    // second time for a job A had claimed but not finished (after A's lease ran out).
    const onA = rows.filter((r) => pidOf(r) === a.child.pid);
    const onB = rows.filter((r) => pidOf(r) === b.child.pid);
    expect(onA.length + onB.length).toBe(JOBS_PER_PHASE);
    expect(onB.length).toBeGreaterThan(0);
    expect(onA.every((r) => r.attempts === 1)).toBe(true);
    expect(onB.every((r) => r.attempts === 1 || r.attempts === 2)).toBe(true);
    const retaken = onB.filter((r) => r.attempts === 2).length;
    expect(tookMs).toBeLessThan((LEASE_SECONDS + 10) * 1000);
    const notes = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "notification" WHERE "user_id" = $1 AND "kind" = 'action-due'`,
      [ownerId],
    );
    expect(must(notes.rows[0]).n).toBe(ACTIONS);
    // B still answers.
    expect((await fetch(`${b.baseUrl}/api/ready`)).ok).toBe(true);
    process.stdout.write(
      `jobs failover: ${JOBS_PER_PHASE} due, ${onA.length} finished by A before the kill, ${onB.length} run by B (${retaken} taken over after A's lease), all done ${tookMs} ms after the kill\n`,
    );
  });
  it('jobs an instance claimed and never finished are taken over once its lease runs out', async () => {
    // As a process killed mid-job leaves them: active, claimed by a worker that no longer exists.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO "job" ("name", "payload", "state", "run_at", "attempts", "max_attempts",
           "backoff_ms", "locked_by", "locked_until", "created_at")
         VALUES ('reminders:scan', $1, 'active', now(), 1, 5, 1000, 'gone:999999:dead',
           now() + $2 * interval '1 second', now())
         RETURNING "id"`,
        [JSON.stringify({ orphan: i }), LEASE_SECONDS],
      );
      ids.push(must(rows.rows[0]).id);
    }
    const started = Date.now();
    // Not before the lease is over…
    await sleep((LEASE_SECONDS - 1) * 1000);
    expect((await jobsOf(ids)).every((r) => r.state === 'active')).toBe(true);
    // …then once, by the instance still alive.
    const rows = await pollUntil(
      () => jobsOf(ids),
      (r) => r.every((j) => j.state === 'done'),
      (LEASE_SECONDS + 10) * 1000,
      100,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000 - 200);
    expect(rows.every((r) => pidOf(r) === b.child.pid && r.attempts === 2)).toBe(true);
  });
});
