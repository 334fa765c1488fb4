// `npm run bench:transfer`: how many bytes a first visit transfers (issue 16 §1).
//
// Starts the built api (dist/apps/api/main.mjs, serving the built client) on a free port with an
// embedded in-memory database in demo mode (demo seed), drives Debian's Chromium through the
// routes with an empty cache each time, and prints the transferred bytes per route as the browser
// counts them (Chrome DevTools Protocol `encodedDataLength`: compressed bodies plus headers).
//
//   sign-in     a visitor opens /inloggen (not signed in)
//   live-room   a member (signed in, empty cache) opens a meeting's live room
//   journey     a visitor signs in and goes on to the live room (one page session)
//
// Builds api and client first when dist/ lacks them (BENCH_BUILD=1 forces a build).
// Exits 1 when a route is over its target (`--check`, as CI would use it).
// Every wait is bounded; all traffic stays on 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from './processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'dist/apps/api/main.mjs');
const INDEX = path.join(root, 'dist/apps/client/browser/index.html');
const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';
const CHAIR = 'fatima@voorbeeldstad.nl';
const MEMBER = 'sanne@voorbeeldstad.nl';
/** Targets of issue 16 §1, in kB of 1,000 bytes (as the budgets in apps/client/project.json). */
export const TARGETS = { 'sign-in': 150_000, 'live-room': 300_000 };

const check = process.argv.includes('--check');
const json = process.argv.includes('--json');
const verbose = process.argv.includes('--verbose');
const log = (line) => {
  if (!json) process.stdout.write(`${line}\n`);
};

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

async function startApi() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cst-transfer-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: 'memory://',
      PUBLIC_URL: baseUrl,
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
      // The bench signs in a few times from one address.
      RATE_LIMIT_PER_MINUTE: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (!(await answersOk(`${baseUrl}/api/ready`))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the api did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, stop };
}

/** Counts what the page transfers (every request of the page, including fetch/XHR). */
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const requests = new Map();
  const done = [];
  cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
    requests.set(requestId, {
      url: response.url,
      type,
      encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? '',
    });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (request) done.push({ ...request, bytes: encodedDataLength });
  });
  return {
    take() {
      const taken = done.splice(0);
      return taken;
    },
  };
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
}

async function signIn(page, email) {
  await page.goto('/inloggen');
  await page.getByTestId('login-heading').waitFor({ timeout: 15_000 });
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
  await page.getByTestId('user-name').waitFor({ timeout: 15_000 });
}

/** The chair plans a meeting of her team (through the api, from her page). */
async function planMeeting(page) {
  return page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const team = session.user.teams.find((t) => t.teamName === 'Wijkteam Noord');
    const call = async (method, url, body) => {
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url} → ${response.status}`);
      return response.json();
    };
    const meeting = await call('POST', `/api/teams/${team.teamId}/meetings`, {
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 90,
      chairId: session.user.id,
    });
    await call('POST', `/api/meetings/${meeting.id}/agenda`, {
      kind: 'mededeling',
      title: 'Werkinstructie huisbezoeken',
      timeBoxMinutes: 10,
      presenterUserId: session.user.id,
    });
    return meeting.id;
  });
}

async function openLiveRoom(page, meetingId) {
  await page.goto(`/overleggen/${meetingId}/live`);
  await page.getByTestId('live-heading').waitFor({ timeout: 15_000 });
  await page
    .locator('[data-testid="live-connection"][data-state="connected"]')
    .waitFor({ timeout: 15_000 });
  await page.getByTestId('live-agenda').waitFor({ timeout: 15_000 });
}

function summarise(route, entries) {
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const byType = {};
  for (const e of entries) byType[e.type] = (byType[e.type] ?? 0) + e.bytes;
  const uncompressed = entries
    .filter((e) => !e.encoding && e.bytes > 2_000 && ['Script', 'Stylesheet'].includes(e.type))
    .map((e) => new URL(e.url).pathname);
  return { route, requests: entries.length, bytes: total, byType, uncompressed, entries };
}

async function main() {
  if (process.env.BENCH_BUILD === '1' || !existsSync(MAIN) || !existsSync(INDEX)) {
    log('building api and client …');
    execFileSync(
      process.execPath,
      [
        'node_modules/nx/dist/bin/nx.js',
        'run-many',
        '-t',
        'build',
        '-p',
        'api',
        'client',
        '--outputStyle=static',
      ],
      { cwd: root, stdio: json ? 'ignore' : 'inherit' },
    );
  }
  const api = await startApi();
  // A browser that cannot start (no Chromium) must not leave the api running.
  const browser = await chromium
    .launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    .catch(async (error) => {
      await api.stop();
      throw error;
    });
  const results = [];
  try {
    const newContext = () =>
      browser.newContext({
        baseURL: api.baseUrl,
        viewport: { width: 1280, height: 800 },
        locale: 'nl-NL',
      });

    // 1. The sign-in page, first visit.
    {
      const context = await newContext();
      const page = await context.newPage();
      const m = await meter(page);
      await page.goto('/inloggen');
      await page.getByTestId('login-heading').waitFor({ timeout: 15_000 });
      await settle(page);
      results.push(summarise('sign-in', m.take()));
      await context.close();
    }

    // Set-up (not measured): the chair plans a meeting; the member's session cookie.
    const setup = await newContext();
    const chairPage = await setup.newPage();
    await signIn(chairPage, CHAIR);
    const meetingId = await planMeeting(chairPage);
    await setup.close();
    const memberSetup = await newContext();
    await signIn(await memberSetup.newPage(), MEMBER);
    const cookies = await memberSetup.cookies();
    await memberSetup.close();

    // 2. A signed-in member opens the live room with an empty cache.
    {
      const context = await newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const m = await meter(page);
      await openLiveRoom(page, meetingId);
      await settle(page);
      results.push(summarise('live-room', m.take()));
      await context.close();
    }

    // 3. The whole journey: sign in, then the live room (one page session, empty cache).
    {
      const context = await newContext();
      const page = await context.newPage();
      const m = await meter(page);
      await signIn(page, MEMBER);
      await openLiveRoom(page, meetingId);
      await settle(page);
      results.push(summarise('journey', m.take()));
      await context.close();
    }
  } finally {
    await browser.close();
    await api.stop();
  }

  let over = false;
  for (const r of results) {
    const target = TARGETS[r.route];
    const verdict = target ? (r.bytes <= target ? 'ok' : 'OVER') : '';
    if (target && r.bytes > target) over = true;
    const types = Object.entries(r.byType)
      .sort((a, b) => b[1] - a[1])
      .map(([t, b]) => `${t} ${(b / 1000).toFixed(1)}`)
      .join(', ');
    log(
      `${r.route.padEnd(10)} ${(r.bytes / 1000).toFixed(1).padStart(7)} kB in ${String(r.requests).padStart(2)} requests` +
        (target ? `  (target ≤ ${target / 1000} kB: ${verdict})` : '') +
        `  [${types}]`,
    );
    if (r.uncompressed.length > 0)
      log(`           sent uncompressed: ${r.uncompressed.join(', ')}`);
    if (verbose)
      for (const e of [...r.entries].sort((a, b) => b.bytes - a.bytes))
        log(
          `           ${(e.bytes / 1000).toFixed(1).padStart(7)} kB ${e.encoding.padEnd(4)} ${e.type.padEnd(10)} ${new URL(e.url).pathname}`,
        );
  }
  if (json)
    process.stdout.write(
      `${JSON.stringify({ targets: TARGETS, results: results.map((r) => ({ ...r, entries: undefined })) })}\n`,
    );
  if (check && over) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
