import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, readyResponseSchema } from '@casustafel/contracts';

/**
 * The built api as a process, as `npm start` runs it: configuration errors, graceful shutdown
 * and restarts on the same data folder. Needs `nx build api` first (the target depends on it).
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const main = path.join(root, 'dist/apps/api/main.mjs');
const ORIGIN = 'http://casustafel.test';

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

/** The operator's token for the details of `/api/ready`. */
const READY_TOKEN = 'operator-token-for-readiness-details-0123';
describe('api process', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cst-process-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [{ DATABASE_URL: 'nonsense' }, 'DATABASE_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
  ])('stops on bad configuration %j with one line naming %s', (env, variable) => {
    const result = run(env);
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(result.stdout).toBe('');
  });

  it('bootstraps an organisation and its first administrator once, with an activation link', () => {
    const cli = path.join(root, 'dist/apps/api/cli.mjs');
    const env = {
      PATH: process.env['PATH'] ?? '',
      DATA_DIR: path.join(dir, 'bootstrap'),
      DEMO_MODE: 'false',
    };
    const args = [cli, 'bootstrap', 'Gemeente Teststad', 'ada@teststad.test', 'Ada Admin'];
    const first = spawnSync(process.execPath, args, {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/http:\/\/localhost:3000\/activeren#[A-Za-z0-9_-]{43}/);
    const again = spawnSync(process.execPath, args, {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(again.status).toBe(1);
    const verify = spawnSync(process.execPath, [cli, 'audit-verify'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(verify.stdout).toContain('Audit log intact: 1 events verified');
  });

  async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
    let output = '';
    const child = spawn(process.execPath, [main], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        DATA_DIR: path.join(dir, 'data'),
        ALLOWED_ORIGINS: ORIGIN,
        CLIENT_DIST: path.join(dir, 'no-client'),
        READY_DETAILS_TOKEN: READY_TOKEN,
      },
    });
    children.push(child);
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { child, output: () => output };
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`api did not become ready:\n${output}`);
  }

  function exited(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  it('shuts down gracefully on SIGTERM and reuses its data on the next start', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const first = await start(port);
    const ready = readyResponseSchema.parse(
      await (
        await fetch(`http://127.0.0.1:${port}/api/ready`, {
          headers: { authorization: `Bearer ${READY_TOKEN}` },
        })
      ).json(),
    );

    // Sign in as a demo user (demo mode is the default outside production): sockets need a session.
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({
        email: 'fatima@voorbeeldstad.nl',
        password: 'Voorbeeldstad-demo-2026',
      }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const socket = io(`http://127.0.0.1:${port}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: ORIGIN, cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) =>
      socket.once('disconnect', (reason) => resolve(reason)),
    );

    const started = Date.now();
    const exit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await disconnected).toMatch(/transport close|io server disconnect/);
    // JSON log lines (the demo banner in between is plain text for people).
    const lines = first
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining(['Shutting down', 'Embedded database closed', 'Stopped']),
    );
    expect(messages.indexOf('Embedded database closed')).toBeLessThan(messages.indexOf('Stopped'));

    const second = await start(port);
    const again = readyResponseSchema.parse(
      await (
        await fetch(`http://127.0.0.1:${port}/api/ready`, {
          headers: { authorization: `Bearer ${READY_TOKEN}` },
        })
      ).json(),
    );
    expect(again.instance?.id).toBe(ready.instance?.id);
    expect(second.output()).toContain('Instance reused');
    const secondExit = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await secondExit).toBe(0);
  });
});
