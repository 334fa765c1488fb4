import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, Socket } from 'node:net';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** A channel prefix of its own, so parallel test runs on one Redis never see each other. */
  channelPrefix: string;
  /** Whether this helper started the server (and `stop` ends it). */
  spawned: boolean;
  stop(): Promise<void>;
}

/** Sends PING over a raw connection; true when the answer is +PONG within `timeoutMs`. */
export function redisAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A Redis for a test: the one on 127.0.0.1:6379 when it answers PING, otherwise Debian's
 * `redis-server` started on a free port without persistence, and stopped by `stop()`.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const channelPrefix = `cst-test-${randomBytes(6).toString('hex')}`;
  if (await redisAnswers(6379)) {
    return {
      url: 'redis://127.0.0.1:6379',
      channelPrefix,
      spawned: false,
      stop: async () => undefined,
    };
  }
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8', timeout: 5000 });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'No Redis on 127.0.0.1:6379 and no `redis-server` binary to start one: ' +
        "install Debian's package (`apt-get install -y redis-server`) or start Redis on 6379.",
    );
  }
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(port, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    channelPrefix,
    spawned: true,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
