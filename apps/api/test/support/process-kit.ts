import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from '@jest/globals';
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

/** A child process of the test, its output collected. */
export interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** True while the process runs. */
  alive: () => boolean;
}

export interface ApiProcess extends Spawned {
  name: string;
  port: number;
  baseUrl: string;
}

/** Spawns `command` in the repository with exactly `env`, collecting stdout and stderr. */
export function spawnLogged(command: string, args: string[], env: Record<string, string>): Spawned {
  let output = '';
  const child = spawn(command, args, { cwd: repoRoot, env });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Polls `url` until it answers 2xx; else kills `proc` and fails with its output. */
export async function untilReady(url: string, proc: Spawned, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && proc.alive()) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  proc.child.kill('SIGKILL');
  throw new Error(`${what} did not become ready:\n${proc.output()}`);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end (killed after `timeoutMs`); a command that cannot start: code -1. */
export function runToEnd(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: String(error) });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface LaunchOptions {
  /** Arguments for node before the script (`--enable-source-maps`, as the image runs it). */
  nodeArgs?: string[];
  /** How long it may take to answer `/api/ready` with 200 (default 60 s). */
  readyWithinMs?: number;
  /** The port (a free one unless given: a restart on the same port). */
  port?: number;
}

/**
 * Starts the built api with exactly `env` (plus PATH and PORT) and waits until `/api/ready`
 * answers 200; kills it and fails with its output when it does not.
 */
export async function launchBuiltApi(
  name: string,
  env: Record<string, string>,
  options: LaunchOptions = {},
): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const proc = spawnLogged(process.execPath, [...(options.nodeArgs ?? []), builtMain], {
    PATH: process.env['PATH'] ?? '',
    PORT: String(port),
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilReady(`${baseUrl}/api/ready`, proc, `instance ${name}`, options.readyWithinMs);
  return { ...proc, name, port, baseUrl };
}

/**
 * Starts the built api with `env` plus the basics of a process test (test mode on 127.0.0.1,
 * the test origin, no client, no demo, the operator's readiness token); see launchBuiltApi.
 */
export function startApiProcess(
  name: string,
  env: Record<string, string>,
  options: LaunchOptions = {},
): Promise<ApiProcess> {
  return launchBuiltApi(
    name,
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: TEST_ORIGIN,
      CLIENT_DIST: path.join(repoRoot, 'no-client-for-process-test'),
      DEMO_MODE: 'false',
      LOG_LEVEL: 'info',
      READY_DETAILS_TOKEN: PROCESS_READY_TOKEN,
      ...env,
    },
    options,
  );
}

/** The exit code of the process (null when a signal ended it), once it has ended. */
export function exitOf(proc: Spawned): Promise<number | null> {
  if (!proc.alive()) return Promise.resolve(proc.child.exitCode);
  return new Promise((resolve) => proc.child.once('exit', (code) => resolve(code)));
}

/** Stops a process started here: SIGTERM, then SIGKILL after `ms`. */
export async function stopApiProcess(instance: Spawned | undefined, ms = 15_000) {
  if (!instance || !instance.alive()) return;
  const exited = exitOf(instance);
  instance.child.kill('SIGTERM');
  await within(exited, ms, 'process stopping').catch(() => instance.child.kill('SIGKILL'));
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

/** The password of the demo accounts (demo mode seeds them). */
export const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';

/** Signs a demo account in (no second factor) with a bare fetch: its session cookie and state. */
export async function demoSignIn(
  baseUrl: string,
  email: string,
): Promise<{ cookie: string; session: SessionState }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as SessionState;
  return { cookie: (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '', session };
}

/**
 * A live socket to an instance with a browser's cookies (no automatic reconnection); socket.io
 * gives up after `timeoutMs`, this after `withinMs`.
 */
export function connectProcessSocket(
  baseUrl: string,
  cookie: string,
  { timeoutMs = 3000, withinMs = 5000 } = {},
): Promise<LiveClient> {
  const socket: LiveClient = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    path: LIVE_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
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
    withinMs,
    `socket to ${baseUrl}`,
  ).catch((error: unknown) => {
    socket.close();
    throw error;
  });
}

/** Tries `attempt` every 100 ms until it succeeds; the last failure after `ms`. */
export async function retryFor<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
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
