import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AUDIT_PAGE_LIMIT_DEFAULT,
  AUDIT_PAGE_LIMIT_MAX,
  type AuditEventPage,
  type AuditEventView,
  type AuditOutcome,
  auditIdSchema,
} from '@casustafel/contracts';
import { databaseError, isUniqueViolation } from '../../database';
import { AuditEventEntity } from './audit-event.entity';
import { AUDIT_GENESIS_HASH, hashAuditEvent } from './audit-hash';
import { type AuditRowValues, toView, type UnchainedRow, unchained } from './audit-rows';
import { type AuditRecordInput, parseAuditRecordInput } from './audit-record.schema';
import type { AuditScope } from './audit-scope';
import { type AuditVerification, verifyAuditChain } from './audit-verify';

/**
 * Key of the transaction-scoped advisory lock that serialises appends to the chain, across
 * every api process sharing the database ("NEN 7513" + 0001).
 */
export const AUDIT_CHAIN_LOCK_KEY = '75130001';

/**
 * Optimistic appends of a group (linked to the head as last seen, without a transaction) before
 * it is written under the chain lock, where no other writer can overtake it.
 */
export const AUDIT_OPTIMISTIC_ATTEMPTS = 2;

/**
 * True for the refusals of an append that lost a race to another writer: the link trigger's
 * "does not follow" (the other append was committed) or the primary key (it was in flight).
 */
function isChainRace(error: unknown): boolean {
  if (isUniqueViolation(error, 'PK_audit_event')) return true;
  // integrity_constraint_violation, raised by the link trigger (see its migration).
  const driver = databaseError(error);
  return driver?.code === '23000' && /^audit_event: (seq|prev_hash)/.test(driver.message ?? '');
}

/** Rows per INSERT statement when appending many (19 parameters a row, well below 65,535). */
const INSERT_CHUNK = 1000;
const EXPORT_BATCH = 1000;

export interface AuditQueryFilters {
  /** The acting user. */
  userId?: string;
  /** The household or person concerned. */
  clientId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** An exact action (`auth.login`) or a prefix ending in a dot (`auth.`). */
  action?: string;
  outcome?: AuditOutcome;
}

