// The two servers of `npm run bench:live`, each a child process on its own free 127.0.0.1 port:
// the built Casustafel api (fresh embedded database, real accounts signed in with password and
// TOTP, real meetings) and the bare socket.io baseline (baseline-server.mjs).
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { root, MAIN, CLI, PARTICIPANTS, freePort, runNode, spawnServer } from './processes.mjs';
import { activateAccount, signIn, createDatabase } from './http-client.mjs';
export {
  root,
  PARTICIPANTS,
  delay,
  freePort,
  rssMiB,
  machineBusySeconds,
  cpuSeconds,
  startRedis,
  startBaseline,
} from './processes.mjs';

/** Whether the api at `baseUrl` answers its readiness check (within 2 s). */
async function apiReady(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/api/ready`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
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
      () => apiReady(baseUrl),
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
        () => apiReady(`http://127.0.0.1:${instancePort}`),
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
