import * as z from 'zod';
import { currentUserSchema, emailSchema } from './identity';
import { SESSION_STAGES } from './plain/auth';

// The stages and their type live in ./plain/auth (zod-free, for the client shell).
export const sessionStageSchema = z.enum(SESSION_STAGES);

export const sessionStateSchema = z.object({
  stage: sessionStageSchema,
  user: currentUserSchema.nullable(),
  /** Send back as `x-csrf-token` on every state-changing request of this session. */
  csrfToken: z.string().nullable(),
  demo: z.boolean(),
  idleTimeoutSeconds: z.number().int().positive(),
  expiresAt: z.iso.datetime().nullable(),
  sso: z.object({ enabled: z.boolean(), label: z.string().nullable() }),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A 6-digit TOTP code, or one of the account's recovery codes (xxxxx-xxxxx). */
export const secondFactorRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z2-7]{5}-[a-z2-7]{5})$/),
});
export type SecondFactorRequest = z.infer<typeof secondFactorRequestSchema>;

export const totpEnrolmentSchema = z.object({
  /** `otpauth://` URI, also rendered as `qrDataUrl` (PNG data URL) for authenticator apps. */
  otpauthUri: z.string(),
  qrDataUrl: z.string().startsWith('data:image/png;base64,'),
  /** The secret in base32, for typing it in by hand. */
  secret: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const totpEnrolConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export type TotpEnrolConfirmRequest = z.infer<typeof totpEnrolConfirmSchema>;

/** Answer to a confirmed enrolment: the recovery codes, shown once, and the completed session. */
export const totpEnrolConfirmResponseSchema = z.object({
  recoveryCodes: z.array(z.string()).length(10),
  session: sessionStateSchema,
});
export type TotpEnrolConfirmResponse = z.infer<typeof totpEnrolConfirmResponseSchema>;

export const activateAccountSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/),
  password: z.string().min(1).max(256),
});
export type ActivateAccountRequest = z.infer<typeof activateAccountSchema>;