export interface AuditPageRequest {
  /** `nextCursor` of the previous page; absent for the newest events. */
  cursor?: string | null;
  /** 1 to 200; 50 when absent. */
  limit?: number;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The NEN 7513 audit log: records events as links of a hash chain, answers the viewer's
 * queries, verifies the chain and gathers a client's events for an AVG art. 15 request.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);
  /** Events recorded without a transaction of the caller's, waiting for the next group. */
  private readonly waiting: {
    values: UnchainedRow;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private writing: Promise<void> | null = null;
  /** The last link this service wrote (the chain's head unless another writer appended since). */
  private lastWritten: AuditHead | null = null;
  private columns: { property: string; name: string; type: string }[] | null = null;
  private readonly insertSql = new Map<number, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event and resolves once it is committed (durable). Throws
   * `InvalidAuditRecordError` for input that breaks the audit rules, before touching the
   * database. With `manager`, the event joins that transaction (it commits or rolls back
   * with the caller's change; the chain lock is then held until the caller commits). A caller
   * inside its own transaction must pass its manager: on PGlite (one connection) a second
   * transaction would wait for the first forever.
   *
   * Without `manager` events are group-committed: while one group is written, the events
   * recorded meanwhile wait and go together in the next one, in the order they were recorded.
   * A group is one statement (see `appendLinked`); under load (a busy meeting morning) the
   * database sees one short write per group instead of a locked transaction per event.
   */
  async record(input: AuditRecordInput, manager?: EntityManager): Promise<void> {
    if (manager) return this.recordMany([input], manager);
    return this.enqueue(unchained(parseAuditRecordInput(input), new Date()));
  }

  /** Appends several events in the given order: in the caller's transaction, or as a group. */
  async recordMany(inputs: readonly AuditRecordInput[], manager?: EntityManager): Promise<void> {
    if (inputs.length === 0) return;
    const occurredAt = new Date();
    // Validate and prepare everything before taking the lock: the critical section stays short.
    const prepared = inputs.map((input) => unchained(parseAuditRecordInput(input), occurredAt));
    if (manager) await this.appendLocked(prepared, manager);
    // Queued one after the other, synchronously: they stay together and in order.
    else await Promise.all(prepared.map((values) => this.enqueue(values)));
  }

  private enqueue(values: UnchainedRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ values, resolve, reject });
      this.writing ??= this.writeWaiting();
    });
  }

  /** Writes the waiting events group by group until none wait; a failed group fails its callers. */
  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, INSERT_CHUNK);
      try {
        await this.appendLinked(group.map((w) => w.values));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.writing = null;
  }

  /** Numbers and hashes `prepared` as the links after `head`. */
  private link(prepared: readonly UnchainedRow[], head: AuditHead | null): AuditRowValues[] {
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    return prepared.map((values) => {
      seq += 1;
      const hash = hashAuditEvent(prevHash, { ...values, seq });
      const row = { ...values, seq, prevHash, hash };
      prevHash = hash;
      return row;
    });
  }

  /**
   * Appends a group in one statement, linked to the head this service wrote last (read once,
   * and again after a race). The statement takes the chain lock before its first row, so it
   * never overlaps an `appendLocked` transaction; and the database's link trigger and primary
   * key refuse the whole statement when another writer (another api process) appended since:
   * then the head is read again and the group relinked. After `AUDIT_OPTIMISTIC_ATTEMPTS` lost
   * races (other writers keep appending, as in a join burst on two processes) the group is
   * written in a transaction that takes the lock first and reads the head under it: it cannot
   * lose again, so contention never fails the callers (issue 11: INTERNAL_ERROR on joins).
   */
  private async appendLinked(prepared: readonly UnchainedRow[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > AUDIT_OPTIMISTIC_ATTEMPTS) {
        this.lastWritten = await this.appendLocked(prepared, this.dataSource.manager);
        return;
      }
      const head = this.lastWritten ?? (await this.headIn(this.dataSource.manager));
      const rows = this.link(prepared, head);
      try {
        await this.dataSource.query(this.linkedInsertSql(rows.length), [
          AUDIT_CHAIN_LOCK_KEY,
          ...rows.flatMap((row) => this.insertValues(row)),
        ]);
        const last = rows[rows.length - 1] as AuditRowValues;
        this.lastWritten = { seq: last.seq, hash: last.hash };
        return;
      } catch (error) {
        this.lastWritten = null;
        if (!isChainRace(error)) throw error;
      }
    }
  }

  /** `INSERT … SELECT` of `count` rows, every value cast to its column's type, under the lock. */
  private linkedInsertSql(count: number): string {
    const columns = this.insertColumns();
    const cached = this.insertSql.get(count);
    if (cached) return cached;
    let n = 1;
    const tuples = Array.from(
      { length: count },
      () => `(${columns.map((c) => `$${++n}::${c.type}`).join(', ')})`,
    );
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    const sql =
      `WITH "chain_lock" AS (SELECT pg_advisory_xact_lock($1::bigint)) ` +
      `INSERT INTO "audit_event" (${names}) SELECT * FROM (VALUES ${tuples.join(', ')}) AS "v" ` +
      `WHERE EXISTS (SELECT 1 FROM "chain_lock")`;
    // A few group sizes recur; keep the texts of small ones.
    if (count <= 64) this.insertSql.set(count, sql);
    return sql;
  }

  /** The columns of `audit_event` with their SQL types, from the entity (read once). */
  private insertColumns(): { property: string; name: string; type: string }[] {
    this.columns ??= this.dataSource.getMetadata(AuditEventEntity).columns.map((column) => ({
      property: column.propertyName,
      name: column.databaseName,
      type: String(column.type),
    }));
    return this.columns;
  }

  private insertValues(row: AuditRowValues): unknown[] {
    const values = row as unknown as Record<string, unknown>;
    return this.insertColumns().map(({ property, type }) => {
      const value = values[property] ?? null;
      if (property === 'seq') return String(value);
      return type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
    });
  }

  /**
   * In the caller's transaction (or a new one), under the chain lock until it commits. Answers
   * the new head.
   */
  private async appendLocked(
    prepared: readonly UnchainedRow[],
    manager: EntityManager,
  ): Promise<AuditHead> {
    return manager.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK_KEY]);
      // A new statement after the lock: in READ COMMITTED it sees every append committed before.
      const rows = this.link(prepared, await this.headIn(tx));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(AuditEventEntity)
          .values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, seq: String(r.seq) })))
          .updateEntity(false)
          .execute();
      }
      const last = rows[rows.length - 1] as AuditRowValues;
      return { seq: last.seq, hash: last.hash };
    });
  }

  /**
   * One page of events, newest first, filtered and limited to `scope`: an organisation's reader
   * never sees another organisation's events (nor events without an organisation).
   */
  async query(
    filters: AuditQueryFilters,
    page: AuditPageRequest,
    scope: AuditScope,
  ): Promise<AuditEventPage> {
    const limit = Math.min(
      Math.max(Math.trunc(page.limit ?? AUDIT_PAGE_LIMIT_DEFAULT), 1),
      AUDIT_PAGE_LIMIT_MAX,
    );
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1);
    if (scope.kind === 'organisation') {
      qb.andWhere('e.organisationId = :scopeOrganisationId', {
        scopeOrganisationId: auditIdSchema.parse(scope.organisationId),
      });
    }
    if (filters.userId)
      qb.andWhere('e.actorUserId = :userId', { userId: auditIdSchema.parse(filters.userId) });
    if (filters.clientId)
      qb.andWhere('e.clientId = :clientId', { clientId: auditIdSchema.parse(filters.clientId) });
    if (filters.from) qb.andWhere('e.occurredAt >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('e.occurredAt < :to', { to: filters.to });
    if (filters.outcome) qb.andWhere('e.outcome = :outcome', { outcome: filters.outcome });
    if (filters.action) {
      if (filters.action.endsWith('.')) {
        // Escape LIKE's wildcards, although the action vocabulary admits neither.
        const prefix = filters.action.replace(/[\\%_]/g, (c) => `\\${c}`);
        qb.andWhere('e.action LIKE :actionPrefix', { actionPrefix: `${prefix}%` });
      } else {
        qb.andWhere('e.action = :action', { action: filters.action });
      }
    }
    if (page.cursor) {
      if (!/^[1-9][0-9]{0,15}$/.test(page.cursor)) throw new RangeError('Invalid audit cursor');
      qb.andWhere('e.seq < :cursor', { cursor: page.cursor });
    }
    const found = await qb.getMany();
    const events = found.slice(0, limit).map(toView);
    const nextCursor = found.length > limit ? String(events[events.length - 1]?.seq) : null;
    return { events, nextCursor };
  }

  /** Verifies the whole chain; see `verifyAuditChain`. A break is logged as an incident. */
  async verify(): Promise<AuditVerification> {
    const result = await verifyAuditChain(this.dataSource);
    if (result.ok) this.logger.log({ rows: result.rows }, 'Audit log verified intact');
    else
      this.logger.error(
        { seq: result.firstBrokenSeq, reason: result.reason },
        'Audit log tampered',
      );
    return result;
  }

  /**
   * Every event concerning one client, oldest first (who: user and role; when; which action and
   * object; purpose; outcome), for an AVG art. 15 request. Read in batches.
   */
  async exportForClient(
    clientId: string,
    scope: AuditScope = { kind: 'all' },
  ): Promise<AuditEventView[]> {
    const id = auditIdSchema.parse(clientId);
    const events: AuditEventView[] = [];
    let after = '0';
    for (;;) {
      const qb = this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.clientId = :id', { id })
        .andWhere('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .limit(EXPORT_BATCH);
      if (scope.kind === 'organisation') {
        qb.andWhere('e.organisationId = :org', { org: auditIdSchema.parse(scope.organisationId) });
      }
      const batch = await qb.getMany();
      events.push(...batch.map(toView));
      if (batch.length < EXPORT_BATCH) return events;
      after = batch[batch.length - 1]?.seq ?? after;
    }
  }

  /** The newest link (seq and hash), to anchor the chain elsewhere; null while empty. */
  async head(): Promise<AuditHead | null> {
    return this.headIn(this.dataSource.manager);
  }

  private async headIn(manager: EntityManager): Promise<AuditHead | null> {
    const rows = (await manager.query(
      'SELECT "e"."seq"::text AS "seq", "e"."hash" FROM "audit_event" "e" ORDER BY "e"."seq" DESC LIMIT 1',
    )) as { seq: string; hash: string }[];
    const row = rows[0];
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }
}
