import * as z from 'zod';
import { ERASURE_EXCEPTIONS } from '@casustafel/domain';

/**
 * AVG art. 17 erasure requests (issue 16 §9): recorded for a household or one person, assessed
 * by an organisation administrator with the legal exceptions, then executed or refused. A
 * request holds ids and codes only, so it outlives the data it erased.
 */
export const ERASURE_SCOPES = ['household', 'person'] as const;
export type ErasureScope = (typeof ERASURE_SCOPES)[number];

/** Who asked (a role, never a name). */
export const ERASURE_REQUESTERS = [
  'betrokkene',
  'ouder-met-gezag',
  'jongere-12-plus',
  'wettelijk-vertegenwoordiger',
] as const;
export type ErasureRequester = (typeof ERASURE_REQUESTERS)[number];

export const ERASURE_STATUSES = ['ontvangen', 'toegewezen', 'uitgevoerd', 'geweigerd'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

export const erasureExceptionSchema = z.enum(ERASURE_EXCEPTIONS);

/**
 * Body of `POST /api/households/:householdId/erasure-requests`: a member of the household's team
 * files the request from the household page (the organisation administrator, who sees no client
 * data, only decides on it).
 */
export const createErasureRequestSchema = z
  .strictObject({
    personId: z.uuid().nullable().default(null),
    scope: z.enum(ERASURE_SCOPES),
    requestedBy: z.enum(ERASURE_REQUESTERS),
    /** The day the request was received (a letter, a form, at the desk). */
    receivedOn: z.iso.date(),
  })
  .refine((r) => (r.scope === 'person') === (r.personId !== null), {
    path: ['personId'],
    message: 'required for scope person, absent for scope household',
  });
export type CreateErasureRequest = z.input<typeof createErasureRequestSchema>;

export const assessErasureRequestSchema = z
  .strictObject({
    decision: z.enum(['execute', 'refuse']),
    exceptions: z.array(erasureExceptionSchema).max(ERASURE_EXCEPTIONS.length).default([]),
    /** Why it is refused (for the answer to the requester); no personal data. */
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((a) => a.decision === 'execute' || a.exceptions.length > 0 || !!a.reason, {
    path: ['reason'],
    message: 'a refusal needs an exception or a reason',
  });
export type AssessErasureRequest = z.input<typeof assessErasureRequestSchema>;

export const erasureRequestViewSchema = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  personId: z.uuid().nullable(),
  scope: z.enum(ERASURE_SCOPES),
  requestedBy: z.enum(ERASURE_REQUESTERS),
  receivedOn: z.string(),
  status: z.enum(ERASURE_STATUSES),
  /**
   * The team whose household it is: what the administrator may know (no household label or
   * names: an organisation administrator reads no client data).
   */
  teamName: z.string().nullable(),
  /** True once the household was erased as a whole. */
  householdErased: z.boolean(),
  exceptions: z.array(erasureExceptionSchema),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  assessedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
});
export type ErasureRequestView = z.infer<typeof erasureRequestViewSchema>;
export const erasureRequestListSchema = z.array(erasureRequestViewSchema);
