import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { AuditChannel, AuditOutcome } from '@casustafel/contracts';

/**
 * One NEN 7513 audit event. Append-only: database triggers refuse UPDATE, DELETE and TRUNCATE,
 * and accept an INSERT only as the next link of the hash chain (`seq` = last + 1, `prev_hash` =
 * the last row's `hash`). Ids and codes only: never names, e-mail addresses, BSNs or free text.
 */
@Entity({ name: 'audit_event' })
@Unique('UQ_audit_event_id', ['id'])
@Index('IDX_audit_event_actor_user', ['actorUserId', 'seq'])
@Index('IDX_audit_event_client', ['clientId', 'seq'])
@Index('IDX_audit_event_organisation', ['organisationId', 'seq'])
@Index('IDX_audit_event_action', ['action', 'seq'])
@Index('IDX_audit_event_occurred_at', ['occurredAt'])
@Check('CHK_audit_event_seq', '"seq" > 0')
@Check('CHK_audit_event_outcome', `"outcome" IN ('allowed', 'denied', 'failed')`)
@Check('CHK_audit_event_channel', `"channel" IN ('http', 'socket', 'system')`)
@Check('CHK_audit_event_hashes', `"hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'`)
export class AuditEventEntity {
  /** Position in the chain: 1, 2, 3… without gaps (a missing number is a deleted row). */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_event' })
  seq!: string;

  @Column({ type: 'uuid' })
  id!: string;

  /** When the event started, to the millisecond (stored at that precision so hashes are stable). */
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  /** Null for anonymous calls, such as a failed login of an unknown account. */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  /** The responsible user the actor acted for (NEN 7513 ch. 5). */
  @Column({ name: 'on_behalf_of', type: 'uuid', nullable: true })
  onBehalfOf!: string | null;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  /** `<object>.<verb>`; byte-wise collation so a prefix filter (`auth.%`) can use the index. */
  @Column({ type: 'text', collation: 'C' })
  action!: string;

  @Column({ name: 'object_type', type: 'text', nullable: true })
  objectType!: string | null;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId!: string | null;

  /** The household or person concerned (an internal id, never a BSN). */
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  /** Ids of the surroundings, e.g. `{ meetingId, itemId }`. */
  @Column({ type: 'jsonb', nullable: true })
  context!: Record<string, string> | null;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ type: 'text' })
  channel!: AuditChannel;

  @Column({ name: 'source_ip', type: 'text', nullable: true })
  sourceIp!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** The consent id or statutory basis the access relied on. */
  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  /** `hash` of the previous row; the genesis value for seq 1. */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  /** Hex SHA-256 over `prev_hash` and the canonical serialisation of every field above. */
  @Column({ type: 'text' })
  hash!: string;
}
