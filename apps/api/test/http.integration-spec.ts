import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  errorResponseSchema,
  healthResponseSchema,
  readyResponseSchema,
} from '@casustafel/contracts';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { pollUntil, startTestApp, type TestApp } from './support/test-app';

/** The operator's token for the details of `/api/ready`. */
const READY_TOKEN = 'operator-token-for-readiness-details-0123';
describe.each(testEngines())('HTTP api on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let clientDir: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    clientDir = await mkdtemp(path.join(tmpdir(), 'cst-client-'));
    await writeFile(
      path.join(clientDir, 'index.html'),
      '<!doctype html><html lang="nl"><body><app-root ngCspNonce="__CSP_NONCE__"></app-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>',
    );
    await writeFile(path.join(clientDir, 'main-ABCDEFGH.js'), 'console.log(1)');
    t = await startTestApp({
      ...db.env,
      CLIENT_DIST: clientDir,
      HTTP_BODY_LIMIT_BYTES: '2048',
      READY_DETAILS_TOKEN: READY_TOKEN,
    });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await rm(clientDir, { recursive: true, force: true });
  });

  it('answers liveness', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(healthResponseSchema.parse(await res.json()).status).toBe('ok');
  });

  it('answers readiness publicly with ready / not ready only; details only with the operator token', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/ready`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    expect(await anonymous.json()).toEqual({ status: 'ready' });
    const wrong = await fetch(`${t.baseUrl}/api/ready`, {
      headers: { authorization: `Bearer ${'x'.repeat(READY_TOKEN.length)}` },
    });
    expect(await wrong.json()).toEqual({ status: 'ready' });
    const res = await fetch(`${t.baseUrl}/api/ready`, {
      headers: { authorization: `Bearer ${READY_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = readyResponseSchema.parse(await res.json());
    expect(body.status).toBe('ready');
    expect(body.degraded).toEqual([]);
    expect(body.checks?.database).toMatchObject({ status: 'up', engine });
    expect(body.checks?.redis).toEqual({ status: 'disabled', downSince: null });
    expect(body.instance?.schemaVersion).toBe(MIGRATIONS.at(-1)?.name);
  });

  it('answers an unknown api route with the error shape and the request id', async () => {
    const res = await fetch(`${t.baseUrl}/api/does-not-exist`, {
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(errorResponseSchema.parse(await res.json())).toEqual({
      code: 'NOT_FOUND',
      message: 'The resource does not exist',
      requestId: 'req-12345678',
    });
  });

  it('replaces a malformed request id with a fresh one', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`, {
      headers: { 'x-request-id': 'a b<script>' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"broken', 400, 'BAD_REQUEST'],
    [
      'a body over the limit',
      { 'content-type': 'application/json' },
      JSON.stringify({ x: 'y'.repeat(5000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a method without a route', { 'content-type': 'application/json' }, '{}', 404, 'NOT_FOUND'],
  ])('refuses %s with a 4xx and a code', async (_name, headers, body, status, code) => {
    const res = await fetch(`${t.baseUrl}/api/health`, { method: 'POST', headers, body });
    expect(res.status).toBe(status);
    const parsed = errorResponseSchema.parse(await res.json());
    expect(parsed.code).toBe(code);
    expect(parsed.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('sends security headers with a strict content security policy', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the client for app routes with the CSP nonce filled in', async () => {
    const res = await fetch(`${t.baseUrl}/casussen/123`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const nonce = /ngCspNonce="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('content-security-policy')).toContain(
      `style-src 'self' 'nonce-${nonce}'`,
    );
    const again = await (await fetch(`${t.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    expect(/ngCspNonce="([^"]+)"/.exec(again)?.[1]).not.toBe(nonce);
  });

  it('serves hashed assets with a long cache and never the raw index.html', async () => {
    const asset = await fetch(`${t.baseUrl}/main-ABCDEFGH.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const raw = await fetch(`${t.baseUrl}/index.html`);
    expect(await raw.text()).not.toContain('__CSP_NONCE__');
    const missing = await fetch(`${t.baseUrl}/missing-file.js`);
    expect(missing.status).toBe(404);
  });

  it('logs every request as JSON with its request id, without query strings or bodies', async () => {
    const canary = 'CANARY-BODY-7f3a';
    await fetch(`${t.baseUrl}/api/health?name=${canary}-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-log-check-1' },
      body: JSON.stringify({ name: canary }),
    });
    const line = await pollUntil(
      () => t.logs.find((l) => (l['req'] as { id?: string } | undefined)?.id === 'req-log-check-1'),
      (found) => found !== undefined,
    );
    expect(line).toMatchObject({
      req: { method: 'POST', path: '/api/health' },
      res: { statusCode: 404 },
    });
    expect(t.rawLogs.join('\n')).not.toContain(canary);
  });
});
