import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer } from '@nestjs/core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import type { TeamSummary } from '@casustafel/contracts';
import { discoverRoutes, type NestRoute } from '../src/modules/api-docs/nest-routes';
import { openApiPath, undocumentedRoutes } from '../src/modules/api-docs/openapi-document';
import { ROUTE_DOCS } from '../src/modules/api-docs/route-docs';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, type TestDatabase, testEngines } from './support/engines';
import { startTestApp, type TestApp } from './support/test-app';

const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

/** JSON pointer segment (RFC 6901). */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

describe.each(testEngines())('OpenAPI document at /api/docs (%s)', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let routes: NestRoute[];
  let document: OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  /**
   * Validates a real answer against the document's schema for that route and status (ajv,
   * JSON Schema 2020-12, on the document as served — not on the zod schemas it came from).
   */
  function expectDocumented(
    method: string,
    route: string,
    answer: { status: number; body: unknown },
  ): void {
    const operation = document.paths[openApiPath(route)]?.[method.toLowerCase()];
    expect(operation).toBeDefined();
    const status = String(answer.status);
    const key = status in (operation?.responses ?? {}) ? status : `${status[0]}XX`;
    expect(Object.keys(operation?.responses ?? {})).toContain(key);
    const ref = `openapi#/paths/${pointer(openApiPath(route))}/${method.toLowerCase()}/responses/${key}/content/application~1json/schema`;
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no JSON schema for ${method} ${route} ${key}`);
    const ok = validate(answer.body);
    if (!ok) throw new Error(`${method} ${route} ${status}: ${ajv.errorsText(validate.errors)}`);
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'true' });
    routes = discoverRoutes(t.app.get(ModulesContainer));
    const res = await fetch(`${t.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as OpenApiDocument;
    ajv.addSchema(document, 'openapi');
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('documents every route the app registers, and nothing else', () => {
    expect(routes.length).toBeGreaterThanOrEqual(70);
    // Each discovered route is one Fastify really serves (the discovery reads Nest correctly).
    const fastify = t.app.getHttpAdapter().getInstance() as FastifyInstance;
    for (const route of routes)
      expect([
        route.key,
        fastify.hasRoute({
          method: route.method.toUpperCase() as 'GET',
          url: route.path,
        }),
      ]).toEqual([route.key, true]);
    expect(undocumentedRoutes(routes)).toEqual([]);
    const known = new Set(routes.map((r) => r.key));
    expect(Object.keys(ROUTE_DOCS).filter((key) => !known.has(key))).toEqual([]);
    for (const route of routes)
      expect(document.paths[openApiPath(route.path)]?.[route.method]).toBeDefined();
  });

  it('takes request bodies, queries and path parameters from the routes’ zod pipes', () => {
    const create = routes.find((r) => r.key === 'POST /api/teams/:teamId/meetings');
    expect(create?.body).not.toBeNull();
    expect(Object.keys(create?.params ?? {})).toEqual(['teamId']);
    const raw = JSON.stringify(document.paths['/api/teams/{teamId}/meetings']?.['post']);
    expect(raw).toContain('"requestBody"');
    expect(raw).toContain('"durationMinutes"');
    expect(raw).toContain('"format":"uuid"');
    expect(JSON.stringify(document.paths['/api/audit-events']?.['get'])).toContain('"in":"query"');
  });

  it('real responses of a small flow validate against the document', async () => {
    // The check can fail: a body that does not follow the document is refused.
    expect(() =>
      expectDocumented('GET', '/api/health', { status: 200, body: { status: 'ok' } }),
    ).toThrow(/health/);
    expect(() =>
      expectDocumented('GET', '/api/teams', { status: 200, body: [{ id: 'not-a-uuid' }] }),
    ).toThrow();
    expectDocumented('GET', '/api/health', await new BrowserClient(t.baseUrl).get('/api/health'));
    expectDocumented('GET', '/api/ready', await new BrowserClient(t.baseUrl).get('/api/ready'));

    const member = new BrowserClient(t.baseUrl);
    expectDocumented('GET', '/api/auth/session', await member.get('/api/auth/session'));
    const refused = await member.post('/api/auth/login', { email: 'nobody', password: 'x' });
    expect(refused.status).toBe(400);
    expectDocumented('POST', '/api/auth/login', refused);
    const login = await member.post('/api/auth/login', {
      email: 'fatima@voorbeeldstad.nl',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    expectDocumented('POST', '/api/auth/login', login);
    expectDocumented('GET', '/api/auth/session', await member.get('/api/auth/session'));
    const teams = await member.get<TeamSummary[]>('/api/teams');
    expectDocumented('GET', '/api/teams', teams);
    const teamId = teams.body[0]?.id as string;
    expect(teamId).toBeDefined();
    expectDocumented('GET', '/api/teams/:teamId', await member.get(`/api/teams/${teamId}`));
    expectDocumented(
      'GET',
      '/api/teams/:teamId/cases',
      await member.get(`/api/teams/${teamId}/cases`),
    );
    const households = await member.get<{ id: string }[]>(`/api/teams/${teamId}/households`);
    expectDocumented('GET', '/api/teams/:teamId/households', households);
    const householdId = households.body[0]?.id;
    if (householdId)
      expectDocumented(
        'GET',
        '/api/households/:householdId',
        await member.get(`/api/households/${householdId}`),
      );
    const candidates = await member.get(`/api/teams/${teamId}/regisseur-candidates`);
    expect(candidates.status).toBe(200);
    expectDocumented('GET', '/api/teams/:teamId/regisseur-candidates', candidates);
    // Notifications and the calendar feed (routes of the jobs branch).
    const notifications = await member.get('/api/notifications');
    expect(notifications.status).toBe(200);
    expectDocumented('GET', '/api/notifications', notifications);
    const settings = await member.get('/api/notifications/settings');
    expect(settings.status).toBe(200);
    expectDocumented('GET', '/api/notifications/settings', settings);
    const feed = await member.post('/api/calendar/feed', {});
    expect(feed.status).toBe(201);
    expectDocumented('POST', '/api/calendar/feed', feed);
    expectDocumented('GET', '/api/calendar/feed', await member.get('/api/calendar/feed'));
    const missing = await member.get(`/api/cases/${randomUUID()}`);
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expectDocumented('GET', '/api/cases/:caseId', missing);

    const admin = new BrowserClient(t.baseUrl);
    const adminLogin = await admin.post('/api/auth/login', {
      email: 'beheer@voorbeeldstad.nl',
      password: DEMO_PASSWORD,
    });
    expect(adminLogin.status).toBe(200);
    expectDocumented('GET', '/api/admin/organisation', await admin.get('/api/admin/organisation'));
    expectDocumented('GET', '/api/audit-events', await admin.get('/api/audit-events'));
    const erasures = await admin.get('/api/admin/erasure-requests');
    expect(erasures.status).toBe(200);
    expectDocumented('GET', '/api/admin/erasure-requests', erasures);
  });

  it('serves a self-hosted viewer that needs no inline script or style (strict CSP)', async () => {
    const page = await fetch(`${t.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<style|style=|https?:\/\//);
    for (const asset of [
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-ui.css',
      '/api/docs/viewer.js',
    ]) {
      const res = await fetch(`${t.baseUrl}${asset}`, { headers: { 'accept-encoding': 'br' } });
      expect([asset, res.status]).toEqual([asset, 200]);
      await res.arrayBuffer();
    }
  });
});
