import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Where the browser lands after any failed SSO attempt; the client shows a generic message. */
export const OIDC_FAILURE_REDIRECT = '/inloggen?fout=sso';

/** Why an SSO sign-in was refused: for the logs only, never shown to the browser. */
export type OidcFailureReason =
  | 'not-configured'
  | 'provider-unavailable'
  | 'transaction-invalid'
  | 'provider-error'
  | 'token-invalid'
  | 'claims-invalid'
  | 'email-unverified'
  | 'unknown-account'
  | 'account-disabled'
  | 'identity-conflict'
  | 'internal';

/**
 * A refused SSO sign-in. Thrown inside the handler so the audit interceptor records the call
 * as `failed`; the filter below then turns it into a redirect without details.
 */
export class OidcLoginFailed extends Error {
  constructor(readonly reason: OidcFailureReason) {
    super(`OIDC sign-in refused: ${reason}`);
    this.name = 'OidcLoginFailed';
  }
}

@Catch(OidcLoginFailed)
export class OidcLoginFailedFilter implements ExceptionFilter {
  catch(_exception: OidcLoginFailed, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.header('cache-control', 'no-store').redirect(OIDC_FAILURE_REDIRECT, 302);
  }
}
