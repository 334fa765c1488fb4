import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUDIT_GENESIS_HASH, type AuditChainFields, hashAuditEvent } from '../audit/audit-hash';
import { insertRows } from './history-rows';

/**
 * A team's audit trail over the years, for the dashboard's benchmark (issue 15 §4: five years
 * with 500,000 audit rows): reads of cases and households, meeting joins, sign-ins and the
 * occasional refusal, spread evenly over the period by the team's members. The rows are real
 * links of the hash chain — appended after the current head with their hashes computed as the
 * api computes them — so the database's chain trigger accepts them and `audit:verify` passes.
 * Ids only, as in every audit row.
 */
export interface AuditHistoryOptions {
  organisationId: string;
  userIds: readonly string[];
  /** Households and cases to read: `[householdId, caseId]`. */
  subjects: readonly (readonly [string, string])[];
  start: Date;
  end: Date;
  rows: number;
  seed?: number;
}

const COLUMNS = [
  'seq',
  'id',
  'occurred_at',
  'actor_user_id',
  'actor_role',
  'on_behalf_of',
  'organisation_id',
  'action',
  'object_type',
  'object_id',
  'client_id',
  'purpose',
  'context',
  'outcome',
  'channel',
  'source_ip',
  'request_id',
  'legal_basis',
  'prev_hash',
  'hash',
];

/** What a team's day leaves in the log, with weights. */
const KINDS: [action: string, objectType: string, weight: number][] = [
  ['case.read', 'case', 40],
  ['household.read', 'household', 20],
  ['meeting.join', 'meeting', 15],
  ['case.update', 'case', 10],
  ['auth.login', 'session', 10],
  ['meeting.read', 'meeting', 5],
];
const TOTAL_WEIGHT = KINDS.reduce((sum, [, , weight]) => sum + weight, 0);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends `rows` audit events after the chain's head; returns the new head's seq. */
export async function writeAuditHistory(
  db: EntityManager,
  options: AuditHistoryOptions,
): Promise<number> {
  if (options.userIds.length === 0 || options.subjects.length === 0)
    throw new RangeError('an audit history needs users and subjects');
  const random = prng(options.seed ?? 7513);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const [head] = (await db.query(
    'SELECT "seq", "hash" FROM "audit_event" ORDER BY "seq" DESC LIMIT 1',
  )) as { seq: string; hash: string }[];
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  const span = options.end.getTime() - options.start.getTime();
  const step = span / Math.max(1, options.rows);
  const batch: (string | number | null)[][] = [];
  const flush = async () => {
    await insertRows(db, 'audit_event', COLUMNS, batch);
    batch.length = 0;
  };
  for (let i = 0; i < options.rows; i += 1) {
    let roll = random() * TOTAL_WEIGHT;
    const kind = KINDS.find(([, , weight]) => (roll -= weight) < 0) ?? KINDS[0];
    const [action, objectType] = kind as [string, string, number];
    const [householdId, caseId] = pick(options.subjects);
    const denied = random() < 0.01;
    seq += 1;
    const event: AuditChainFields = {
      seq,
      id: randomUUID(),
      // In order: the chain's seq and its time run together.
      occurredAt: new Date(Math.floor(options.start.getTime() + i * step)),
      actorUserId: pick(options.userIds),
      actorRole: 'member',
      onBehalfOf: null,
      organisationId: options.organisationId,
      action,
      objectType,
      objectId:
        objectType === 'case' ? caseId : objectType === 'household' ? householdId : randomUUID(),
      clientId: objectType === 'case' || objectType === 'household' ? householdId : null,
      purpose: objectType === 'case' || objectType === 'household' ? 'zorgverlening' : null,
      context: null,
      outcome: denied ? 'denied' : 'allowed',
      channel: action === 'meeting.join' ? 'socket' : 'http',
      sourceIp: '127.0.0.1',
      requestId: null,
      legalBasis: null,
    };
    const hash = hashAuditEvent(prevHash, event);
    batch.push([
      event.seq,
      event.id,
      event.occurredAt.toISOString(),
      event.actorUserId,
      event.actorRole,
      event.onBehalfOf,
      event.organisationId,
      event.action,
      event.objectType,
      event.objectId,
      event.clientId,
      event.purpose,
      null,
      event.outcome,
      event.channel,
      event.sourceIp,
      event.requestId,
      event.legalBasis,
      prevHash,
      hash,
    ]);
    prevHash = hash;
    if (batch.length >= 5_000) await flush();
  }
  if (batch.length > 0) await flush();
  return seq;
}
