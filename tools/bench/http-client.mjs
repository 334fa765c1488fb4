// The benchmarks' HTTP side: a browser-like client, account activation and sign-in with TOTP,
// and a fresh PostgreSQL database per run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generate } from 'otplib';
import { PASSWORD, HTTP_TIMEOUT_MS } from './processes.mjs';

/**
 * A browser-like HTTP client: keeps its cookies, sends Origin on state-changing requests and
 * the session's CSRF token once known.
 */
class HttpClient {
  cookies = new Map();
  csrfToken = null;

  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, urlPath, body) {
    const headers = {};
    if (this.cookies.size > 0) headers['cookie'] = this.cookieHeader;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      headers['origin'] = this.baseUrl;
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const v = value.join('=');
      if (v === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, v);
    }
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    const token = parsed?.csrfToken ?? parsed?.session?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    if (response.status >= 300) {
      throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return parsed;
  }

  post(urlPath, body = {}) {
    return this.request('POST', urlPath, body);
  }
}

/** A TOTP code valid now and at least one step later than any code already used. */
function nextTotp(secret) {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30, period: 30 });
}

function expectStage(state, stage, who) {
  const actual = state?.stage ?? state?.session?.stage;
  if (actual !== stage) throw new Error(`${who}: expected session stage ${stage}, got ${actual}`);
}

/** Activation link → password → TOTP enrolment; returns the account's TOTP secret and id. */
export async function activateAccount(baseUrl, activationPath, who) {
  const token = activationPath.slice(activationPath.indexOf('#') + 1);
  const client = new HttpClient(baseUrl);
  const activated = await client.post('/api/auth/activate', { token, password: PASSWORD });
  expectStage(activated, 'enrol-second-factor', who);
  const enrolment = await client.post('/api/auth/totp/enrolment');
  const code = await generate({
    secret: enrolment.secret,
    epoch: Math.floor(Date.now() / 1000),
    period: 30,
  });
  const confirmed = await client.post('/api/auth/totp/enrolment/confirm', { code });
  expectStage(confirmed, 'complete', who);
  await client.post('/api/auth/logout');
  return { secret: enrolment.secret, userId: activated.user.id };
}

/** A real sign-in: password, then a TOTP code. Returns the signed-in client. */
export async function signIn(baseUrl, email, secret) {
  const client = new HttpClient(baseUrl);
  expectStage(
    await client.post('/api/auth/login', { email, password: PASSWORD }),
    'second-factor',
    email,
  );
  expectStage(
    await client.post('/api/auth/second-factor', { code: await nextTotp(secret) }),
    'complete',
    email,
  );
  return client;
}

/** A new, empty database on the PostgreSQL server of `adminUrl`; `drop()` removes it. */
export async function createDatabase(adminUrl) {
  const name = `cst_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
