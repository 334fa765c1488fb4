import * as z from 'zod';

/**
 * The NEN 7513 audit log: vocabulary, the viewer's query and its answer. An audit event holds
 * ids and codes only, never names, e-mail addresses, BSNs or free text; every field below is
 * shaped so that such values cannot pass.
 */

/** Whether the action was carried out (`allowed`), refused (`denied`) or broke (`failed`). */
export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** Where the action came in: a REST call, a socket event or the system itself (jobs, CLI). */
export const AUDIT_CHANNELS = ['http', 'socket', 'system'] as const;
export const auditChannelSchema = z.enum(AUDIT_CHANNELS);
export type AuditChannel = z.infer<typeof auditChannelSchema>;

/** Largest page the viewer returns. */
export const AUDIT_PAGE_LIMIT_MAX = 200;
export const AUDIT_PAGE_LIMIT_DEFAULT = 50;

/** An id: a uuid, normalised to lower case (as PostgreSQL returns it, so hashes stay stable). */
export const auditIdSchema = z.uuid().transform((id) => id.toLowerCase());

/** `<object>.<verb>`, e.g. `auth.login`, `team.read`, `user.sessions-end`. */
export const AUDIT_ACTION_PATTERN = /^[a-z-]+\.[a-z-]+$/;
export const auditActionSchema = z.string().max(64).regex(AUDIT_ACTION_PATTERN);

/** An exact action, or a prefix ending in a dot (`auth.`) matching every action of an object. */
export const auditActionFilterSchema = z
  .string()
  .max(64)
  .regex(/^[a-z-]+\.([a-z-]+)?$/);

/** A lower-case code: a role (`team-member`), an object type (`agenda-item`), a purpose (`mdo`). */
export const auditCodeSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*(?:[.:][a-z0-9-]+)*$/);

/** `seq` of the last event of the previous page: the next page holds older events. */
export const auditCursorSchema = z.string().regex(/^[1-9][0-9]{0,15}$/);

/** Query of `GET /api/audit-events` (all strings, as they arrive in the query string). */
export const auditEventQuerySchema = z
  .strictObject({
    userId: auditIdSchema.optional(),
    clientId: auditIdSchema.optional(),
    /** Inclusive lower bound, ISO 8601 with offset. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive upper bound, ISO 8601 with offset. */
    to: z.iso.datetime({ offset: true }).optional(),
    action: auditActionFilterSchema.optional(),
    outcome: auditOutcomeSchema.optional(),
    cursor: auditCursorSchema.optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,5}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(AUDIT_PAGE_LIMIT_MAX))
      .optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type AuditEventQuery = z.infer<typeof auditEventQuerySchema>;

/** One audit event as the viewer (and the AVG art. 15 export) shows it. */
export const auditEventViewSchema = z.object({
  /** Position in the hash chain: 1, 2, 3… without gaps. */
  seq: z.number().int().positive(),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  actor: z.object({
    userId: z.uuid().nullable(),
    role: z.string().nullable(),
    onBehalfOf: z.uuid().nullable(),
    organisationId: z.uuid().nullable(),
  }),
  action: z.string(),
  object: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  clientId: z.uuid().nullable(),
  purpose: z.string().nullable(),
  context: z.record(z.string(), z.string()).nullable(),
  outcome: auditOutcomeSchema,
  channel: auditChannelSchema,
  source: z.object({ ip: z.string().nullable(), requestId: z.string().nullable() }),
  legalBasis: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

/** Answer of `GET /api/audit-events`: newest first; `nextCursor` is null on the last page. */
export const auditEventPageSchema = z.object({
  events: z.array(auditEventViewSchema),
  nextCursor: auditCursorSchema.nullable(),
});
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;
