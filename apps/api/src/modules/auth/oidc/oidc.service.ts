import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as client from 'openid-client';
import { DataSource, Repository } from 'typeorm';
import { RequestContext } from '../../../common/context/request-context';
import type { SecretBox } from '../../../common/crypto/secret-box';
import { Clock } from '../../../common/time/clock';
import { AppConfig } from '../../../config/app-config';
import { UserIdentityEntity } from '../../identity/user-identity.entity';
import { NEW_ACCOUNT, UserEntity } from '../../identity/user.entity';
import { AuthService, SECRET_BOX, type SessionOutcome } from '../auth.service';
import type { ResolvedSession } from '../session.service';
import { displayNameOf, normaliseEmail, type OidcProfile, providerDidMfa } from './oidc-claims';
import { OidcLoginFailed } from './oidc-login-failed';
import {
  OIDC_TRANSACTION_TTL_SECONDS,
  openOidcTransaction,
  sealOidcTransaction,
} from './oidc-transaction';

type OidcSettings = NonNullable<AppConfig['oidc']>;

/** Re-read the provider's metadata this often (keys rotate; openid-client refetches JWKS itself). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const HTTP_TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email profile';

/** How the account was found: for the log line of a successful sign-in. */
type Match = 'identity' | 'email' | 'created';

