import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { hashAuditEvent } from '../src/modules/audit/audit-hash';
import type { AuditRecordInput } from '../src/modules/audit/audit-record.schema';
import { describeVerification } from '../src/modules/audit/audit-verify';
import { AuditService } from '../src/modules/audit/audit.service';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';

const ROWS = 10_000;
const BATCH = 1_000;

const users = Array.from({ length: 7 }, () => randomUUID());
const clients = Array.from({ length: 23 }, () => randomUUID());
const organisations = [randomUUID(), randomUUID()];
const actions = ['case.read', 'case.update', 'team.read', 'auth.login', 'plan.export'];

function nthEvent(i: number): AuditRecordInput {
  return {
    action: actions[i % actions.length] ?? 'case.read',
    outcome: i % 17 === 0 ? 'denied' : 'allowed',
    actor: {
      userId: users[i % users.length] ?? null,
      role: 'team-member',
      organisationId: organisations[i % 2] ?? null,
      onBehalfOf: i % 11 === 0 ? (users[0] ?? null) : null,
    },
    object: { type: 'case', id: clients[i % clients.length] ?? null },
    clientId: clients[i % clients.length] ?? null,
    purpose: 'mdo',
    context: i % 3 === 0 ? { meetingId: users[1] ?? '', itemId: clients[2] ?? '' } : null,
    channel: i % 5 === 0 ? 'socket' : 'http',
    source: { ip: '192.0.2.10', requestId: `req-${String(i).padStart(8, '0')}` },
    legalBasis: null,
  };
}

/**
 * Tamper evidence on a 10,000-event log: a superuser (or anyone who can switch the triggers
 * off) alters, deletes, reorders or forges a row; `verify()` names the first broken seq.
 * After each case the original rows are put back and the chain verifies again.
 */
