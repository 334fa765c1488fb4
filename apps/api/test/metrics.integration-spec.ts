import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { MetricsEndpoint } from '../src/modules/metrics/metrics.endpoint';
import { MetricsService } from '../src/modules/metrics/metrics.service';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, type TestDatabase, testEngines } from './support/engines';
import { startTestRedis, type TestRedis } from './support/redis-server';
import { nextEvent, pollUntil, startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'metrics-token-0123456789-abcdefghijklmnop';

/** `name{labels} value` lines of the exposition text whose name and labels match. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

async function scrape(url: string, token: string | null = TOKEN) {
  const res = await fetch(url, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe.each(testEngines())('Prometheus metrics (%s)', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let metricsPortUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({
      ...db.env,
      DEMO_MODE: 'true',
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: '0',
    });
    const port = t.app.get(MetricsEndpoint).boundPort();
    expect(port).not.toBeNull();
    metricsPortUrl = `http://127.0.0.1:${port}/metrics`;
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('refuses a scrape without the token, or with a wrong one, on both ports', async () => {
    for (const url of [`${t.baseUrl}/metrics`, metricsPortUrl]) {
      const none = await scrape(url, null);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect(none.text).not.toContain('casustafel_');
      expect((await scrape(url, `${TOKEN}x`)).status).toBe(401);
      expect((await scrape(url, TOKEN.replace(/.$/, 'q'))).status).toBe(401);
    }
  });

  it('after requests and a live connection, the series exist with sane values', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
    const meetingId = randomUUID();
    // A route with an id (refused: not signed in) — the label must be the template.
    expect((await fetch(`${t.baseUrl}/api/meetings/${meetingId}`)).status).toBe(401);

    const browser = new BrowserClient(t.baseUrl);
    const login = await browser.post('/api/auth/login', {
      email: 'fatima@voorbeeldstad.nl',
      password: 'Voorbeeldstad-demo-2026',
    });
    expect(login.status).toBe(200);
    const socket = t.connectLive({ cookie: browser.cookieHeader });
    await nextEvent(socket, 'connect');

    const { status, headers, text } = await scrape(`${t.baseUrl}/metrics`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    const http = 'casustafel_http_request_duration_seconds';
    const health = samples(text, `${http}_count`, {
      method: 'GET',
      route: '/api/health',
      status_code: '200',
    });
    expect(health).toEqual([3]);
    expect(
      samples(text, `${http}_count`, { route: '/api/meetings/:meetingId', status_code: '401' }),
    ).toEqual([1]);
    expect(samples(text, `${http}_bucket`, { route: '/api/health', le: '+Inf' })).toEqual([3]);
    expect(samples(text, `${http}_sum`, { route: '/api/health' })[0]).toBeGreaterThan(0);
    // No id in any label: route templates only.
    expect(text).not.toContain(meetingId);

    expect(samples(text, 'casustafel_live_sockets')).toEqual([1]);
    expect(samples(text, 'casustafel_live_rooms', { kind: 'user' })).toEqual([1]);
    expect(samples(text, 'casustafel_live_rooms', { kind: 'session' })).toEqual([1]);
    const total = samples(text, 'casustafel_db_pool_connections', { state: 'total' });
    expect(total).toHaveLength(1);
    expect(total[0]).toBeGreaterThanOrEqual(1);
    expect(samples(text, 'casustafel_db_pool_connections', { state: 'waiting' })).toHaveLength(1);
    const lag = samples(text, 'nodejs_eventloop_lag_seconds');
    expect(lag).toHaveLength(1);
    expect(lag[0]).toBeGreaterThanOrEqual(0);
    expect(lag[0]).toBeLessThan(5);
    expect(samples(text, 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
    // Without REDIS_URL there is no Redis state to report.
    expect(samples(text, 'casustafel_redis_up')).toEqual([]);

    socket.disconnect();
    await pollUntil(
      async () => samples((await scrape(metricsPortUrl)).text, 'casustafel_live_sockets'),
      (v) => v[0] === 0,
    );
  });

  it('lets another module register a gauge (the job queue’s depth)', async () => {
    let depth = 7;
    t.app.get(MetricsService).registerGauge({
      name: 'casustafel_jobs_queued_test',
      help: 'Jobs waiting, by queue (test)',
      labelNames: ['queue'],
      collect: async () => [{ labels: { queue: 'reminders' }, value: depth }],
    });
    const first = await scrape(metricsPortUrl);
    expect(samples(first.text, 'casustafel_jobs_queued_test', { queue: 'reminders' })).toEqual([7]);
    depth = 2;
    const second = await scrape(metricsPortUrl);
    expect(samples(second.text, 'casustafel_jobs_queued_test', { queue: 'reminders' })).toEqual([
      2,
    ]);
  });

  it('reports the job queue’s depth by job name and state', async () => {
    const first = (await scrape(metricsPortUrl)).text;
    // The recurring jobs queued at start wait for their next cron run.
    for (const name of ['sessions:sweep', 'notes:compact', 'retention:sweep'])
      expect([name, samples(first, 'casustafel_jobs', { name, state: 'scheduled' })]).toEqual([
        name,
        [1],
      ]);
    expect(samples(first, 'casustafel_jobs', { name: 'metrics:probe' })).toEqual([]);

    // Jobs nobody works on here stay due (and one for later is scheduled).
    const jobs = t.app.get(JobsService);
    await jobs.schedule('metrics:probe', {});
    await jobs.schedule('metrics:probe', {});
    await jobs.schedule('metrics:probe', {}, { runAt: new Date(Date.now() + 3600_000) });
    const second = (await scrape(`${t.baseUrl}/metrics`)).text;
    const probe = (state: string) =>
      samples(second, 'casustafel_jobs', { name: 'metrics:probe', state });
    expect([probe('due'), probe('scheduled'), probe('active'), probe('failed')]).toEqual([
      [2],
      [1],
      [0],
      [0],
    ]);
  });
});

describe('metrics switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: 'memory://' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves no /metrics without METRICS_TOKEN or METRICS_PORT', async () => {
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('casustafel_');
    expect(t.app.get(MetricsEndpoint).boundPort()).toBeNull();
  });
});

describe('metrics with Redis', () => {
  let redis: TestRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startTestRedis();
    t = await startTestApp({
      DATA_DIR: 'memory://',
      REDIS_URL: redis.url,
      REDIS_CHANNEL_PREFIX: redis.channelPrefix,
      METRICS_TOKEN: TOKEN,
    });
  });

  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('reports the shared limits’ Redis connection as up', async () => {
    const up = await pollUntil(
      async () => samples((await scrape(`${t.baseUrl}/metrics`)).text, 'casustafel_redis_up'),
      (v) => v[0] === 1,
    );
    expect(up).toEqual([1]);
  });
});
