import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditEventPageSchema, errorResponseSchema } from '@casustafel/contracts';
import { AccessGuard } from '../src/common/access/access.guard';
import { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import {
  type AuditRecordInput,
  InvalidAuditRecordError,
} from '../src/modules/audit/audit-record.schema';
import {
  AUDIT_SCOPE_ALL,
  AuditScopeResolver,
  organisationScope,
} from '../src/modules/audit/audit-scope';
import { AUDIT_OPTIMISTIC_ATTEMPTS, AuditService } from '../src/modules/audit/audit.service';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { startTestApp, type TestApp } from './support/test-app';

/** An event with fresh ids; override what the test looks at. */
function buildAuditInput(overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    action: 'case.read',
    outcome: 'allowed',
    actor: { userId: randomUUID(), role: 'team-member', organisationId: randomUUID() },
    object: { type: 'case', id: randomUUID() },
    clientId: randomUUID(),
    purpose: 'mdo',
    context: { meetingId: randomUUID(), itemId: randomUUID() },
    channel: 'http',
    source: { ip: '127.0.0.1', requestId: randomUUID() },
    legalBasis: 'jeugdwet.7.4.0',
    ...overrides,
  };
}

/**
 * Lets requests past the access guard, standing in for a signed-in reader: sessions belong to
 * another module, and this file tests what happens behind the guard (validation, scope).
 */
