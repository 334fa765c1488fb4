import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import type { SessionState } from '@casustafel/contracts';
import { AUDIT_SCOPE_ALL } from '../src/modules/audit/audit-scope';
import { AuditService } from '../src/modules/audit/audit.service';
import { UserIdentityEntity } from '../src/modules/identity/user-identity.entity';
import { UserEntity } from '../src/modules/identity/user.entity';
import { createOrganisation, createUser, dataSourceOf } from './factories/identity.factory';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { RedirectBrowser } from './support/oidc-browser';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-test-provider';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

/**
 * The api's public URL is the test origin; the test browser's "hosts file" sends it to the
 * app on its port-0 address, so the provider can be told the redirect URI before the app runs.
 */
const PUBLIC_URL = TEST_ORIGIN;
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const HOME = `${PUBLIC_URL}/`;
const FAILED = `${PUBLIC_URL}/inloggen?fout=sso`;

describe.each(testEngines())('OpenID Connect sign-in on %s', (engine) => {
  let db: TestDatabase;
  let idp: TestOidcProvider;
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    idp = await startOidcProvider({ redirectUri: CALLBACK });
    t = await startTestApp({
      ...db.env,
      DEMO_MODE: 'false',
      PUBLIC_URL,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ALLOW_INSECURE_HTTP: 'true',
    });
    orgId = (await createOrganisation(t.app)).id;
    otherOrgId = (await createOrganisation(t.app)).id;
  });

  afterEach(() => {
    idp.rewriteIdToken = null;
    setAutoCreate(false);
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await db?.drop();
  });

  const browser = () => new RedirectBrowser({ [PUBLIC_URL]: t.baseUrl });
  const audit = () => t.app.get(AuditService);
  const users = () => dataSourceOf(t.app).getRepository(UserEntity);
  const identities = () => dataSourceOf(t.app).getRepository(UserIdentityEntity);

  /** The startup configuration is read per request; flipping it here avoids a second app. */
  function setAutoCreate(on: boolean): void {
    Object.assign(t.config.oidc as object, {
      autoCreate: on,
      organisationId: on ? orgId : null,
    });
  }

  function idpAccount(email: string, emailVerified = true): string {
    const sub = `idp-${randomUUID()}`;
    idp.accounts.set(sub, { email, emailVerified, name: 'Sanne de Vries' });
    return sub;
  }

  /**
   * start → provider → login and consent → the provider's redirect back. Returns the callback
   * URL without following it, so tests can tamper with or replay it.
   */
  async function authorize(
    b: RedirectBrowser,
    subject: string,
    options: { amr?: string[] } = {},
  ): Promise<string> {
    let answer = await b.get(`${PUBLIC_URL}/api/auth/oidc/start`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    for (let hops = 0; hops < 10; hops++) {
      const location = answer.location;
      if (!location) throw new Error(`no redirect (status ${answer.status}): ${answer.text}`);
      if (location.startsWith(CALLBACK)) return location;
      answer = await b.get(location);
      if (answer.status === 200 && new URL(location).pathname.startsWith('/interaction/')) {
        const submit = new URL(`${location}/submit`);
        submit.searchParams.set('account', subject);
        if (options.amr) submit.searchParams.set('amr', options.amr.join(','));
        answer = await b.get(submit.href);
      }
    }
    throw new Error('too many redirects');
  }

  async function signIn(subject: string, options: { amr?: string[] } = {}) {
    const b = browser();
    const callback = await authorize(b, subject, options);
    const answer = await b.get(callback);
    return { b, answer, callback };
  }

  async function sessionOf(b: RedirectBrowser): Promise<SessionState> {
    return JSON.parse((await b.get(`${PUBLIC_URL}/api/auth/session`)).text) as SessionState;
  }

  async function failedFor(userId: string | null) {
    const page = await audit().query(
      { action: 'auth.oidc-login', outcome: 'failed' },
      { limit: 200 },
      AUDIT_SCOPE_ALL,
    );
    return page.events.filter((e) => (userId === null ? true : e.object?.id === userId));
  }

  it('answers 404 for start and callback when SSO is not configured', async () => {
    const saved = t.config.oidc;
    Object.assign(t.config, { oidc: null });
    try {
      const b = browser();
      const start = await b.get(`${PUBLIC_URL}/api/auth/oidc/start`);
      expect(start.status).toBe(404);
      expect(JSON.parse(start.text)).toMatchObject({ code: 'NOT_FOUND' });
      expect((await b.get(`${CALLBACK}?code=x&state=y`)).location).toBe(FAILED);
    } finally {
      Object.assign(t.config, { oidc: saved });
    }
  });

  it('starts with PKCE S256, state and nonce, keeping the secrets in a sealed HttpOnly cookie', async () => {
    const b = browser();
    const answer = await b.get(`${PUBLIC_URL}/api/auth/oidc/start`);
    expect(answer.status).toBe(302);
    const url = new URL(answer.location as string);
    expect(url.origin).toBe(idp.issuer);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(idp.clientId);
    expect(p.get('redirect_uri')).toBe(CALLBACK);
    expect(p.get('scope')).toBe('openid email profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(p.has('code_verifier')).toBe(false);
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('casustafel_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/i);
    const sealed = b.cookies.get('casustafel_oidc') as string;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(p.get('state'));
  });

  it('links an existing account by verified e-mail on first login, then finds it by issuer and subject after the e-mail changed', async () => {
    const { user } = await createUser(t.app, {
      organisationId: orgId,
      email: `sanne-${randomUUID().slice(0, 6)}@voorbeeldstad.test`,
      totp: true,
    });
    const sub = idpAccount(user.email.toUpperCase());

    const first = await signIn(sub);
    expect(first.answer.status).toBe(302);
    expect(first.answer.location).toBe(HOME);
    expect(first.b.cookies.has('casustafel_oidc')).toBe(false);
    const state = await sessionOf(first.b);
    // A password-grade login at the provider: the TOTP stage still follows.
    expect(state.stage).toBe('second-factor');
    expect(state.user?.id).toBe(user.id);
    const links = await identities().findBy({ userId: user.id });
    expect(links).toEqual([expect.objectContaining({ issuer: `${idp.issuer}`, subject: sub })]);

    idp.accounts.set(sub, { email: 'nieuw-adres@elders.test', emailVerified: false });
    const second = await signIn(sub);
    expect(second.answer.location).toBe(HOME);
    expect((await sessionOf(second.b)).user?.id).toBe(user.id);
    expect(await identities().countBy({ userId: user.id })).toBe(1);
    // The account keeps its own e-mail address.
    expect((await users().findOneByOrFail({ id: user.id })).email).toBe(user.email);

    const allowed = await audit().query(
      { action: 'auth.oidc-login', outcome: 'allowed', userId: user.id },
      { limit: 10 },
      AUDIT_SCOPE_ALL,
    );
    expect(allowed.events).toHaveLength(2);
    expect(allowed.events[0]?.object).toEqual({ type: 'user', id: user.id });
    // Ids only in the logs.
    expect(t.rawLogs.join('\n')).not.toContain(user.email);
    expect(t.rawLogs.join('\n')).not.toContain('nieuw-adres');
  });

  it('counts multi-factor authentication at the provider (amr mfa) as the second factor', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId, totp: true });
    const sub = idpAccount(user.email);
    const seen: Record<string, unknown>[] = [];
    idp.rewriteIdToken = async (token) => {
      seen.push(decodeJwt(token));
      return token;
    };
    const { b, answer } = await signIn(sub, { amr: ['pwd', 'mfa'] });
    expect(seen[0]?.['amr']).toEqual(['pwd', 'mfa']);
    expect(answer.location).toBe(HOME);
    expect((await sessionOf(b)).stage).toBe('complete');

    const withoutTotp = await createUser(t.app, { organisationId: orgId });
    const plain = await signIn(idpAccount(withoutTotp.user.email), { amr: ['pwd'] });
    expect((await sessionOf(plain.b)).stage).toBe('enrol-second-factor');
  });

  it('refuses an unverified e-mail address and does not link it', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    const { b, answer } = await signIn(idpAccount(user.email, false));
    expect(answer.location).toBe(FAILED);
    expect((await sessionOf(b)).stage).toBe('anonymous');
    expect(await identities().countBy({ userId: user.id })).toBe(0);
    expect(await failedFor(user.id)).toHaveLength(1);
  });

  it('refuses an unknown user without auto-create, and creates one with it', async () => {
    const email = `nieuw-${randomUUID().slice(0, 6)}@voorbeeldstad.test`;
    const sub = idpAccount(email);
    const refused = await signIn(sub);
    expect(refused.answer.location).toBe(FAILED);
    expect((await sessionOf(refused.b)).stage).toBe('anonymous');
    expect(await users().countBy({ email })).toBe(0);

    setAutoCreate(true);
    const unverified = await signIn(idpAccount(`ongeverifieerd-${email}`, false));
    expect(unverified.answer.location).toBe(FAILED);
    expect(await users().countBy({ email: `ongeverifieerd-${email}` })).toBe(0);

    const created = await signIn(sub);
    expect(created.answer.location).toBe(HOME);
    const user = await users().findOneByOrFail({ email });
    expect(user).toMatchObject({
      organisationId: orgId,
      discipline: 'anders',
      displayName: 'Sanne de Vries',
      orgAdmin: false,
      passwordHash: null,
    });
    expect(await identities().findOneBy({ userId: user.id })).toMatchObject({ subject: sub });
    const state = await sessionOf(created.b);
    expect(state.user?.id).toBe(user.id);
    expect(state.stage).toBe('enrol-second-factor');
    expect(state.user?.teams ?? []).toHaveLength(0);
  });

  it('does not let the provider claim an account of another organisation by e-mail when a home organisation is set', async () => {
    const { user } = await createUser(t.app, { organisationId: otherOrgId });
    setAutoCreate(true);
    const { answer } = await signIn(idpAccount(user.email));
    expect(answer.location).toBe(FAILED);
    expect(await identities().countBy({ userId: user.id })).toBe(0);
  });

  it('does not link a second provider account to an account already linked to this provider', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    expect((await signIn(idpAccount(user.email))).answer.location).toBe(HOME);
    const intruder = await signIn(idpAccount(user.email));
    expect(intruder.answer.location).toBe(FAILED);
    expect(await identities().countBy({ userId: user.id })).toBe(1);
  });

  it('refuses a disabled account, whether found by e-mail or by linked identity, audited with its id', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    const sub = idpAccount(user.email);
    expect((await signIn(sub)).answer.location).toBe(HOME);
    await users().update(user.id, { disabledAt: new Date() });
    const linked = await signIn(sub);
    expect(linked.answer.location).toBe(FAILED);
    expect((await sessionOf(linked.b)).stage).toBe('anonymous');

    const other = await createUser(t.app, { organisationId: orgId });
    await users().update(other.user.id, { disabledAt: new Date() });
    expect((await signIn(idpAccount(other.user.email))).answer.location).toBe(FAILED);
    expect(await identities().countBy({ userId: other.user.id })).toBe(0);

    expect(await failedFor(user.id)).toHaveLength(1);
    expect(await failedFor(other.user.id)).toHaveLength(1);
    const logged = t.logs.filter((l) => l['msg'] === 'OIDC sign-in refused');
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'account-disabled', userId: other.user.id }),
      ]),
    );
  });

  it('refuses a forged ID token (re-signed with a foreign key under the provider kid)', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    const sub = idpAccount(user.email);
    const foreign = await generateKeyPair('RS256');
    idp.rewriteIdToken = async (token) => {
      const header = decodeProtectedHeader(token);
      return new SignJWT(decodeJwt(token))
        .setProtectedHeader({ alg: 'RS256', kid: header.kid as string })
        .sign(foreign.privateKey);
    };
    const { b, answer } = await signIn(sub);
    expect(answer.location).toBe(FAILED);
    expect((await sessionOf(b)).stage).toBe('anonymous');
    expect(await identities().countBy({ userId: user.id })).toBe(0);
    expect(t.logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: 'token-invalid' })]),
    );
  });

  it('refuses an expired ID token signed with the provider key', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    const sub = idpAccount(user.email);
    const now = Math.floor(Date.now() / 1000);
    idp.rewriteIdToken = async (token) =>
      new SignJWT({ ...decodeJwt(token), iat: now - 7200, exp: now - 3600 })
        .setProtectedHeader({ alg: 'RS256', kid: idp.signingKey.kid })
        .sign(idp.signingKey.privateKey);
    const { b, answer } = await signIn(sub);
    expect(answer.location).toBe(FAILED);
    expect((await sessionOf(b)).stage).toBe('anonymous');

    // The same re-signing with a valid expiry passes: the refusal above was the expiry.
    idp.rewriteIdToken = async (token) =>
      new SignJWT(decodeJwt(token))
        .setProtectedHeader({ alg: 'RS256', kid: idp.signingKey.kid })
        .sign(idp.signingKey.privateKey);
    expect((await signIn(sub)).answer.location).toBe(HOME);
  });

  it('refuses a mismatched state, a callback in another browser and a replayed callback', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId });
    const sub = idpAccount(user.email);
    const failedBefore = (await failedFor(null)).length;

    const tampered = browser();
    const callback = new URL(await authorize(tampered, sub));
    callback.searchParams.set('state', 'aangepast-door-een-aanvaller');
    expect((await tampered.get(callback.href)).location).toBe(FAILED);
    expect((await sessionOf(tampered)).stage).toBe('anonymous');

    // Login CSRF: the attacker's callback URL opened in the victim's browser.
    const attacker = browser();
    const planted = await authorize(attacker, sub);
    const victim = browser();
    expect((await victim.get(planted)).location).toBe(FAILED);
    expect((await sessionOf(victim)).stage).toBe('anonymous');

    // Replay: the same callback with the same transaction cookie, after it succeeded once.
    const honest = browser();
    const url = await authorize(honest, sub);
    const transaction = honest.cookies.get('casustafel_oidc') as string;
    expect((await honest.get(url)).location).toBe(HOME);
    const replay = browser();
    replay.cookies.set('casustafel_oidc', transaction);
    expect((await replay.get(url)).location).toBe(FAILED);
    expect((await sessionOf(replay)).stage).toBe('anonymous');

    expect((await failedFor(null)).length - failedBefore).toBe(3);
    expect(await identities().countBy({ userId: user.id })).toBe(1);
  });

  it('refuses an error answer from the provider and a tampered transaction cookie', async () => {
    const b = browser();
    await b.get(`${PUBLIC_URL}/api/auth/oidc/start`);
    const error = await b.get(`${CALLBACK}?error=access_denied&state=x&iss=${idp.issuer}`);
    expect(error.status).toBe(302);
    expect(error.location).toBe(FAILED);

    const c = browser();
    await c.get(`${PUBLIC_URL}/api/auth/oidc/start`);
    const sealed = c.cookies.get('casustafel_oidc') as string;
    c.cookies.set('casustafel_oidc', `${sealed.slice(0, -4)}AAAA`);
    expect((await c.get(`${CALLBACK}?code=x&state=y`)).location).toBe(FAILED);
  });
});
