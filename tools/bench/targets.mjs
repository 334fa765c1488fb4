// The two servers of `npm run bench:live`, each a child process on its own free 127.0.0.1 port:
// the built Casustafel api (fresh embedded database, real accounts signed in with password and
// TOTP, real meetings) and the bare socket.io baseline (baseline-server.mjs).
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'dist/apps/api/main.mjs');
const CLI = path.join(root, 'dist/apps/api/cli.mjs');
const BASELINE = path.join(root, 'tools/bench/baseline-server.mjs');

export const PARTICIPANTS = 25;
const PASSWORD = 'lange-zin-met-fietsbel-42';
const HTTP_TIMEOUT_MS = 30_000;

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident set size of a process in MiB (Linux /proc), or null when unavailable. */
export function rssMiB(pid) {
  // Several instances: their sum.
  if (Array.isArray(pid)) return sumOf(pid.map(rssMiB));
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function sumOf(values) {
  return values.some((v) => v === null) ? null : values.reduce((a, b) => a + b, 0);
}

/** CPU seconds of the whole machine (all processes, all cores) from /proc/stat, or null. */
export function machineBusySeconds() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc), or null. */
export function cpuSeconds(pid) {
  if (Array.isArray(pid)) return sumOf(pid.map(cpuSeconds));
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat; the slice starts at field 3.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function runNode(args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** Spawns `node <args>` and resolves once `ready()` resolves true (bounded), else kills it. */
async function spawnServer(name, args, env, ready, timeoutMs = 60_000) {
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  // BENCH_SERVER_LOG=<file>: keep the server's whole output there (for --trace-gc and the like).
  if (process.env['BENCH_SERVER_LOG']) {
    const file = createWriteStream(
      `${process.env['BENCH_SERVER_LOG']}.${name.replace(/\W+/g, '-')}`,
    );
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  }
  const server = {
    name,
    child,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(15_000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await Promise.race([exited, delay(2_000)]);
      }
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready(output)) return server;
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${name} did not start:\n${output}`);
    }
    await delay(100);
  }
}

/** A throw-away Redis server (`redis-server` on PATH) for the two-instance mode. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not start');
    }
    await delay(100);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await delay(200);
    },
  };
}

/** The bare socket.io baseline. */
export async function startBaseline() {
  const port = await freePort();
  const server = await spawnServer(
    'baseline',
    [BASELINE],
    { PATH: process.env['PATH'] ?? '', PORT: String(port) },
    async (output) => output.includes('listening'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return { ...server, baseUrl, origin: baseUrl };
}

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
async function activateAccount(baseUrl, activationPath, who) {
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
async function signIn(baseUrl, email, secret) {
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
async function createDatabase(adminUrl) {
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

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function pool(count, concurrency, task) {
  let next = 0;
  const results = new Array(count);
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * Builds the api, bootstraps an organisation on a fresh embedded database (or the empty
 * PostgreSQL database of BENCH_DATABASE_URL), starts the api and prepares one team of 25 real
 * accounts, each signed in over HTTP with password + TOTP. Returns the target plus
 * `createMeetings(count)`.
 */
export async function startApi({
  build = true,
  log = (line) => void line,
  env: extraEnv = {},
} = {}) {
  if (build) {
    log('building the api (apps/api/build.mjs) …');
    await runNode([path.join(root, 'apps/api/build.mjs')], process.env, 180_000);
  }
  const port = await freePort();
  // BENCH_DATA_PARENT=/dev/shm keeps the embedded database in memory (tmpfs: no disk writes).
  const dataDir = mkdtempSync(
    path.join(process.env['BENCH_DATA_PARENT'] || os.tmpdir(), 'cst-bench-'),
  );
  // BENCH_POSTGRES_URL: run on a fresh database of that PostgreSQL server instead (dropped after).
  const database = process.env['BENCH_POSTGRES_URL']
    ? await createDatabase(process.env['BENCH_POSTGRES_URL'])
    : null;
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'production',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    ALLOWED_ORIGINS: baseUrl,
    DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    CLIENT_DIST: path.join(dataDir, 'no-client'),
    LOG_LEVEL: 'warn',
    // Setup signs in 25 accounts and creates hundreds of meetings from one address.
    RATE_LIMIT_PER_MINUTE: '1000000',
    SESSION_IDLE_TIMEOUT_SECONDS: '7200',
    // 25 accounts hold N sockets each (one per meeting): above a person's cap of connections.
    LIVE_SOCKETS_PER_USER: '1000',
    ...extraEnv,
  };
  const adminEmail = 'voorzitter@benchstad.test';
  let server = null;
  const stop = async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    const bootstrap = await runNode(
      [CLI, 'bootstrap', 'Gemeente Benchstad', adminEmail, 'Bench Voorzitter'],
      env,
      60_000,
    );
    const activationPath = /\/activeren#[A-Za-z0-9_-]+/.exec(bootstrap)?.[0];
    if (!activationPath) throw new Error(`bootstrap printed no activation link:\n${bootstrap}`);
    server = await spawnServer(
      'api',
      [
        // As `npm start` does.
        '--enable-source-maps',
        '--v8-pool-size=1',
        // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of the api there (open in Chrome DevTools).
        ...(process.env['BENCH_CPU_PROF']
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
          : []),
        // BENCH_API_NODE_ARGS: more options for the api's node (e.g. --trace-gc).
        ...(process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
        MAIN,
      ],
      env,
      async () => {
        try {
          const response = await fetch(`${baseUrl}/api/ready`, {
            signal: AbortSignal.timeout(2_000),
          });
          await response.arrayBuffer();
          return response.ok;
        } catch {
          return false;
        }
      },
      90_000,
    );
    const target = await prepare(server, activationPath);
    /**
     * Another api process on the same database and Redis (the two-instance mode): same
     * configuration, its own port. Returns its base URL and pid; stopped with the target.
     */
    const extra = [];
    target.addInstance = async () => {
      const instancePort = await freePort();
      const instance = await spawnServer(
        `api-${extra.length + 2}`,
        ['--enable-source-maps', '--v8-pool-size=1', MAIN],
        { ...env, PORT: String(instancePort) },
        async () => {
          try {
            const response = await fetch(`http://127.0.0.1:${instancePort}/api/ready`, {
              signal: AbortSignal.timeout(2_000),
            });
            await response.arrayBuffer();
            return response.ok;
          } catch {
            return false;
          }
        },
        90_000,
      );
      extra.push(instance);
      return { baseUrl: `http://127.0.0.1:${instancePort}`, pid: instance.pid };
    };
    const stopFirst = target.stop;
    target.stop = async () => {
      await Promise.all(extra.map((instance) => instance.stop()));
      await stopFirst();
    };
    return target;
  } catch (error) {
    await stop();
    throw error;
  }

  async function prepare(api, activationPath) {
    log('creating the organisation, a team and 25 accounts (activation + TOTP enrolment) …');
    const chair = await activateAccount(baseUrl, activationPath, adminEmail);
    const admin = await signIn(baseUrl, adminEmail, chair.secret);
    const team = await admin.post('/api/admin/teams', {
      name: 'Wijkteam Bench',
      type: 'integraal',
    });
    await admin.request('PUT', `/api/admin/teams/${team.id}/members/${chair.userId}`, {
      roles: ['member', 'chair'],
    });
    const accounts = [{ email: adminEmail, secret: chair.secret, userId: chair.userId }];
    const invited = await pool(PARTICIPANTS - 1, 4, async (i) => {
      const email = `deelnemer${i + 1}@benchstad.test`;
      const invite = await admin.post('/api/admin/users', {
        displayName: `Deelnemer ${String.fromCharCode(65 + i)}`,
        email,
        discipline: 'generalist',
        teamId: team.id,
        roles: ['member'],
      });
      const { secret, userId } = await activateAccount(baseUrl, invite.activationPath, email);
      return { email, secret, userId };
    });
    accounts.push(...invited);
    log('signing in 25 accounts (password + TOTP) …');
    // The chair is signed in already (its code of the next step is used up).
    const clients = [
      admin,
      ...(await pool(invited.length, 4, (i) =>
        signIn(baseUrl, invited[i].email, invited[i].secret),
      )),
    ];
    const users = accounts.map((a, i) => ({ userId: a.userId, cookie: clients[i].cookieHeader }));
    // The chair's own session for REST; its live sockets use users[0].cookie.
    const chairRest = clients[0];

    /** Creates `count` meetings of the team, each with one agenda item for the notes. */
    const createMeetings = (count) =>
      pool(count, 4, async () => {
        const meeting = await chairRest.post(`/api/teams/${team.id}/meetings`, {
          startsAt: new Date().toISOString(),
          durationMinutes: 240,
          chairId: chair.userId,
          timekeeperId: null,
          minuteTakerId: null,
        });
        const detail = await chairRest.post(`/api/meetings/${meeting.id}/agenda`, {
          kind: 'overig',
          title: 'Lopende zaken',
          presenterUserId: chair.userId,
          timeBoxMinutes: 120,
        });
        return { meetingId: meeting.id, itemId: detail.agenda[0].id };
      });

    return {
      ...api,
      name: 'Casustafel',
      baseUrl,
      origin: baseUrl,
      users,
      createMeetings,
      /** The PostgreSQL database's URL (BENCH_POSTGRES_URL runs), for the soak's size readings. */
      databaseUrl: database?.url ?? null,
      stop,
    };
  }
}

/** The baseline's stand-ins for accounts and meetings (no accounts, any ids). */
export function baselineFixtures() {
  return {
    users: Array.from({ length: PARTICIPANTS }, () => ({ userId: randomUUID(), cookie: '' })),
    createMeetings: async (count) =>
      Array.from({ length: count }, () => ({ meetingId: randomUUID(), itemId: randomUUID() })),
  };
}
