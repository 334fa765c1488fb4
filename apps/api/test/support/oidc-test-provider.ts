import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** An account at the test identity provider; its key in `accounts` is the subject. */
export interface TestIdpAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`: the issuer and the only address the provider answers on. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** subject → account; tests add, change and remove accounts at will. */
  accounts: Map<string, TestIdpAccount>;
  /** The provider's signing key (RS256) and its kid, so tests can re-sign tokens as the provider. */
  signingKey: { privateKey: CryptoKey; kid: string };
  /** When set, the token endpoint's `id_token` is replaced by what this returns. */
  rewriteIdToken: ((idToken: string) => Promise<string>) | null;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1, port 0, with one confidential client and
 * a JWKS generated here. Its login "page" is a minimal interaction handled in this process: the
 * browser (the test) sends `GET /interaction/<uid>/submit?account=<sub>&amr=pwd,mfa`, which
 * signs that account in and grants the requested scopes.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
}): Promise<TestOidcProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-signing-key';
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestIdpAccount>();
  const clientId = 'casustafel';
  const clientSecret = 'test-client-secret-0123456789abcdef';

  let provider: Provider | null = null;
  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    const interaction = /^\/interaction\/([^/?]+)(\/submit)?(?:\?|$)/.exec(req.url ?? '');
    if (interaction) {
      handleInteraction(provider, Boolean(interaction[2]), req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const handle: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signingKey: { privateKey, kid },
    rewriteIdToken: null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      iss: null,
      sid: null,
      // Like most enterprise providers: the authentication methods always in the ID token.
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          ...(account.name ? { name: account.name } : {}),
        }),
      };
    },
  });
  // Rewrites the token endpoint's answer in place: the api sees exactly what a provider sent.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (
      handle.rewriteIdToken &&
      ctx.method === 'POST' &&
      ctx.path === '/token' &&
      ctx.status === 200 &&
      typeof body?.id_token === 'string'
    ) {
      ctx.body = { ...body, id_token: await handle.rewriteIdToken(body.id_token) };
    }
  });
  return handle;
}

async function handleInteraction(
  provider: Provider,
  submit: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (!submit) {
    // The "login page".
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Inloggen</title><p>${details.prompt.name}</p>`);
    return;
  }
  const query = new URL(req.url ?? '/', 'http://idp.invalid').searchParams;
  const accountId = details.session?.accountId ?? query.get('account');
  if (!accountId) throw new Error('no account given');
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
  if (!grant) throw new Error('grant vanished');
  grant.addOIDCScope(String(details.params['scope']));
  const grantId = await grant.save();
  const amr = query.get('amr')?.split(',').filter(Boolean);
  await provider.interactionFinished(
    req,
    res,
    {
      ...(details.prompt.name === 'login'
        ? { login: { accountId, ...(amr?.length ? { amr } : {}) } }
        : {}),
      consent: { grantId },
    },
    { mergeWithLastSubmission: false },
  );
}
