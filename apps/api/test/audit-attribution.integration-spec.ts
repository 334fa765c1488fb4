import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AuditEventPage,
  AuditEventView,
  CaseDetail,
  GuestInvitationCreated,
  HouseholdDetail,
  MeetingDetail,
  MeetingSeriesCreated,
} from '@casustafel/contracts';
import { AUDIT_SCOPE_ALL } from '../src/modules/audit/audit-scope';
import { AuditService } from '../src/modules/audit/audit.service';
import { householdInput, signIn } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';

/**
 * Audit gaps: CSRF refusals, failed sign-ins, guest sign-ins and anonymous refusals must be
 * recorded and attributed to the organisation concerned, so its admin's viewer shows them;
 * refusals at the global guard name the object aimed at and the client concerned.
 */
describe.each(testEngines())('audit attribution on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let orgId: string;
  let otherOrgAdmin: BrowserClient;
  let admin: BrowserClient;
  let chair: BrowserClient;
  let member: { id: string; email: string; totpSecret: string | null };
  let teamId: string;
  let householdId: string;
  let caseId: string;
  let meetingId: string;
  let itemId: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp({ ...db.env, DEMO_MODE: 'false' }, { clock });
    orgId = (await createOrganisation(t.app)).id;
    const otherOrg = (await createOrganisation(t.app)).id;
    teamId = (await createTeam(t.app, orgId)).id;
    const a = await createUser(t.app, { organisationId: orgId, totp: true, orgAdmin: true });
    admin = await signIn(t, clock, a.user.email, a.totpSecret);
    const o = await createUser(t.app, { organisationId: otherOrg, totp: true, orgAdmin: true });
    otherOrgAdmin = await signIn(t, clock, o.user.email, o.totpSecret);
    const c = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamId, ['member', 'chair']]],
    });
    chair = await signIn(t, clock, c.user.email, c.totpSecret);
    const m = await createUser(t.app, { organisationId: orgId, totp: true });
    member = { id: m.user.id, email: m.user.email, totpSecret: m.totpSecret };

    householdId = (
      await chair.post<HouseholdDetail>(`/api/teams/${teamId}/households`, householdInput())
    ).body.id;
    caseId = (
      await chair.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
        householdId,
        title: 'Zorgen om het gezin',
        casusregisseurId: c.user.id,
      })
    ).body.id;
    const series = await chair.post<MeetingSeriesCreated>(`/api/teams/${teamId}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        timeZone: 'Europe/Amsterdam',
        start: '2026-03-03T09:30',
        durationMinutes: 90,
      },
      chairId: c.user.id,
    });
    expect(series.status).toBe(201);
    meetingId = must(series.body.meetings[0]).id;
    const added = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      title: 'Werkafspraken',
      presenterUserId: c.user.id,
      timeBoxMinutes: 15,
    });
    itemId = must(added.body.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** What the organisation admin's viewer (the audit API) shows for `action`. */
  async function viewer(client: BrowserClient, action: string): Promise<AuditEventView[]> {
    const filter = action ? `action=${encodeURIComponent(action)}&` : '';
    const page = await client.get<AuditEventPage>(`/api/audit-events?${filter}limit=200`);
    expect(page.status).toBe(200);
    return page.body.events;
  }

  it('audits a CSRF refusal (missing token, foreign origin) and shows it to the organisation admin', async () => {
    const noToken = await signIn(t, clock, member.email, null);
    // Signed in (second factor pending is enough for a session route), then no CSRF token.
    noToken.sendCsrf = false;
    const refused = await noToken.post('/api/auth/logout');
    expect(refused).toMatchObject({ status: 403, body: { code: 'CSRF_INVALID' } });
    const foreign = new BrowserClient(t.baseUrl);
    foreign.origin = 'https://evil.example';
    const login = await foreign.post('/api/auth/login', { email: member.email, password: 'x' });
    expect(login.body).toMatchObject({ code: 'CSRF_INVALID' });

    const logouts = (await viewer(admin, 'auth.logout')).filter((e) => e.purpose === 'csrf');
    expect(logouts).toHaveLength(1);
    expect(logouts[0]).toMatchObject({
      outcome: 'denied',
      actor: { userId: member.id, organisationId: orgId },
    });
    // The anonymous, foreign-origin sign-in names no account yet: recorded, for the platform log.
    const all = await t.app
      .get(AuditService)
      .query({ action: 'auth.login', outcome: 'denied' }, { limit: 50 }, AUDIT_SCOPE_ALL);
    expect(all.events.filter((e) => e.purpose === 'csrf')).toHaveLength(1);
  });

  it('attributes a failed sign-in to the organisation of the targeted account', async () => {
    const wrong = await new BrowserClient(t.baseUrl).post('/api/auth/login', {
      email: member.email,
      password: 'niet-het-goede-wachtwoord',
    });
    expect(wrong.status).toBe(401);
    const failed = (await viewer(admin, 'auth.login')).filter(
      (e) => e.outcome === 'failed' && e.object?.id === member.id,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.actor).toMatchObject({ userId: null, organisationId: orgId });
    // Another organisation's admin does not see it.
    const elsewhere = (await viewer(otherOrgAdmin, 'auth.login')).filter(
      (e) => e.object?.id === member.id,
    );
    expect(elsewhere).toEqual([]);
  });

  it('attributes guest sign-ins (wrong code and success) to the organisation of the invitation', async () => {
    const invited = await chair.post<GuestInvitationCreated>(`/api/meetings/${meetingId}/guests`, {
      name: 'Karin Kramer',
      email: 'karin@werk-en-inkomen.example',
      discipline: 'werk-en-inkomen',
      organisationName: 'Werkplein Voorbeeldstad',
      itemIds: [itemId],
    });
    expect(invited.status).toBe(201);
    const token = must(new URL(invited.body.link).hash.slice(1));
    const guest = new BrowserClient(t.baseUrl);
    expect((await guest.post('/api/guest/sign-in', { token, code: '00000000' })).status).toBe(401);
    expect(
      (await guest.post('/api/guest/sign-in', { token, code: must(invited.body.code) })).status,
    ).toBe(200);
    const events = (await viewer(admin, 'guest.sign-in')).filter(
      (e) => e.object?.id === invited.body.invitation.id,
    );
    expect(events.map((e) => e.outcome).sort()).toEqual(['allowed', 'failed']);
    for (const e of events) expect(e.actor.organisationId).toBe(orgId);
  });

  it('records the object, client and organisation of anonymous refusals at the guard', async () => {
    const anonymous = new BrowserClient(t.baseUrl);
    expect((await anonymous.get(`/api/households/${householdId}`)).status).toBe(401);
    expect((await anonymous.get(`/api/cases/${caseId}`)).status).toBe(401);
    expect((await anonymous.get(`/api/meetings/${meetingId}`)).status).toBe(401);
    const denied = (await viewer(admin, '')).filter(
      (e) => e.outcome === 'denied' && e.actor.userId === null,
    );
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: { type: 'household', id: householdId },
          clientId: householdId,
        }),
        expect.objectContaining({ object: { type: 'case', id: caseId }, clientId: householdId }),
        expect.objectContaining({ object: { type: 'meeting', id: meetingId } }),
      ]),
    );
    for (const e of denied) expect(e.actor.organisationId).toBe(orgId);
  });

  it('records the object of a signed-in caller refused at the guard (permission)', async () => {
    const m = await signIn(t, clock, member.email, member.totpSecret);
    // Managing accounts is for the organisation admin: refused at the guard.
    const refused = await m.request('PATCH', `/api/admin/users/${member.id}`, { displayName: 'X' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const denied = (await viewer(admin, '')).filter(
      (e) => e.outcome === 'denied' && e.actor.userId === member.id && e.purpose !== 'csrf',
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      object: { type: 'user', id: member.id },
      actor: { organisationId: orgId },
    });
  });
});