describe.each(testEngines())('audit log tampering on %s', (engine) => {
  let db: TestDatabase;
  let embedded: EmbeddedDatabase | null = null;
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    // Standalone service without the app's pino logger: keep Nest's console logger quiet.
    Logger.overrideLogger(false);
    db = await createTestDatabase(engine);
    const config = new AppConfig(parseEnv({ ...db.env }));
    embedded =
      config.database.engine === 'pglite'
        ? await EmbeddedDatabase.open(config.database.dataDir)
        : null;
    dataSource = await new DataSource(
      buildDataSourceOptions(config.database, embedded, ENTITIES),
    ).initialize();
    audit = new AuditService(dataSource);
    const started = Date.now();
    for (let i = 0; i < ROWS; i += BATCH) {
      await audit.recordMany(Array.from({ length: BATCH }, (_, j) => nthEvent(i + j)));
    }
    process.stderr.write(`${engine}: ${ROWS} events recorded in ${Date.now() - started} ms\n`);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await embedded?.close();
    await db?.drop();
  });

  /** Runs `sql` with the triggers off, keeping a copy of rows `seqs` for `restore()`. */
  async function tamper(seqs: number[], ...statements: [string, unknown[]?][]): Promise<void> {
    await dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE "audit_event" DISABLE TRIGGER ALL');
      await m.query(
        `CREATE TABLE "audit_backup" AS SELECT * FROM "audit_event" WHERE "seq" = ANY('{${seqs.map(Number).join(',')}}'::bigint[])`,
      );
      for (const [sql, params] of statements) await m.query(sql, params);
      await m.query('ALTER TABLE "audit_event" ENABLE TRIGGER ALL');
    });
  }

  async function restore(): Promise<void> {
    await dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE "audit_event" DISABLE TRIGGER ALL');
      await m.query('DELETE FROM "audit_event" WHERE "seq" IN (SELECT "seq" FROM "audit_backup")');
      await m.query('INSERT INTO "audit_event" SELECT * FROM "audit_backup"');
      await m.query('DROP TABLE "audit_backup"');
      await m.query('ALTER TABLE "audit_event" ENABLE TRIGGER ALL');
    });
    expect(await audit.verify()).toMatchObject({ ok: true, rows: ROWS });
  }

  it('verifies the intact log of 10,000 events', async () => {
    const started = Date.now();
    expect(await audit.verify()).toEqual({
      ok: true,
      rows: ROWS,
      firstBrokenSeq: null,
      reason: null,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(describeVerification(await audit.verify()).line).toBe(
      `Audit log intact: ${ROWS} events verified`,
    );
  });

  it.each([
    [
      'the client of seq 4321',
      4321,
      `UPDATE "audit_event" SET "client_id" = '${randomUUID()}' WHERE "seq" = 4321`,
    ],
    ['the outcome of seq 1', 1, `UPDATE "audit_event" SET "outcome" = 'allowed' WHERE "seq" = 1`],
    [
      'the time of seq 2500 by 1 ms',
      2500,
      `UPDATE "audit_event" SET "occurred_at" = "occurred_at" + interval '1 millisecond' WHERE "seq" = 2500`,
    ],
    [
      'the context of seq 9999',
      9999,
      `UPDATE "audit_event" SET "context" = '{"meetingId":"${randomUUID()}"}' WHERE "seq" = 9999`,
    ],
    [
      'the actor of the newest row',
      ROWS,
      `UPDATE "audit_event" SET "actor_user_id" = NULL WHERE "seq" = ${ROWS}`,
    ],
  ])('detects an altered field: %s', async (_label, seq, sql) => {
    await tamper([seq], [sql]);
    const result = await audit.verify();
    expect(result).toEqual({
      ok: false,
      rows: seq - 1,
      firstBrokenSeq: seq,
      reason: `the contents of seq ${seq} do not match its hash: a field was altered`,
    });
    expect(describeVerification(result)).toEqual({
      code: 1,
      line: `Audit log TAMPERED at seq ${seq}: ${result.reason}`,
    });
    await restore();
  });

  it.each([7777, 1, 2001])('detects a deleted row: seq %i', async (seq) => {
    await tamper([seq], [`DELETE FROM "audit_event" WHERE "seq" = ${seq}`]);
    expect(await audit.verify()).toEqual({
      ok: false,
      rows: seq - 1,
      firstBrokenSeq: seq,
      reason: `seq ${seq} is missing (the next row is seq ${seq + 1}): a row was deleted`,
    });
    await restore();
  });

  it('detects a row altered and re-hashed by someone who knows the algorithm, at the next link', async () => {
    const [row] = (await dataSource.query(
      `SELECT * FROM "audit_event" WHERE "seq" = 5000`,
    )) as Record<string, unknown>[];
    if (!row) throw new Error('no row 5000');
    const forgedClient = randomUUID();
    const hash = hashAuditEvent(row['prev_hash'] as string, {
      seq: 5000,
      id: row['id'] as string,
      occurredAt: row['occurred_at'] as Date,
      actorUserId: row['actor_user_id'] as string | null,
      actorRole: row['actor_role'] as string | null,
      onBehalfOf: row['on_behalf_of'] as string | null,
      organisationId: row['organisation_id'] as string | null,
      action: row['action'] as string,
      objectType: row['object_type'] as string | null,
      objectId: row['object_id'] as string | null,
      clientId: forgedClient,
      purpose: row['purpose'] as string | null,
      context: row['context'],
      outcome: row['outcome'] as string,
      channel: row['channel'] as string,
      sourceIp: row['source_ip'] as string | null,
      requestId: row['request_id'] as string | null,
      legalBasis: row['legal_basis'] as string | null,
    });
    await tamper(
      [5000],
      [
        `UPDATE "audit_event" SET "client_id" = $1, "hash" = $2 WHERE "seq" = 5000`,
        [forgedClient, hash],
      ],
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      rows: 5000,
      firstBrokenSeq: 5001,
      reason: expect.stringMatching(/prev_hash of seq 5001/),
    });
    await restore();
  });

  it('detects two rows swapped (reordered)', async () => {
    const columns = `"id", "occurred_at", "actor_user_id", "actor_role", "on_behalf_of", "organisation_id", "action", "object_type", "object_id", "client_id", "purpose", "context", "outcome", "channel", "source_ip", "request_id", "legal_basis", "prev_hash", "hash"`;
    await tamper(
      [3000, 3001],
      ['DELETE FROM "audit_event" WHERE "seq" IN (3000, 3001)'],
      [
        `INSERT INTO "audit_event" ("seq", ${columns}) SELECT CASE "seq" WHEN 3000 THEN 3001 ELSE 3000 END, ${columns} FROM "audit_backup"`,
      ],
    );
    expect(await audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3000 });
    await restore();
  });

  it('detects a row inserted in the middle (later rows shifted up by one)', async () => {
    // Insert a forged row at 8000 and shift 8000..10000 to 8001..10001: seq stays gap-free,
    // the forged row even links to 7999; the break shows at 8000 (or 8001 if re-hashed).
    await tamper(
      [],
      [`UPDATE "audit_event" SET "seq" = "seq" + 100000 WHERE "seq" >= 8000`],
      [`UPDATE "audit_event" SET "seq" = "seq" - 100000 + 1 WHERE "seq" > 100000`],
      [
        `INSERT INTO "audit_event" ("seq", "id", "occurred_at", "action", "outcome", "channel", "prev_hash", "hash")
         SELECT 8000, $1, now(), 'case.read', 'allowed', 'system', "hash", repeat('a', 64) FROM "audit_event" WHERE "seq" = 7999`,
        [randomUUID()],
      ],
    );
    expect(await audit.verify()).toMatchObject({ ok: false, rows: 7999, firstBrokenSeq: 8000 });
    await dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE "audit_event" DISABLE TRIGGER ALL');
      await m.query('DELETE FROM "audit_event" WHERE "seq" = 8000');
      await m.query(`UPDATE "audit_event" SET "seq" = "seq" + 100000 WHERE "seq" > 8000`);
      await m.query(`UPDATE "audit_event" SET "seq" = "seq" - 100000 - 1 WHERE "seq" > 100000`);
      await m.query('ALTER TABLE "audit_event" ENABLE TRIGGER ALL');
    });
    await restore();
  });
});
