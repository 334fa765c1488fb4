import { createHash } from 'node:crypto';

/** `prev_hash` of the first event: the chain starts from this fixed value. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Every hashed field of an audit event, as stored. */
export interface AuditChainFields {
  seq: number;
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  onBehalfOf: string | null;
  organisationId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  clientId: string | null;
  purpose: string | null;
  /** Whatever the jsonb column holds; normally a flat map of ids. */
  context: unknown;
  outcome: string;
  channel: string;
  sourceIp: string | null;
  requestId: string | null;
  legalBasis: string | null;
}

/** JSON with object keys sorted at every level (jsonb does not keep key order). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The canonical serialisation of an event: a JSON array of strings in a fixed field order,
 * timestamps in ISO 8601 UTC with milliseconds, null as the empty string, the context as
 * key-sorted JSON. JSON string escaping keeps it unambiguous. Changing this changes every
 * hash: a new format needs a new version prefix, never an edit.
 */
export function canonicalAuditEvent(e: AuditChainFields): string {
  const text = (v: string | null) => v ?? '';
  return JSON.stringify([
    'v1',
    String(e.seq),
    e.id,
    e.occurredAt.toISOString(),
    text(e.actorUserId),
    text(e.actorRole),
    text(e.onBehalfOf),
    text(e.organisationId),
    e.action,
    text(e.objectType),
    text(e.objectId),
    text(e.clientId),
    text(e.purpose),
    e.context === null || e.context === undefined ? '' : stableJson(e.context),
    e.outcome,
    e.channel,
    text(e.sourceIp),
    text(e.requestId),
    text(e.legalBasis),
  ]);
}

/** `hash` = hex SHA-256 of `prev_hash` followed by the canonical serialisation. */
export function hashAuditEvent(prevHash: string, e: AuditChainFields): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditEvent(e)).digest('hex');
}
