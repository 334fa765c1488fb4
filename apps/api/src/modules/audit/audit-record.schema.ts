import { z } from 'zod';
import {
  type AuditChannel,
  type AuditOutcome,
  type ValidationIssue,
  auditActionSchema,
  auditChannelSchema,
  auditCodeSchema,
  auditIdSchema,
  auditOutcomeSchema,
} from '@casustafel/contracts';

/** What a caller hands to `AuditService.record()`. Ids and codes only. */
export interface AuditRecordInput {
  /** `<object>.<verb>`, e.g. `auth.login`, `team.read`. */
  action: string;
  outcome: AuditOutcome;
  actor: {
    userId: string | null;
    role: string | null;
    onBehalfOf?: string | null;
    organisationId?: string | null;
  };
  /** The data touched: a type code and its uuid. */
  object?: { type: string; id: string | null } | null;
  /** The household or person concerned (internal uuid, never a BSN). */
  clientId?: string | null;
  /** A purpose code, e.g. `mdo`, `casusvoorbereiding`. */
  purpose?: string | null;
  /** Ids of the surroundings, e.g. `{ meetingId, itemId }`: camelCase keys, uuid values. */
  context?: Record<string, string> | null;
  channel: AuditChannel;
  source: { ip: string | null; requestId?: string | null };
  /** A consent id (uuid) or a statutory basis code (e.g. `jeugdwet.7.4.0`). */
  legalBasis?: string | null;
}

const CONTEXT_KEY = /^[a-z][A-Za-z0-9]{0,39}$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const MAX_CONTEXT_ENTRIES = 8;

/**
 * The shape every audit event must have before it is hashed and stored. Strict objects (an
 * unknown field such as `name` is refused) and patterns that admit no spaces, `@` or capitals
 * keep names, e-mail addresses and free text out; ids must be uuids.
 */
export const auditRecordInputSchema = z.strictObject({
  action: auditActionSchema,
  outcome: auditOutcomeSchema,
  actor: z.strictObject({
    userId: auditIdSchema.nullable(),
    role: auditCodeSchema.nullable(),
    onBehalfOf: auditIdSchema.nullish().transform((v) => v ?? null),
    organisationId: auditIdSchema.nullish().transform((v) => v ?? null),
  }),
  object: z
    .strictObject({ type: auditCodeSchema, id: auditIdSchema.nullable() })
    .nullish()
    .transform((v) => v ?? null),
  clientId: auditIdSchema.nullish().transform((v) => v ?? null),
  purpose: auditCodeSchema.nullish().transform((v) => v ?? null),
  context: z
    .record(z.string().regex(CONTEXT_KEY), auditIdSchema)
    .refine((c) => Object.keys(c).length <= MAX_CONTEXT_ENTRIES, {
      message: 'too many context entries',
    })
    .nullish()
    .transform((v) => (v && Object.keys(v).length > 0 ? v : null)),
  channel: auditChannelSchema,
  source: z.strictObject({
    ip: z.union([z.ipv4(), z.ipv6()]).nullable(),
    requestId: z
      .string()
      .regex(REQUEST_ID)
      .nullish()
      .transform((v) => v ?? null),
  }),
  legalBasis: z
    .union([auditIdSchema, auditCodeSchema])
    .nullish()
    .transform((v) => v ?? null),
});
export type ParsedAuditRecord = z.output<typeof auditRecordInputSchema>;

// The hand-written interface and the schema must accept the same shape.
type Assignable<A, B> = [A] extends [B] ? true : never;
const _interfaceFitsSchema: Assignable<
  AuditRecordInput,
  z.input<typeof auditRecordInputSchema>
> = true;
const _schemaFitsInterface: Assignable<
  z.input<typeof auditRecordInputSchema>,
  AuditRecordInput
> = true;

/**
 * A caller tried to record an event that breaks the audit rules (a name in an id field, an
 * unknown action shape…). A programming error, not bad user input: it surfaces as a 500 and
 * is logged. The message names fields and rules, never the offending values.
 */
export class InvalidAuditRecordError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `Invalid audit record: ${issues.map((i) => `${i.path || '(root)'} ${i.issue}`).join(', ')}`,
    );
    this.name = 'InvalidAuditRecordError';
  }
}

export function parseAuditRecordInput(input: AuditRecordInput): ParsedAuditRecord {
  const result = auditRecordInputSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidAuditRecordError(
    result.error.issues
      .slice(0, 20)
      .map((issue) => ({ path: issue.path.map(String).join('.'), issue: issue.code })),
  );
}
