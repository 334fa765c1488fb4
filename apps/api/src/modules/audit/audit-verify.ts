import type { DataSource } from 'typeorm';
import { AUDIT_GENESIS_HASH, hashAuditEvent } from './audit-hash';

export interface AuditVerification {
  /** True when every row is present, in order, linked and unaltered. */
  ok: boolean;
  /** Rows verified (up to, not including, the first broken one). */
  rows: number;
  /** The first seq at which the chain breaks (for a deleted row: the missing seq). */
  firstBrokenSeq: number | null;
  reason: string | null;
}

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  on_behalf_of: string | null;
  organisation_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  client_id: string | null;
  purpose: string | null;
  context: unknown;
  outcome: string;
  channel: string;
  source_ip: string | null;
  request_id: string | null;
  legal_basis: string | null;
  prev_hash: string;
  hash: string;
}

export const AUDIT_VERIFY_BATCH_SIZE = 2000;

/**
 * Walks the whole chain in seq order, a batch at a time (bounded memory at any size), and
 * reports the first break: a missing seq (deleted row), a `prev_hash` that is not the previous
 * row's `hash` (row removed, inserted or rewritten with a recomputed hash), or a `hash` that
 * does not match the row's contents (a field altered). No snapshot is needed: the table only
 * grows, and a row is committed only after every lower seq.
 *
 * Not detectable from the chain alone: removing the newest rows. Compare the head (seq, hash)
 * with a copy kept elsewhere for that.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  batchSize = AUDIT_VERIFY_BATCH_SIZE,
): Promise<AuditVerification> {
  const [table] = (await dataSource.query(
    `SELECT to_regclass('audit_event') IS NOT NULL AS "exists"`,
  )) as {
    exists: boolean;
  }[];
  if (!table?.exists)
    throw new Error('The audit log does not exist here: apply the migrations first');
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let rows = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    rows,
    firstBrokenSeq: seq,
    reason,
  });
  for (;;) {
    // Qualified: a bare "seq" in ORDER BY would mean the text output column, sorting "10" before "9".
    const batch = (await dataSource.query(
      `SELECT "seq"::text AS "seq", "id", "occurred_at", "actor_user_id", "actor_role", "on_behalf_of",
              "organisation_id", "action", "object_type", "object_id", "client_id", "purpose", "context",
              "outcome", "channel", "source_ip", "request_id", "legal_basis", "prev_hash", "hash"
         FROM "audit_event" WHERE "audit_event"."seq" >= $1 ORDER BY "audit_event"."seq" LIMIT $2`,
      [expectedSeq, batchSize],
    )) as AuditRow[];
    for (const row of batch) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return broken(
          expectedSeq,
          `seq ${expectedSeq} is missing (the next row is seq ${seq}): a row was deleted`,
        );
      }
      if (row.prev_hash !== prevHash) {
        return broken(
          seq,
          `prev_hash of seq ${seq} is not the hash of seq ${seq - 1}: a row was removed, inserted or rewritten`,
        );
      }
      const hash = hashAuditEvent(row.prev_hash, {
        seq,
        id: row.id,
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorRole: row.actor_role,
        onBehalfOf: row.on_behalf_of,
        organisationId: row.organisation_id,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        clientId: row.client_id,
        purpose: row.purpose,
        context: row.context,
        outcome: row.outcome,
        channel: row.channel,
        sourceIp: row.source_ip,
        requestId: row.request_id,
        legalBasis: row.legal_basis,
      });
      if (hash !== row.hash) {
        return broken(seq, `the contents of seq ${seq} do not match its hash: a field was altered`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows, firstBrokenSeq: null, reason: null };
  }
}

/** The line and exit code of `cli.mjs audit-verify`. */
export function describeVerification(result: AuditVerification): { code: 0 | 1; line: string } {
  return result.ok
    ? { code: 0, line: `Audit log intact: ${result.rows} events verified` }
    : { code: 1, line: `Audit log TAMPERED at seq ${result.firstBrokenSeq}: ${result.reason}` };
}
