import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, readyResponseSchema } from '@casustafel/contracts';
import {
  type ApiProcess,
  builtMain as main,
  demoSignIn,
  exitOf,
  launchBuiltApi,
  PROCESS_READY_TOKEN as READY_TOKEN,
  repoRoot as root,
} from '../support/process-kit';
import { TEST_ORIGIN as ORIGIN } from '../support/test-app';

/**
 * The built api as a process, as `npm start` runs it: configuration errors, graceful shutdown
 * and restarts on the same data folder. Needs `nx build api` first (the target depends on it).
 */

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('api process', () => {
  let dir: string;
  const children: ApiProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cst-process-'));
  });

  afterAll(async () => {
    for (const api of children) if (api.alive()) api.child.kill('SIGKILL');
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

  async function start(port: number): Promise<ApiProcess> {
    const api = await launchBuiltApi(
      'api',
      {
        DATA_DIR: path.join(dir, 'data'),
        ALLOWED_ORIGINS: ORIGIN,
        CLIENT_DIST: path.join(dir, 'no-client'),
        READY_DETAILS_TOKEN: READY_TOKEN,
      },
      { port, readyWithinMs: 20_000 },
    );
    children.push(api);
    return api;
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
    const { cookie } = await demoSignIn(first.baseUrl, 'fatima@voorbeeldstad.nl');
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
    const exit = exitOf(first);
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
    const secondExit = exitOf(second);
    second.child.kill('SIGTERM');
    expect(await secondExit).toBe(0);
  });
});
