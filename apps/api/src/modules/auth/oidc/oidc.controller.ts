import { Controller, Get, Redirect, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../../common/access/access.decorator';
import { CurrentSession } from '../../../common/access/current.decorators';
import { DomainError } from '../../../common/errors/domain.error';
import { AppConfig } from '../../../config/app-config';
import { setSessionCookie } from '../session-cookie';
import type { ResolvedSession } from '../session.service';
import { OidcLoginFailedFilter } from './oidc-login-failed';
import {
  OIDC_TRANSACTION_COOKIE_PATH,
  OIDC_TRANSACTION_TTL_SECONDS,
  oidcTransactionCookieName,
} from './oidc-transaction';
import { OidcService } from './oidc.service';

interface RedirectTo {
  url: string;
}

/** Single sign-on with the organisation's OpenID provider: start, and the provider's callback. */
@Controller('auth/oidc')
@UseFilters(OidcLoginFailedFilter)
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly config: AppConfig,
  ) {}

  /** Sends the browser to the provider (302), with the sealed state, nonce and PKCE verifier. */
  @Access('public', 'none')
  @Get('start')
  @Redirect()
  async start(@Res({ passthrough: true }) reply: FastifyReply): Promise<RedirectTo> {
    if (!this.oidc.enabled) throw new DomainError('NOT_FOUND', 'Single sign-on is not configured');
    const { url, transaction } = await this.oidc.start();
    void reply.setCookie(oidcTransactionCookieName(this.config.tls), transaction, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.tls,
      path: OIDC_TRANSACTION_COOKIE_PATH,
      maxAge: OIDC_TRANSACTION_TTL_SECONDS,
    });
    void reply.header('cache-control', 'no-store');
    return { url: url.href };
  }

  /**
   * The provider's redirect: code exchange, ID token validation, account matching, session.
   * Success goes to `/`; every refusal (audited as failed) to `/inloggen?fout=sso`.
   */
  @Access('public', 'auth.oidc-login')
  @Get('callback')
  @Redirect()
  async callback(
    @CurrentSession() session: ResolvedSession | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedirectTo> {
    const cookieName = oidcTransactionCookieName(this.config.tls);
    const sealed = request.cookies[cookieName];
    // Single use: the transaction goes whatever the outcome.
    void reply.clearCookie(cookieName, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.tls,
      path: OIDC_TRANSACTION_COOKIE_PATH,
    });
    void reply.header('cache-control', 'no-store');
    const queryAt = request.url.indexOf('?');
    const query = queryAt === -1 ? '' : request.url.slice(queryAt);
    const outcome = await this.oidc.finish(query, sealed, request.ip ?? null, session);
    if (outcome.token) setSessionCookie(reply, this.config, outcome.token);
    return { url: '/' };
  }
}
