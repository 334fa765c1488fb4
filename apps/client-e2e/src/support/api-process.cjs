// Starts and stops the built api (which serves the built client) for the browser tests:
// each instance on its own free port, with a fresh temporary DATA_DIR and its own environment.
// Used by the global setup (the shared demo api) and by test files that need another
// configuration (for example DEMO_MODE=false with a short idle timeout).
const { execFile, spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../../../..');
const MAIN = path.join(root, 'dist/apps/api/main.mjs');
const CLI = path.join(root, 'dist/apps/api/cli.mjs');

/** GET `url` without keep-alive (no socket outlives the check); resolves whether it answered 2xx. */
function answersOk(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode >= 200 && response.statusCode < 300);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** A bounded wait that does not keep the test process alive once the race is decided. */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The environment of an instance: only PATH from the outside, then the instance's own values. */
function instanceEnv(port, dataDir, extra) {
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * Prepares an instance (port, DATA_DIR, environment) without starting it, so that cli commands
 * can run against its database first (PGlite is single-process: never while the api runs).
 */
async function prepareApi(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cst-e2e-'));
  return {
    port,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    env: instanceEnv(port, dataDir, env),
  };
}

/** Runs `node dist/apps/api/cli.mjs <args>` against the prepared instance's database. */
function runCli(prepared, args, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: root, env: prepared.env, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`cli ${args[0]} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Starts the prepared instance and waits (bounded) until /api/ready answers: 90 s, or
 * `E2E_API_START_MS` on a machine shared by many builds.
 */
async function launchApi(prepared, timeoutMs = Number(process.env.E2E_API_START_MS) || 90_000) {
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    cwd: root,
    env: prepared.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const api = {
    ...prepared,
    child,
    output: () => output,
    stop: () => stopApi(api),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answersOk(`${prepared.baseUrl}/api/ready`)) return api;
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      await stopApi(api);
      throw new Error(`The api did not start for the browser tests:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Prepares and starts an instance with `env` on top of the defaults. */
async function startApi(env = {}) {
  return launchApi(await prepareApi(env));
}

/** Stops an instance (SIGTERM, then SIGKILL after a bounded wait) and removes its DATA_DIR. */
async function stopApi(api, graceMs = 10_000) {
  if (!api) return;
  const { child } = api;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, delay(graceMs)]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await Promise.race([exited, delay(2_000)]);
    }
  }
  rmSync(api.dataDir, { recursive: true, force: true });
}

module.exports = { freePort, prepareApi, runCli, launchApi, startApi, stopApi };
