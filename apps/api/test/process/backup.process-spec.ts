import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { HouseholdDetail, Person } from '@casustafel/contracts';
import { householdInput, personInput, signIn } from '../factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from '../factories/identity.factory';
import { createTestDatabase, type TestDatabase } from '../support/engines';
import { must } from '../support/must';
import {
  type ApiProcess,
  exitOf,
  repoRoot as root,
  type Run,
  runToEnd,
  startApiProcess,
} from '../support/process-kit';
import { FakeClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * Backup and restore of the embedded database with the built CLI (issue 16 §10): a data
 * directory with records and audit events is backed up (refused while the api has it open),
 * restored into a fresh directory, its audit chain verified, and the built api started from
 * it serves the same records. Needs `node apps/api/build.mjs` first.
 */
const cli = path.join(root, 'dist/apps/api/cli.mjs');

/** Runs the built CLI (asynchronously: an api of this process may hold the data directory). */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return runToEnd(process.execPath, [cli, ...args], {
    PATH: process.env['PATH'] ?? '',
    DEMO_MODE: 'false',
    ...env,
  });
}

describe('backup and restore of the embedded database (built CLI)', () => {
  const encryptionKey = randomBytes(32).toString('base64');
  let dir: string;
  let source: TestApp | null = null;
  let api: ApiProcess | undefined;
  let credentials: { email: string; secret: string };
  let household: HouseholdDetail;
  let person: Person;
  let auditEvents: number;
  let tableRows: Record<string, number>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cst-backup-'));
    source = await startTestApp({
      DATA_DIR: path.join(dir, 'source'),
      DEMO_MODE: 'false',
      ENCRYPTION_KEY: encryptionKey,
    });
    const org = await createOrganisation(source.app);
    const team = await createTeam(source.app, org.id, { name: 'Wijkteam Noord' });
    const user = await createUser(source.app, {
      organisationId: org.id,
      displayName: 'Alice Aalbers',
      totp: true,
      teams: [[team.id, ['member', 'chair']]],
    });
    credentials = { email: user.user.email, secret: must(user.totpSecret) };
    const alice = await signIn(source, null, credentials.email, credentials.secret);
    household = (
      await alice.post<HouseholdDetail>(`/api/teams/${team.id}/households`, householdInput())
    ).body;
    person = (
      await alice.post<Person>(
        `/api/households/${household.id}/persons`,
        personInput({ givenName: 'Fenna', familyName: 'Backup', bsn: '123456782' }),
      )
    ).body;
    expect(person.bsnMasked).toBe('*****6782');
    const dataSource = dataSourceOf(source.app);
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS "n" FROM "audit_event"')) as [
      { n: number },
    ];
    auditEvents = n;
    const tables = (await dataSource.query(
      `SELECT "tablename" FROM "pg_tables" WHERE "schemaname" = 'public'`,
    )) as { tablename: string }[];
    tableRows = {};
    for (const { tablename } of tables) {
      const [row] = (await dataSource.query(`SELECT count(*)::int AS "n" FROM "${tablename}"`)) as {
        n: number;
      }[];
      tableRows[tablename] = must(row).n;
    }
  }, 120_000);

  afterAll(async () => {
    await source?.close();
    if (api?.alive()) api.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a backup while the api has the data directory open', async () => {
    const refused = await runCli(['backup', '--to', path.join(dir, 'early.tar.gz')], {
      DATA_DIR: path.join(dir, 'source'),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by process \d+ \(is the api running\?\)/);
    await source?.close();
    source = null;
  }, 60_000);

  it('backs up, refuses to overwrite, restores into a fresh directory only, and verifies', async () => {
    expect(auditEvents).toBeGreaterThan(3);
    const archive = path.join(dir, 'casustafel.tar.gz');
    const started = Date.now();
    const backup = await runCli(['backup', '--to', archive], {
      DATA_DIR: path.join(dir, 'source'),
    });
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(
      new RegExp(
        `and verified: \\d+ migration\\(s\\), \\d+ row\\(s\\), Audit log intact: ${auditEvents} events verified`,
      ),
    );
    const backupMs = Date.now() - started;

    const again = await runCli(['backup', '--to', archive], { DATA_DIR: path.join(dir, 'source') });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists; choose another file name');

    const restoredAt = Date.now();
    const restore = await runCli(['restore', '--from', archive], {
      DATA_DIR: path.join(dir, 'restored'),
    });
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    // Every row of every table came back.
    const sourceRows = Object.entries(tableRows)
      .filter(([table]) => table !== 'migrations')
      .reduce((sum, [, n]) => sum + n, 0);
    expect(restore.stdout).toContain(
      `${tableRows['migrations']} migration(s), ${sourceRows} row(s), Audit log intact: ${auditEvents} events verified`,
    );
    const restoreMs = Date.now() - restoredAt;
    process.stdout.write(`backup (with verification): ${backupMs} ms; restore: ${restoreMs} ms\n`);

    // Never over an existing database.
    const over = await runCli(['restore', '--from', archive], {
      DATA_DIR: path.join(dir, 'restored'),
    });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('is not empty: restore into a fresh data directory');

    // A damaged archive is refused, and leaves nothing behind.
    const damaged = path.join(dir, 'damaged.tar.gz');
    await writeFile(damaged, randomBytes(4096));
    const bad = await runCli(['restore', '--from', damaged], { DATA_DIR: path.join(dir, 'bad') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Not a readable Casustafel backup');

    const verify = await runCli(['audit-verify'], { DATA_DIR: path.join(dir, 'restored') });
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.stdout).toBe(`Audit log intact: ${auditEvents} events verified\n`);
  }, 300_000);

  it('the api starts from the restored directory and serves the same records', async () => {
    api = await startApiProcess(
      'restored',
      { DATA_DIR: path.join(dir, 'restored'), ENCRYPTION_KEY: encryptionKey },
      { nodeArgs: ['--enable-source-maps'] },
    );
    const { baseUrl } = api;

    // The same account signs in (password hash and sealed TOTP secret restored). The restored
    // account remembers the step of its last code (no replay): this sign-in uses the next step's
    // code, which the api accepts (±1 step) whenever the restore took less than 30 s.
    const alice = await signIn(
      { baseUrl } as TestApp,
      new FakeClock(Date.now()),
      credentials.email,
      credentials.secret,
    );
    const detail = await alice.get<HouseholdDetail>(`/api/households/${household.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.label).toBe(household.label);
    expect(detail.body.members.map((m) => [m.id, m.givenName, m.bsnMasked])).toEqual([
      [person.id, 'Fenna', '*****6782'],
    ]);

    // A CLI on the same directory is refused while this api runs.
    const refused = await runCli(['backup', '--to', path.join(dir, 'late.tar.gz')], {
      DATA_DIR: path.join(dir, 'restored'),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is the api running?');

    const exited = exitOf(api);
    api.child.kill('SIGTERM');
    await exited;
    // The chain, grown by this api's own events (sign-in, reads), still verifies.
    const after = await runCli(['audit-verify'], { DATA_DIR: path.join(dir, 'restored') });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^Audit log intact: \d+ events verified\n$/);
    expect(Number(/(\d+) events/.exec(after.stdout)?.[1])).toBeGreaterThan(auditEvents);
  }, 120_000);
});

/** Runs a PostgreSQL client tool (pg_dump, pg_restore). */
const runTool = (command: string, args: string[]) =>
  runToEnd(command, args, { PATH: process.env['PATH'] ?? '' });

async function queryOnce<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const pgUrl = process.env['TEST_DATABASE_URL'];

/** The documented PostgreSQL route (docs/operations.md), with the server's own client tools. */
(pgUrl ? describe : describe.skip)(
  'backup and restore on PostgreSQL (pg_dump / pg_restore)',
  () => {
    let dir: string;
    let source: TestDatabase;
    let target: TestDatabase;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'cst-pgdump-'));
      source = await createTestDatabase('postgres');
      target = await createTestDatabase('postgres');
    });

    afterAll(async () => {
      await source?.drop();
      await target?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('pg_dump of a live database, pg_restore into a fresh one: the audit chain and the records are intact', async () => {
      const app = await startTestApp({ ...source.env, DEMO_MODE: 'false' });
      let label: string;
      try {
        const org = await createOrganisation(app.app);
        const team = await createTeam(app.app, org.id);
        const user = await createUser(app.app, {
          organisationId: org.id,
          totp: true,
          teams: [[team.id, ['member']]],
        });
        const client = await signIn(app, null, user.user.email, must(user.totpSecret));
        const created = await client.post<HouseholdDetail>(
          `/api/teams/${team.id}/households`,
          householdInput('Huishouden Dump'),
        );
        expect(created.status).toBe(201);
        label = created.body.label;
        // pg_dump takes a consistent snapshot while the api runs.
        const dump = await runTool('pg_dump', [
          '--format=custom',
          '--no-owner',
          `--file=${path.join(dir, 'casustafel.dump')}`,
          must(source.env.DATABASE_URL),
        ]);
        expect({ code: dump.code, stderr: dump.stderr }).toEqual({ code: 0, stderr: '' });
      } finally {
        await app.close();
      }
      const head = (url: string) =>
        queryOnce<{ seq: string; hash: string }>(
          url,
          'SELECT "seq"::text AS "seq", "hash" FROM "audit_event" ORDER BY "seq" DESC LIMIT 1',
        );
      const sourceHead = await head(must(source.env.DATABASE_URL));

      const restored = await runTool('pg_restore', [
        '--no-owner',
        '--exit-on-error',
        `--dbname=${must(target.env.DATABASE_URL)}`,
        path.join(dir, 'casustafel.dump'),
      ]);
      expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' });

      const verify = await runCli(['audit-verify'], {
        DATABASE_URL: must(target.env.DATABASE_URL),
      });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toBe(`Audit log intact: ${must(sourceHead[0]).seq} events verified\n`);
      // The head noted at backup time is the restored head (the newest rows are all there).
      expect(await head(must(target.env.DATABASE_URL))).toEqual(sourceHead);
      const households = await queryOnce<{ label: string }>(
        must(target.env.DATABASE_URL),
        'SELECT "label" FROM "household"',
      );
      expect(households).toEqual([{ label }]);
      // The append-only triggers came back with the schema.
      await expect(
        queryOnce(must(target.env.DATABASE_URL), 'DELETE FROM "audit_event" WHERE "seq" = 1'),
      ).rejects.toThrow();
    }, 180_000);
  },
);