/**
 * OpenID Connect sign-in (authorization code flow with PKCE S256, state and nonce) against the
 * municipality's identity provider. openid-client validates the ID token (JWKS signature,
 * issuer, audience, expiry, nonce); this service matches the account: by linked identity
 * (issuer + subject), else once by verified e-mail, else by creating one when configured.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered: { config: Promise<client.Configuration>; at: number } | null = null;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserIdentityEntity)
    private readonly identities: Repository<UserIdentityEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  /** The provider's authorization URL and the sealed transaction for the cookie. */
  async start(): Promise<{ url: URL; transaction: string }> {
    const settings = this.settings();
    const configuration = await this.configuration(settings);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl.href,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const transaction = sealOidcTransaction(this.secrets, {
      state,
      nonce,
      codeVerifier,
      expiresAt: this.clock.now().getTime() + OIDC_TRANSACTION_TTL_SECONDS * 1000,
    });
    return { url, transaction };
  }

  /**
   * Completes the sign-in from the provider's redirect (its query string) and the sealed
   * transaction. Throws OidcLoginFailed for every refusal, after noting the account (when
   * known) for the audit record and logging the reason with ids only.
   */
  async finish(
    query: string,
    sealedTransaction: string | undefined,
    ip: string | null,
    current: ResolvedSession | null,
  ): Promise<SessionOutcome> {
    try {
      const settings = this.settings();
      const transaction = openOidcTransaction(this.secrets, sealedTransaction, this.clock.now());
      if (!transaction) throw new OidcLoginFailed('transaction-invalid');
      const configuration = await this.configuration(settings);
      const profile = await this.exchange(configuration, settings, query, transaction);
      const { user, match } = await this.matchAccount(profile, settings);
      const outcome = await this.auth.startSession(user, 'oidc', ip, current, profile.mfa);
      this.logger.log({ userId: user.id, match, mfa: profile.mfa }, 'OIDC sign-in');
      return outcome;
    } catch (error) {
      const failure = error instanceof OidcLoginFailed ? error : new OidcLoginFailed('internal');
      const userId = RequestContext.current()?.audit.objectId ?? null;
      if (failure.reason === 'internal') {
        // Code and name only: a database error's message may quote the e-mail address.
        this.logger.error({ code: errorCode(error), userId }, 'OIDC sign-in failed unexpectedly');
      } else {
        this.logger.warn({ reason: failure.reason, userId }, 'OIDC sign-in refused');
      }
      throw failure;
    }
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw new OidcLoginFailed('not-configured');
    return this.config.oidc;
  }

  /** The provider's metadata, discovered once an hour; a failed discovery is retried next time. */
  private async configuration(settings: OidcSettings): Promise<client.Configuration> {
    const now = Date.now();
    if (!this.discovered || now - this.discovered.at > DISCOVERY_TTL_MS) {
      const insecure = settings.allowInsecureHttp && settings.issuer.protocol === 'http:';
      const execute = [client.enableNonRepudiationChecks];
      if (insecure) execute.push(client.allowInsecureRequests);
      const config = client.discovery(
        settings.issuer,
        settings.clientId,
        { client_secret: settings.clientSecret },
        client.ClientSecretBasic(settings.clientSecret),
        {
          timeout: HTTP_TIMEOUT_SECONDS,
          execute,
        },
      );
      const entry = { config, at: now };
      this.discovered = entry;
      config.catch(() => {
        if (this.discovered === entry) this.discovered = null;
      });
    }
    try {
      return await this.discovered.config;
    } catch (error) {
      this.logger.warn({ code: errorCode(error) }, 'OIDC discovery failed');
      throw new OidcLoginFailed('provider-unavailable');
    }
  }

  private async exchange(
    configuration: client.Configuration,
    settings: OidcSettings,
    query: string,
    transaction: { state: string; nonce: string; codeVerifier: string },
  ): Promise<OidcProfile> {
    // The redirect URL as registered, not as the Host header claims, with the provider's answer.
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        pkceCodeVerifier: transaction.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      const providerSaidNo =
        error instanceof client.AuthorizationResponseError ||
        error instanceof client.ResponseBodyError;
      this.logger.warn({ code: errorCode(error) }, 'OIDC code exchange refused');
      throw new OidcLoginFailed(providerSaidNo ? 'provider-error' : 'token-invalid');
    }
    const claims = tokens.claims();
    if (!claims || typeof claims.sub !== 'string' || claims.sub.length > 255) {
      throw new OidcLoginFailed('claims-invalid');
    }
    let source: Record<string, unknown> = claims;
    // Many providers put e-mail and name only in userinfo; its `sub` must match the ID token's.
    if (claims['email'] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        source = { ...info, ...claims };
      } catch (error) {
        this.logger.warn({ code: errorCode(error) }, 'OIDC userinfo refused');
        throw new OidcLoginFailed('claims-invalid');
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: normaliseEmail(source['email']),
      emailVerified: source['email_verified'] === true,
      displayName: displayNameOf(source),
      // Only the signed ID token may vouch for the second factor.
      mfa: providerDidMfa(claims.amr),
    };
  }

  private async matchAccount(
    profile: OidcProfile,
    settings: OidcSettings,
  ): Promise<{ user: UserEntity; match: Match }> {
    const linked = await this.identities.findOne({
      where: { issuer: profile.issuer, subject: profile.subject },
      relations: { user: true },
    });
    if (linked?.user) return { user: this.usable(linked.user), match: 'identity' };

    if (!profile.email) throw new OidcLoginFailed('claims-invalid');
    const existing = await this.users.findOneBy({ email: profile.email });
    if (existing) {
      RequestContext.note({ objectType: 'user', objectId: existing.id });
      if (!profile.emailVerified) throw new OidcLoginFailed('email-unverified');
      this.usable(existing);
      // With a home organisation configured, this provider may only claim accounts there.
      if (settings.organisationId && existing.organisationId !== settings.organisationId) {
        throw new OidcLoginFailed('identity-conflict');
      }
      return { user: await this.link(existing, profile), match: 'email' };
    }

    if (!settings.autoCreate || !settings.organisationId) {
      throw new OidcLoginFailed('unknown-account');
    }
    if (!profile.emailVerified) throw new OidcLoginFailed('email-unverified');
    return { user: await this.create(profile, settings.organisationId), match: 'created' };
  }

  private usable(user: UserEntity): UserEntity {
    RequestContext.note({ objectType: 'user', objectId: user.id });
    if (user.disabledAt) throw new OidcLoginFailed('account-disabled');
    return user;
  }

  /**
   * Links the identity to an account found by e-mail — only the first one per provider: an
   * account already linked to another subject of this issuer is not taken over by a second
   * provider account that claims the same address.
   */
  private async link(user: UserEntity, profile: OidcProfile): Promise<UserEntity> {
    const other = await this.identities.existsBy({ userId: user.id, issuer: profile.issuer });
    if (other) throw new OidcLoginFailed('identity-conflict');
    await this.identities
      .createQueryBuilder()
      .insert()
      .values({ userId: user.id, issuer: profile.issuer, subject: profile.subject })
      .orIgnore()
      .execute();
    // A concurrent first login may have linked it first: it must have linked the same account.
    const row = await this.identities.findOneBy({
      issuer: profile.issuer,
      subject: profile.subject,
    });
    if (row?.userId !== user.id) throw new OidcLoginFailed('identity-conflict');
    this.logger.log({ userId: user.id }, 'OIDC identity linked');
    return user;
  }

  /** A new account in the configured organisation: discipline `anders`, no team, no password. */
  private async create(profile: OidcProfile, organisationId: string): Promise<UserEntity> {
    const email = profile.email as string;
    const user = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(UserEntity, {
          ...NEW_ACCOUNT,
          organisationId,
          email,
          displayName: profile.displayName ?? email,
          discipline: 'anders',
        }),
      );
      await manager.insert(UserIdentityEntity, {
        userId: created.id,
        issuer: profile.issuer,
        subject: profile.subject,
      });
      return created;
    });
    RequestContext.note({ objectType: 'user', objectId: user.id });
    this.logger.log({ userId: user.id, organisationId }, 'OIDC account created');
    return user;
  }
}

/** A library error's code (never its message or cause: those may quote claims). */
function errorCode(error: unknown): string | null {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return null;
}
