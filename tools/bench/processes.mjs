// Child processes of the benchmarks: free ports, memory and CPU of a process, the api's CLI,
// servers started and awaited (Redis, the socket.io baseline).
import net from 'node:net';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = path.join(root, 'dist/apps/api/main.mjs');
export const CLI = path.join(root, 'dist/apps/api/cli.mjs');
const BASELINE = path.join(root, 'tools/bench/baseline-server.mjs');

export const PARTICIPANTS = 25;
export const PASSWORD = 'lange-zin-met-fietsbel-42';
export const HTTP_TIMEOUT_MS = 30_000;

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

export function runNode(args, env, timeoutMs) {
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
export async function spawnServer(name, args, env, ready, timeoutMs = 60_000) {
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
