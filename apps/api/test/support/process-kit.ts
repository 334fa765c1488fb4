import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { generate } from 'otplib';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, LIVE_PATH, type SessionState } from '@casustafel/contracts';
import { TEST_PASSWORD } from '../factories/identity.factory';
import { BrowserClient } from './browser-client';
import { freePort, redisAnswers } from './redis-server';
import { type LiveClient, TEST_ORIGIN } from './test-app';

/** Helpers for tests that run the built api as real processes (`dist/apps/api/main.mjs`). */
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const builtMain = path.join(repoRoot, 'dist/apps/api/main.mjs');
/** The operator's token for the details of `/api/ready` in process tests. */
export const PROCESS_READY_TOKEN = 'operator-token-for-readiness-details-0123';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with `what` in the message. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]);
}

/** Polls `check` every 100 ms until it is truthy; rejects after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

export interface ApiProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** True while the process runs. */
  alive: () => boolean;
}

/**
 * Starts the built api with `env` (plus the basics) and waits until `/api/ready` answers 200,
 * at most `readyWithinMs`.
 */
export async function startApiProcess(
  name: string,
  env: Record<string, string>,
  readyWithinMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [builtMain], {
    cwd: repoRoot,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: TEST_ORIGIN,
      CLIENT_DIST: path.join(repoRoot, 'no-client-for-process-test'),
      DEMO_MODE: 'false',
      LOG_LEVEL: 'info',
      READY_DETAILS_TOKEN: PROCESS_READY_TOKEN,
      ...env,
    },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline && alive()) {
    const ok = await fetch(`${baseUrl}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { name, baseUrl, child, output: () => output, alive };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`instance ${name} did not become ready:\n${output}`);
}

/** Stops a process started here: SIGTERM, then SIGKILL after `ms`. */
export async function stopApiProcess(instance: ApiProcess | undefined, ms = 15_000) {
  if (!instance || !instance.alive()) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await within(exited, ms, `instance ${instance.name} stopping`).catch(() =>
    instance.child.kill('SIGKILL'),
  );
}

/** `/api/ready` as the operator reads it. */
export async function operatorReadiness(baseUrl: string): Promise<{
  httpStatus: number;
  body: {
    status: string;
    degraded?: string[];
    checks?: { redis?: { status: string; downSince: string | null } };
  };
}> {
  const res = await fetch(`${baseUrl}/api/ready`, {
    headers: { authorization: `Bearer ${PROCESS_READY_TOKEN}` },
    signal: AbortSignal.timeout(5_000),
  });
  return { httpStatus: res.status, body: (await res.json()) as never };
}

/** Password + TOTP sign-in against a running instance. */
export async function signInProcess(
  baseUrl: string,
  email: string,
  secret: string,
): Promise<BrowserClient> {
  const client = new BrowserClient(baseUrl);
  const login = await client.post<SessionState>('/api/auth/login', {
    email,
    password: TEST_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000), period: 30 });
  const passed = await client.post<SessionState>('/api/auth/second-factor', { code });
  if (passed.body.stage !== 'complete') throw new Error('second factor not passed');
  return client;
}

/** A live socket to an instance with a browser's cookies (no automatic reconnection). */
export function connectProcessSocket(baseUrl: string, cookie: string): Promise<LiveClient> {
  const socket: LiveClient = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    path: LIVE_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 3000,
    extraHeaders: { origin: TEST_ORIGIN, cookie },
  });
  return within(
    new Promise<LiveClient>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    }),
    5000,
    `socket to ${baseUrl}`,
  );
}

/**
 * A redis-server of the test's own on a fixed port, which the test stops and starts again
 * (an outage), unlike `startTestRedis` (which may share the machine's Redis).
 */
export class OwnRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.up();
    return redis;
  }

  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    await waitFor(() => redisAnswers(this.port, 500), 10_000, `redis-server on ${this.port}`);
  }

  /** An abrupt outage: the server is killed, its connections drop. */
  async down(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await within(exited, 5_000, 'redis-server stopping');
  }
}
