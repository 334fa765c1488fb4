import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CaseDetail, HouseholdDetail } from '@casustafel/contracts';
import { householdInput, personInput, signIn, zrm2017 } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';
import type { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';

/** A key a client chose, shaped to be noticed if any answer echoes it. */
const HOSTILE = 'h0stile<script>alert(1)</script>';

describe.each(testEngines())('response hygiene on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let alice: BrowserClient;
  let teamId: string;
  let household: HouseholdDetail;
  let caseId: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    const org = await createOrganisation(t.app);
    teamId = (await createTeam(t.app, org.id)).id;
    const u = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      orgAdmin: true,
      teams: [[teamId, ['member', 'chair']]],
    });
    alice = await signIn(t, clock, u.user.email, u.totpSecret);
    household = (
      await alice.post<HouseholdDetail>(`/api/teams/${teamId}/households`, householdInput())
    ).body;
    const created = await alice.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
      householdId: household.id,
      title: 'Zorgen om het gezin',
      // An organisation admin may not be regisseur (issue 10 point 4): a colleague is.
      casusregisseurId: (
        await createUser(t.app, { organisationId: org.id, teams: [[teamId, ['member']]] })
      ).user.id,
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('never echoes a key the client chose in validation details (record keys, unknown fields)', async () => {
    const today = clock.now().toISOString().slice(0, 10);
    const zrm = zrm2017(today);
    zrm.domains[HOSTILE] = { score: 'veel', sources: ['client'] };
    const answers = [
      await alice.post(`/api/cases/${caseId}/zrm`, zrm),
      await alice.post(`/api/households/${household.id}/persons`, {
        ...personInput({ givenName: 5 }),
        [HOSTILE]: 1,
      }),
      await alice.post(`/api/teams/${teamId}/households`, {
        ...householdInput(),
        address: { street: 1, [HOSTILE]: 'x' },
      }),
      await alice.post('/api/auth/login', { email: 'x@voorbeeldstad.test', [HOSTILE]: {} }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(answer.body)).not.toContain('h0stile');
    }
    const zrmDetails = (answers[0]?.body as { details: { path: string }[] }).details;
    expect(zrmDetails.map((d) => d.path)).toContain('domains.*.score');
  });

  it('refuses a NUL character anywhere in a payload with 400 and never writes it to the log', async () => {
    // PostgreSQL's text cannot hold U+0000: before, each of these reached the database, answered
    // 500 and logged the statement's parameters — the client's text — at level error.
    const canary = 'Canary\u0000BSN999999990';
    const firstLine = t.rawLogs.length;
    const answers = [
      await alice.request('PATCH', `/api/households/${household.id}`, { label: canary }),
      await alice.post(`/api/teams/${teamId}/households`, {
        ...householdInput(),
        address: { street: canary },
      }),
      await alice.post(`/api/households/${household.id}/family-conferences`, {
        question: canary,
      }),
      await alice.post(`/api/cases/${caseId}/intervision-copies`, {
        reason: 'Voor de intervisie van dinsdag',
        title: canary,
      }),
      await alice.post(`/api/households/${household.id}/persons`, {
        ...personInput(),
        [`x${canary}`]: 1,
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ issue: 'control-character' }],
      });
      expect(JSON.stringify(answer.body)).not.toContain('Canary');
    }
    const written = t.rawLogs.slice(firstLine);
    expect(written.join('\n')).not.toContain('Canary');
    expect(written.join('\n')).not.toContain('999999990');
    expect(
      t.logs.slice(t.logs.length - written.length).filter((l) => Number(l['level']) >= 50),
    ).toEqual([]);
  });

  it('sends Cache-Control: no-store on every api answer (data, errors, refusals)', async () => {
    const anonymous = (path: string) => fetch(`${t.baseUrl}${path}`);
    const answers: [string, Headers][] = [];
    for (const path of [
      '/api/auth/session',
      '/api/teams',
      `/api/teams/${teamId}`,
      `/api/teams/${teamId}/households`,
      `/api/teams/${teamId}/cases`,
      `/api/households/${household.id}`,
      `/api/households/${household.id}/access-log`,
      `/api/cases/${caseId}`,
      '/api/admin/organisation',
      '/api/audit-events',
      '/api/me/actions',
      `/api/teams/${teamId}/meetings`,
      '/api/does-not-exist',
    ]) {
      answers.push([`GET ${path}`, (await alice.get(path)).headers]);
      answers.push([`anonymous GET ${path}`, (await anonymous(path)).headers]);
    }
    answers.push([
      'POST persons (invalid)',
      (await alice.post(`/api/households/${household.id}/persons`, {})).headers,
    ]);
    answers.push([
      'POST login (wrong)',
      (await alice.post('/api/auth/login', { email: 'x@voorbeeldstad.test', password: 'x' }))
        .headers,
    ]);
    const missing = answers
      .filter(([, headers]) => headers.get('cache-control') !== 'no-store')
      .map(([name, headers]) => `${name}: ${headers.get('cache-control')}`);
    expect(missing).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(28);
  });
});
