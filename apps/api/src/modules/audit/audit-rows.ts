import { randomUUID } from 'node:crypto';
import type { AuditEventView } from '@casustafel/contracts';
import type { AuditEventEntity } from './audit-event.entity';
import type { ParsedAuditRecord } from './audit-record.schema';

/** The audit log's rows: a record before it is linked into the chain, a row as the viewer reads it. */
export type AuditRowValues = Omit<AuditEventEntity, 'seq'> & { seq: number };
/** A row before it is linked into the chain. */
export type UnchainedRow = Omit<AuditRowValues, 'seq' | 'prevHash' | 'hash'>;

export function toView(e: AuditEventEntity): AuditEventView {
  return {
    seq: Number(e.seq),
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: {
      userId: e.actorUserId,
      role: e.actorRole,
      onBehalfOf: e.onBehalfOf,
      organisationId: e.organisationId,
    },
    action: e.action,
    object: e.objectType === null ? null : { type: e.objectType, id: e.objectId },
    clientId: e.clientId,
    purpose: e.purpose,
    context: e.context,
    outcome: e.outcome,
    channel: e.channel,
    source: { ip: e.sourceIp, requestId: e.requestId },
    legalBasis: e.legalBasis,
  };
}

export function unchained(r: ParsedAuditRecord, occurredAt: Date): UnchainedRow {
  return {
    id: randomUUID(),
    occurredAt,
    actorUserId: r.actor.userId,
    actorRole: r.actor.role,
    onBehalfOf: r.actor.onBehalfOf,
    organisationId: r.actor.organisationId,
    action: r.action,
    objectType: r.object?.type ?? null,
    objectId: r.object?.id ?? null,
    clientId: r.clientId,
    purpose: r.purpose,
    context: r.context,
    outcome: r.outcome,
    channel: r.channel,
    sourceIp: r.source.ip,
    requestId: r.source.requestId,
    legalBasis: r.legalBasis,
  };
}
