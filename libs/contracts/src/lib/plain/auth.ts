import type { SessionState, TotpEnrolConfirmResponse, TotpEnrolment } from '../auth';
import {
  arrayOf,
  boolean,
  type Check,
  int,
  isoDateTime,
  nullable,
  object,
  oneOf,
  startsWith,
  string,
} from './check';
import { currentUserCheck } from './identity';

/**
 * Where a browser session stands: `anonymous`; `second-factor` (password accepted, code
 * needed); `enrol-second-factor` (password accepted, the account must first set up TOTP);
 * `complete` (may use the product).
 */
export const SESSION_STAGES = [
  'anonymous',
  'second-factor',
  'enrol-second-factor',
  'complete',
] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/** Mirrors `sessionStateSchema` (zod-free, for the client shell). */
export const sessionStateCheck: Check<SessionState> = object({
  stage: oneOf(SESSION_STAGES),
  user: nullable(currentUserCheck),
  csrfToken: nullable(string),
  demo: boolean,
  idleTimeoutSeconds: int(1),
  expiresAt: nullable(isoDateTime),
  sso: object({ enabled: boolean, label: nullable(string) }),
});

/** Mirrors `totpEnrolmentSchema`. */
export const totpEnrolmentCheck: Check<TotpEnrolment> = object({
  otpauthUri: string,
  qrDataUrl: startsWith('data:image/png;base64,'),
  secret: string,
});

/** Mirrors `totpEnrolConfirmResponseSchema`. */
export const totpEnrolConfirmResponseCheck: Check<TotpEnrolConfirmResponse> = object({
  recoveryCodes: arrayOf(string, { length: 10 }),
  session: sessionStateCheck,
});