function passAccessGuard(): void {
  jest
    .spyOn(AccessGuard.prototype, 'canActivate')
    .mockImplementation((async () => true) as unknown as AccessGuard['canActivate']);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEngines())('audit log on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let audit: AuditService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp(db.env);
    audit = t.app.get(AuditService);
    dataSource = t.app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('append-only, enforced by the database', () => {
    beforeAll(async () => {
      await audit.record(buildAuditInput());
    });

    it.each([
      ['UPDATE', `UPDATE "audit_event" SET "outcome" = 'denied'`],
      ['UPDATE of no row', `UPDATE "audit_event" SET "outcome" = 'denied' WHERE false`],
      ['DELETE', `DELETE FROM "audit_event"`],
      ['DELETE of one row', `DELETE FROM "audit_event" WHERE "seq" = 1`],
      ['TRUNCATE', `TRUNCATE "audit_event"`],
    ])('refuses %s', async (_label, sql) => {
      const before = await audit.head();
      await expect(dataSource.query(sql)).rejects.toThrow(
        /audit_event is append-only: (UPDATE|DELETE|TRUNCATE) refused/,
      );
      expect(await audit.head()).toEqual(before);
    });

    it('refuses an INSERT that is not the next link of the chain', async () => {
      const head = await audit.head();
      if (!head) throw new Error('no head');
      const insert = (seq: number, prevHash: string) =>
        dataSource.query(
          `INSERT INTO "audit_event" ("seq", "id", "occurred_at", "action", "outcome", "channel", "prev_hash", "hash")
           VALUES ($1, $2, now(), 'case.read', 'allowed', 'system', $3, $4)`,
          [seq, randomUUID(), prevHash, 'f'.repeat(64)],
        );
      await expect(insert(head.seq + 2, head.hash)).rejects.toThrow(/does not follow/);
      await expect(insert(head.seq, head.hash)).rejects.toThrow(/does not follow/);
      await expect(insert(head.seq + 1, 'e'.repeat(64))).rejects.toThrow(/prev_hash/);
      expect(await audit.head()).toEqual(head);
    });
  });

  it('verifies a clean log', async () => {
    for (let i = 0; i < 5; i++) await audit.record(buildAuditInput());
    const head = await audit.head();
    expect(await audit.verify()).toEqual({
      ok: true,
      rows: head?.seq,
      firstBrokenSeq: null,
      reason: null,
    });
  });

  it('chains 50 concurrent record() calls without gaps', async () => {
    const before = (await audit.head())?.seq ?? 0;
    const userId = randomUUID();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        audit.record(buildAuditInput({ actor: { userId, role: 'chair' } })),
      ),
    );
    const after = await audit.head();
    expect(after?.seq).toBe(before + 50);
    const rows = (await dataSource.query(
      `SELECT "seq"::int AS "seq" FROM "audit_event" WHERE "actor_user_id" = $1 ORDER BY "seq"`,
      [userId],
    )) as { seq: number }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
    expect((await audit.verify()).ok).toBe(true);
  });

  /** Calls of `dataSource.query` that append to the chain (one per group). */
  const appendCalls = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.filter(([sql]) => String(sql).includes('INSERT INTO "audit_event"')).length;

  it('group-commits concurrent record() calls: in call order, far fewer statements than events', async () => {
    const query = jest.spyOn(dataSource, 'query');
    const transaction = jest.spyOn(dataSource.manager, 'transaction');
    const objects = Array.from({ length: 40 }, () => randomUUID());
    await Promise.all(
      objects.map((id) => audit.record(buildAuditInput({ object: { type: 'case', id } }))),
    );
    // The first event goes alone; the 39 recorded while it was written go together, each group
    // as one statement (no transaction of its own).
    expect(appendCalls(query)).toBeGreaterThanOrEqual(1);
    expect(appendCalls(query)).toBeLessThanOrEqual(3);
    expect(transaction).not.toHaveBeenCalled();
    const rows = (await dataSource.query(
      `SELECT "object_id" AS "id" FROM "audit_event" WHERE "object_id" = ANY($1::text[]) ORDER BY "seq"`,
      [objects],
    )) as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual(objects);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('fails the callers of a group whose write fails, and writes the next group', async () => {
    const original = dataSource.query.bind(dataSource);
    let appends = 0;
    jest.spyOn(dataSource, 'query').mockImplementation(((sql: string, ...rest: unknown[]) => {
      if (sql.includes('INSERT INTO "audit_event"') && ++appends === 1)
        return Promise.reject(new Error('database away'));
      return (original as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof dataSource.query);
    const before = (await audit.head())?.seq ?? 0;
    const first = audit.record(buildAuditInput());
    const second = audit.record(buildAuditInput());
    await expect(first).rejects.toThrow('database away');
    await expect(second).resolves.toBeUndefined();
    expect((await audit.head())?.seq).toBe(before + 1);
  });

  it('notices that another writer appended since its last group, and relinks the group', async () => {
    // A second service on the same database stands for another api process: each one's idea
    // of the head goes stale whenever the other appends.
    const other = new AuditService(dataSource);
    const query = jest.spyOn(dataSource, 'query');
    const before = (await audit.head())?.seq ?? 0;
    for (let i = 0; i < 6; i += 1) await (i % 2 ? other : audit).record(buildAuditInput());
    // Also after an append in a caller's transaction.
    await dataSource.transaction((manager) => other.record(buildAuditInput(), manager));
    await audit.record(buildAuditInput());
    expect((await audit.head())?.seq).toBe(before + 8);
    // Every append after the first two met a stale head once and was relinked.
    expect(appendCalls(query)).toBeGreaterThan(8);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('never fails a group because other writers keep appending: it falls back to the chain lock', async () => {
    // Issue 11: under a join burst on two api processes, the other process appended between
    // this one's head read and its insert on every attempt, and the group failed with a
    // chain race (INTERNAL_ERROR for every join in it). Here the other writer (a second
    // service, as another process) appends right after each unlocked head read, for real.
    const other = new AuditService(dataSource);
    await audit.record(buildAuditInput()); // this service knows the head…
    await other.record(buildAuditInput()); // …which is stale now
    const headIn = (audit as unknown as { headIn: (m: unknown) => Promise<unknown> }).headIn.bind(
      audit,
    );
    let interleaved = 0;
    jest
      .spyOn(audit as unknown as { headIn: (m: unknown) => Promise<unknown> }, 'headIn')
      .mockImplementation(async (manager: unknown) => {
        const head = await headIn(manager);
        // Only the optimistic read outside a transaction; under the lock nobody can overtake.
        if (manager === dataSource.manager) {
          interleaved += 1;
          await other.record(buildAuditInput());
        }
        return head;
      });
    // Read through the other service: this one's head reads are the ones interleaved.
    const before = (await other.head())?.seq ?? 0;
    await expect(audit.record(buildAuditInput())).resolves.toBeUndefined();
    // The first attempt used the stale head; every later one met a fresh append.
    expect(interleaved).toBe(AUDIT_OPTIMISTIC_ATTEMPTS - 1);
    expect((await other.head())?.seq).toBe(before + interleaved + 1);
    expect((await other.verify()).ok).toBe(true);
  });

  it('relinks a bounded number of times, then writes the group under the chain lock', async () => {
    const original = dataSource.query.bind(dataSource);
    // Every optimistic append looks like a lost race (as when other writers keep appending).
    jest.spyOn(dataSource, 'query').mockImplementation(((sql: string, ...rest: unknown[]) => {
      if (sql.includes('INSERT INTO "audit_event"'))
        return Promise.reject(
          Object.assign(new Error('race'), {
            driverError: { code: '23505', constraint: 'PK_audit_event' },
          }),
        );
      return (original as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof dataSource.query);
    const query = dataSource.query as unknown as { mock: { calls: unknown[][] } };
    const transaction = jest.spyOn(dataSource.manager, 'transaction');
    const before = (await audit.head())?.seq ?? 0;
    await expect(audit.record(buildAuditInput())).resolves.toBeUndefined();
    expect(appendCalls(query)).toBe(AUDIT_OPTIMISTIC_ATTEMPTS);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect((await audit.head())?.seq).toBe(before + 1);
    jest.restoreAllMocks();
    // The head it wrote under the lock is its head: the next group links on without a race.
    await audit.record(buildAuditInput());
    expect((await audit.head())?.seq).toBe(before + 2);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('still fails the group for an error that is not a lost race', async () => {
    const original = dataSource.query.bind(dataSource);
    jest.spyOn(dataSource, 'query').mockImplementation(((sql: string, ...rest: unknown[]) => {
      if (sql.includes('INSERT INTO "audit_event"'))
        return Promise.reject(Object.assign(new Error('disk full'), { code: '53100' }));
      return (original as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof dataSource.query);
    const query = dataSource.query as unknown as { mock: { calls: unknown[][] } };
    await expect(audit.record(buildAuditInput())).rejects.toThrow('disk full');
    expect(appendCalls(query)).toBe(1);
  });

  if (engine === 'postgres') {
    it('chains appends from two api processes sharing the database', async () => {
      // A second, independent connection pool stands for a second api process.
      const config = new AppConfig(parseEnv({ ...db.env }));
      const other = await new DataSource({
        ...buildDataSourceOptions(config.database, null, ENTITIES),
        migrationsRun: false,
      }).initialize();
      try {
        const second = new AuditService(other);
        const before = (await audit.head())?.seq ?? 0;
        await Promise.all(
          Array.from({ length: 60 }, (_, i) => (i % 2 ? audit : second).record(buildAuditInput())),
        );
        expect((await audit.head())?.seq).toBe(before + 60);
        expect(await second.verify()).toMatchObject({ ok: true, firstBrokenSeq: null });
      } finally {
        await other.destroy();
      }
    });
  }

  it('records inside a caller transaction, and rolls back with it', async () => {
    const before = await audit.head();
    const clientId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.record(buildAuditInput({ clientId }), manager);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await audit.head()).toEqual(before);
    await dataSource.transaction((manager) => audit.record(buildAuditInput({ clientId }), manager));
    expect((await audit.exportForClient(clientId)).length).toBe(1);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('refuses names and free text in id fields and stores nothing', async () => {
    const before = await audit.head();
    await expect(audit.record(buildAuditInput({ clientId: 'Jan Jansen' }))).rejects.toBeInstanceOf(
      InvalidAuditRecordError,
    );
    await expect(
      audit.record(buildAuditInput({ actor: { userId: 'jan@example.nl', role: 'team-member' } })),
    ).rejects.toThrow(/actor\.userId/);
    await expect(
      audit.record(buildAuditInput({ context: { note: 'belt morgen terug' } })),
    ).rejects.toThrow(/context\.note/);
    expect(await audit.head()).toEqual(before);
  });

  describe('query', () => {
    const organisation = randomUUID();
    const otherOrganisation = randomUUID();
    const userA = randomUUID();
    const userB = randomUUID();
    const client = randomUUID();
    /** `occurredAt` of each planned event, in order. */
    const times: string[] = [];

    beforeAll(async () => {
      // userA: 7 events (4 case.read on client, 1 denied case.update, 2 auth.*), userB: 2 in another organisation.
      const actorA = { userId: userA, role: 'team-member', organisationId: organisation };
      const plan: AuditRecordInput[] = [
        buildAuditInput({ actor: actorA, action: 'auth.login', clientId: null, object: null }),
        buildAuditInput({ actor: actorA, clientId: client }),
        buildAuditInput({ actor: actorA, clientId: client }),
        buildAuditInput({
          actor: actorA,
          clientId: client,
          action: 'case.update',
          outcome: 'denied',
        }),
        buildAuditInput({ actor: actorA, clientId: client }),
        buildAuditInput({ actor: actorA, clientId: client }),
        buildAuditInput({ actor: actorA, action: 'auth.logout', clientId: null, object: null }),
        buildAuditInput({
          actor: { userId: userB, role: 'chair', organisationId: otherOrganisation },
          clientId: client,
        }),
        buildAuditInput({
          actor: { userId: userB, role: 'chair', organisationId: otherOrganisation },
          clientId: client,
        }),
        buildAuditInput({
          actor: { userId: null, role: null },
          action: 'auth.login',
          outcome: 'failed',
          clientId: null,
          object: null,
        }),
      ];
      for (const input of plan) {
        await audit.record(input);
        const newest = (await audit.query({}, { limit: 1 }, AUDIT_SCOPE_ALL)).events[0];
        if (!newest) throw new Error('nothing recorded');
        times.push(newest.occurredAt);
        await sleep(3);
      }
    });

    it('filters by user, newest first, and pages by cursor without overlap', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const page = await audit.query({ userId: userA }, { cursor, limit: 3 }, AUDIT_SCOPE_ALL);
        sizes.push(page.events.length);
        seen.push(...page.events.map((e) => e.seq));
        expect(page.events.every((e) => e.actor.userId === userA)).toBe(true);
        cursor = page.nextCursor;
      } while (cursor);
      expect(sizes).toEqual([3, 3, 1]);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(7);
    });

    it('filters by client, action (exact and prefix), outcome and period', async () => {
      const q = (filters: Parameters<AuditService['query']>[0]) =>
        audit.query(filters, { limit: 200 }, AUDIT_SCOPE_ALL).then((p) => p.events);
      expect(await q({ clientId: client })).toHaveLength(7);
      expect(await q({ clientId: client, action: 'case.read' })).toHaveLength(6);
      expect((await q({ userId: userA, action: 'auth.' })).map((e) => e.action)).toEqual([
        'auth.logout',
        'auth.login',
      ]);
      expect(await q({ userId: userA, outcome: 'denied' })).toEqual([
        expect.objectContaining({ action: 'case.update', outcome: 'denied', clientId: client }),
      ]);
      const from = new Date(times[2] ?? '');
      const to = new Date(times[5] ?? '');
      const period = await q({ userId: userA, from, to });
      expect(period).toHaveLength(3);
      expect(
        period.every((e) => new Date(e.occurredAt) >= from && new Date(e.occurredAt) < to),
      ).toBe(true);
      expect(
        await q({ action: 'auth.', outcome: 'failed', from: new Date(times[9] ?? '') }),
      ).toEqual([
        expect.objectContaining({
          actor: { userId: null, role: null, onBehalfOf: null, organisationId: null },
        }),
      ]);
    });

    it('caps a page at 200 events', async () => {
      await audit.recordMany(Array.from({ length: 201 }, () => buildAuditInput()));
      const page = await audit.query({}, { limit: 10_000 }, AUDIT_SCOPE_ALL);
      expect(page.events).toHaveLength(200);
      expect(page.nextCursor).not.toBeNull();
    });

    it("scopes to one organisation: its reader never sees another organisation's events", async () => {
      const own = await audit.query(
        { clientId: client },
        { limit: 200 },
        organisationScope(organisation),
      );
      expect(own.events).toHaveLength(5);
      expect(own.events.every((e) => e.actor.organisationId === organisation)).toBe(true);
      const other = await audit.query(
        { userId: userA },
        { limit: 200 },
        organisationScope(otherOrganisation),
      );
      expect(other.events).toEqual([]);
      const anonymous = await audit.query(
        { action: 'auth.', outcome: 'failed' },
        { limit: 200 },
        organisationScope(organisation),
      );
      expect(anonymous.events).toEqual([]);
    });

    it('exports every event concerning one client, oldest first (AVG art. 15)', async () => {
      const rows = await audit.exportForClient(client);
      expect(rows).toHaveLength(7);
      expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
      expect(rows.every((r) => r.clientId === client)).toBe(true);
      expect(rows[0]).toEqual(
        expect.objectContaining({
          actor: {
            userId: userA,
            role: 'team-member',
            onBehalfOf: null,
            organisationId: organisation,
          },
          action: 'case.read',
          object: { type: 'case', id: expect.any(String) },
          purpose: 'mdo',
          occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          legalBasis: 'jeugdwet.7.4.0',
        }),
      );
      expect(
        await audit.exportForClient(client, organisationScope(otherOrganisation)),
      ).toHaveLength(2);
      expect(await audit.exportForClient(randomUUID())).toEqual([]);
    });
  });

  describe('GET /api/audit-events', () => {
    const get = (query: string) => fetch(`${t.baseUrl}/api/audit-events${query}`);

    it('refuses a caller without a session (401), before looking at the query', async () => {
      for (const query of ['', '?limit=10', '?userId=Jan%20Jansen']) {
        const res = await get(query);
        expect(res.status).toBe(401);
        expect(errorResponseSchema.parse(await res.json()).code).toBe('UNAUTHENTICATED');
      }
    });

    describe('behind the guard (the session layer is stubbed)', () => {
      it.each([
        ['a bad date', '?from=yesterday', 'from'],
        ['a date without offset', '?to=2026-11-22T10:00:00', 'to'],
        ['from after to', '?from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z', 'to'],
        ['a limit of 10,000', '?limit=10000', 'limit'],
        ['a limit of 0', '?limit=0', 'limit'],
        ['a non-uuid userId', '?userId=jan.jansen', 'userId'],
        ['a name as clientId', '?clientId=Jan%20Jansen', 'clientId'],
        ['an unknown outcome', '?outcome=success', 'outcome'],
        ['a malformed action', '?action=auth', 'action'],
        ['a malformed cursor', '?cursor=-1', 'cursor'],
        ['an unknown parameter', '?name=Jansen', ''],
        ['a repeated parameter', `?userId=${randomUUID()}&userId=${randomUUID()}`, 'userId'],
      ])('answers 400 VALIDATION_FAILED to %s', async (_label, query, path) => {
        passAccessGuard();
        const res = await get(query);
        expect(res.status).toBe(400);
        const body = errorResponseSchema.parse(await res.json());
        expect(body.code).toBe('VALIDATION_FAILED');
        expect(body.details?.map((d) => d.path)).toContain(path);
        expect(JSON.stringify(body)).not.toMatch(/Jansen|yesterday/);
      });

      it('fails closed (403) while no session provides an audit scope', async () => {
        passAccessGuard();
        const res = await get('');
        expect(res.status).toBe(403);
        expect(errorResponseSchema.parse(await res.json()).code).toBe('FORBIDDEN');
      });

      it("answers a page of the caller's organisation", async () => {
        const organisation = randomUUID();
        const userId = randomUUID();
        for (let i = 0; i < 3; i++) {
          await audit.record(
            buildAuditInput({
              actor: { userId, role: 'team-member', organisationId: organisation },
            }),
          );
        }
        await audit.record(
          buildAuditInput({ actor: { userId, role: 'team-member', organisationId: randomUUID() } }),
        );
        passAccessGuard();
        jest
          .spyOn(AuditScopeResolver.prototype, 'resolve')
          .mockReturnValue(organisationScope(organisation));
        const first = await get(`?userId=${userId.toUpperCase()}&action=case.&limit=2`);
        expect(first.status).toBe(200);
        expect(first.headers.get('cache-control')).toBe('no-store');
        const page = auditEventPageSchema.parse(await first.json());
        expect(page.events).toHaveLength(2);
        expect(page.nextCursor).not.toBeNull();
        const second = auditEventPageSchema.parse(
          await (await get(`?userId=${userId}&cursor=${page.nextCursor}&limit=2`)).json(),
        );
        expect(second).toEqual({
          events: [expect.objectContaining({ actor: expect.objectContaining({ userId }) })],
          nextCursor: null,
        });
      });
    });
  });
});
