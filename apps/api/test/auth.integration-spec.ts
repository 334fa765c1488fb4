import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import type {
  SessionState,
  TeamDetail,
  TotpEnrolConfirmResponse,
  TotpEnrolment,
} from '@casustafel/contracts';
import { AUDIT_SCOPE_ALL } from '../src/modules/audit/audit-scope';
import { AuditService } from '../src/modules/audit/audit.service';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, nextEvent, startTestApp, type TestApp } from './support/test-app';
import {
  createOrganisation,
  createTeam,
  createUser,
  TEST_PASSWORD,
} from './factories/identity.factory';

const totpCode = (secret: string, at: Date) =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: 30 });

describe.each(testEngines())('accounts and sessions on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new FakeClock(Date.parse('2026-11-23T08:00:00Z'));
  let orgId: string;
  let teamA: string;
  let teamB: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        SESSION_IDLE_TIMEOUT_SECONDS: '900',
        SESSION_ABSOLUTE_TIMEOUT_SECONDS: '28800',
      },
      { clock },
    );
    const org = await createOrganisation(t.app);
    orgId = org.id;
    teamA = (await createTeam(t.app, orgId, { name: 'Wijkteam Noord' })).id;
    teamB = (await createTeam(t.app, orgId, { name: 'Wijkteam Zuid' })).id;
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const browser = () => new BrowserClient(t.baseUrl);
  const audit = () => t.app.get(AuditService);

  async function signIn(email: string, secret: string | null, password = TEST_PASSWORD) {
    const b = browser();
    const login = await b.post<SessionState>('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    if (secret) {
      clock.advance(30_000); // a fresh TOTP step: every code works once
      const passed = await b.post<SessionState>('/api/auth/second-factor', {
        code: await totpCode(secret, clock.now()),
      });
      expect(passed.body.stage).toBe('complete');
    }
    return b;
  }

  it('refuses a wrong password and an unknown account with the same generic answer, audited as failed', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId, totp: true });
    const wrong = await browser().post('/api/auth/login', {
      email: user.email,
      password: 'niet-het-goede-wachtwoord',
    });
    const unknown = await browser().post('/api/auth/login', {
      email: 'niemand@voorbeeldstad.test',
      password: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((unknown.body as { message: string }).message).toBe(
      (wrong.body as { message: string }).message,
    );
    const events = await audit().query(
      { action: 'auth.login', outcome: 'failed' },
      { limit: 50 },
      AUDIT_SCOPE_ALL,
    );
    expect(events.events.some((e) => e.object?.id === user.id)).toBe(true);
  });

  it('asks an account with TOTP for its code, refuses a wrong one, then completes with a new session id', async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamA, ['member']]],
    });
    const b = browser();
    const login = await b.post<SessionState>('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(login.body.stage).toBe('second-factor');
    const setCookie = login.headers.getSetCookie().join(';');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const firstToken = b.cookies.get('casustafel_session');

    expect((await b.get('/api/teams')).body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    const wrong = await b.post('/api/auth/second-factor', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'SECOND_FACTOR_INVALID' });

    const ok = await b.post<SessionState>('/api/auth/second-factor', {
      code: await totpCode(totpSecret as string, clock.now()),
    });
    expect(ok.body.stage).toBe('complete');
    const secondToken = b.cookies.get('casustafel_session');
    expect(secondToken).not.toBe(firstToken);
    expect((await b.get('/api/teams')).status).toBe(200);

    // The pre-second-factor token is dead.
    const stale = new BrowserClient(t.baseUrl);
    stale.cookies.set('casustafel_session', firstToken as string);
    expect((await stale.get<SessionState>('/api/auth/session')).body.stage).toBe('anonymous');
  });

  it('accepts a TOTP code only once (replay) and a recovery code only once', async () => {
    const { user, totpSecret } = await createUser(t.app, { organisationId: orgId, totp: true });
    clock.advance(30_000);
    const code = await totpCode(totpSecret as string, clock.now());
    const first = browser();
    await first.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await first.post<SessionState>('/api/auth/second-factor', { code })).status).toBe(200);
    const second = browser();
    await second.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await second.post('/api/auth/second-factor', { code })).status).toBe(401);
  });

  it('enrols a second factor: QR code, confirmation, ten recovery codes that each work once', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId, totp: false });
    const b = browser();
    const login = await b.post<SessionState>('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(login.body.stage).toBe('enrol-second-factor');
    const enrolment = await b.post<TotpEnrolment>('/api/auth/totp/enrolment');
    expect(enrolment.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await b.post('/api/auth/totp/enrolment/confirm', { code: '123456' })).status).toBe(401);
    const confirmed = await b.post<TotpEnrolConfirmResponse>('/api/auth/totp/enrolment/confirm', {
      code: await totpCode(enrolment.body.secret, clock.now()),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.session.stage).toBe('complete');
    expect(confirmed.body.recoveryCodes).toHaveLength(10);

    const recovery = confirmed.body.recoveryCodes[0] as string;
    const again = browser();
    expect(
      (
        await again.post<SessionState>('/api/auth/login', {
          email: user.email,
          password: TEST_PASSWORD,
        })
      ).body.stage,
    ).toBe('second-factor');
    expect(
      (await again.post<SessionState>('/api/auth/second-factor', { code: recovery })).body.stage,
    ).toBe('complete');
    const third = browser();
    await third.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await third.post('/api/auth/second-factor', { code: recovery })).status).toBe(401);
  });

  it('ends a session after 15 idle minutes, and after 8 hours however active', async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamA, ['member']]],
    });
    const idle = await signIn(user.email, totpSecret);
    clock.advance(14 * 60_000);
    expect((await idle.get('/api/teams')).status).toBe(200); // activity restarts the idle clock
    clock.advance(14 * 60_000);
    expect((await idle.get('/api/teams')).status).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    expect((await idle.get('/api/teams')).body).toMatchObject({ code: 'UNAUTHENTICATED' });

    const busy = await signIn(user.email, totpSecret);
    for (let i = 0; i < 48; i++) {
      clock.advance(10 * 60_000);
      const answer = await busy.get('/api/teams');
      if (answer.status !== 200) {
        expect(i).toBeGreaterThanOrEqual(47); // 8 hours = 48 × 10 minutes
        expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED' });
        return;
      }
    }
    throw new Error('session outlived its absolute timeout');
  });

  it('refuses state-changing requests without the CSRF token or from a foreign origin', async () => {
    const { user, totpSecret } = await createUser(t.app, { organisationId: orgId, totp: true });
    const b = await signIn(user.email, totpSecret);
    b.sendCsrf = false;
    expect((await b.post('/api/auth/logout')).body).toMatchObject({ code: 'CSRF_INVALID' });
    b.sendCsrf = true;
    b.origin = 'https://evil.example';
    expect((await b.post('/api/auth/logout')).status).toBe(403);
    b.origin = 'http://casustafel.test';
    expect((await b.post('/api/auth/logout')).status).toBe(204);
    expect((await b.get<SessionState>('/api/auth/session')).body.stage).toBe('anonymous');
  });

  it('backs off after repeated failures per account, even for the right password, and lets go later', async () => {
    const { user } = await createUser(t.app, { organisationId: orgId, totp: true });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await browser().post('/api/auth/login', {
            email: user.email,
            password: 'fout-wachtwoord-123',
          })
        ).status,
      ).toBe(401);
    }
    expect(
      (
        await browser().post('/api/auth/login', {
          email: user.email,
          password: 'fout-wachtwoord-123',
        })
      ).status,
    ).toBe(401);
    const blocked = await browser().post('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED' });
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    clock.advance(wait * 1000);
    expect(
      (await browser().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('keeps team data need-to-know: another team gets 403, recorded as denied', async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamA, ['member']]],
    });
    const b = await signIn(user.email, totpSecret);
    expect((await b.get<TeamDetail>(`/api/teams/${teamA}`)).status).toBe(200);
    const other = await b.get(`/api/teams/${teamB}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'FORBIDDEN' });
    const denied = await audit().query(
      { userId: user.id, action: 'team.read', outcome: 'denied' },
      { limit: 10 },
      AUDIT_SCOPE_ALL,
    );
    expect(denied.events.map((e) => e.object?.id)).toContain(teamB);
    expect((await b.get('/api/admin/organisation')).status).toBe(403);
  });

  it('lets an organisation admin manage the own organisation only', async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      orgAdmin: true,
    });
    const admin = await signIn(user.email, totpSecret);
    expect((await admin.get(`/api/admin/teams/${teamA}`)).status).toBe(200);
    const otherOrg = await createOrganisation(t.app);
    const foreignTeam = await createTeam(t.app, otherOrg.id);
    expect((await admin.get(`/api/admin/teams/${foreignTeam.id}`)).status).toBe(404);
  });

  it('invites a member who activates the account, sets up TOTP and sees the team', async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      orgAdmin: true,
    });
    const admin = await signIn(user.email, totpSecret);
    const team = await admin.post<{ id: string }>('/api/admin/teams', {
      name: 'Jeugdteam Centrum',
      type: 'jeugd',
    });
    expect(team.status).toBe(201);
    expect(
      (await admin.post('/api/admin/teams', { name: 'Jeugdteam Centrum', type: 'jeugd' })).status,
    ).toBe(409);
    const invite = await admin.post<{
      activationPath: string;
      user: { id: string; status: string };
    }>('/api/admin/users', {
      displayName: 'Noor Visser',
      email: 'noor.visser@voorbeeldstad.test',
      discipline: 'jeugdprofessional',
      teamId: team.body.id,
      roles: ['member'],
    });
    expect(invite.status).toBe(201);
    expect(invite.body.user.status).toBe('invited');
    const token = invite.body.activationPath.split('#')[1] as string;

    const member = browser();
    const weak = await member.post('/api/auth/activate', { token, password: 'wachtwoord123' });
    expect(weak.status).toBe(422);
    expect(weak.body).toMatchObject({ code: 'PASSWORD_POLICY' });
    const activated = await member.post<SessionState>('/api/auth/activate', {
      token,
      password: 'regenjas-fiets-lantaarn',
    });
    expect(activated.body.stage).toBe('enrol-second-factor');
    expect(
      (await browser().post('/api/auth/activate', { token, password: 'regenjas-fiets-lantaarn' }))
        .body,
    ).toMatchObject({
      code: 'ACTIVATION_INVALID',
    });
    const enrolment = await member.post<TotpEnrolment>('/api/auth/totp/enrolment');
    await member.post('/api/auth/totp/enrolment/confirm', {
      code: await totpCode(enrolment.body.secret, clock.now()),
    });
    const detail = await member.get<TeamDetail>(`/api/teams/${team.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.members.map((m) => m.displayName)).toContain('Noor Visser');
  });

  it('disconnects the sockets of a disabled account within a second and ends its sessions', async () => {
    const { user: adminUser, totpSecret: adminSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      orgAdmin: true,
    });
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamA, ['member']]],
    });
    const admin = await signIn(adminUser.email, adminSecret);
    const member = await signIn(user.email, totpSecret);
    const socket = t.connectLive({ cookie: member.cookieHeader });
    await nextEvent(socket, 'connect');
    const disconnected = nextEvent<string>(socket, 'disconnect', 1000);
    const started = Date.now();
    expect(
      (await admin.request('PATCH', `/api/admin/users/${user.id}`, { disabled: true })).status,
    ).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await member.get('/api/teams')).status).toBe(401);
    expect(
      (await browser().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
  });

  it("makes a removed member's sockets reconnect at once, so they lose the team's rights", async () => {
    const { user: adminUser, totpSecret: adminSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      orgAdmin: true,
    });
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      teams: [[teamA, ['member']]],
    });
    const admin = await signIn(adminUser.email, adminSecret);
    const member = await signIn(user.email, totpSecret);
    const socket = t.connectLive({ cookie: member.cookieHeader });
    await nextEvent(socket, 'connect');
    const disconnected = nextEvent<string>(socket, 'disconnect', 1000);
    expect(
      (await admin.request('DELETE', `/api/admin/teams/${teamA}/members/${user.id}`)).status,
    ).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect((await member.get(`/api/teams/${teamA}`)).status).toBe(403);
    // The session itself lives on: a new socket connects with the new rights.
    const again = t.connectLive({ cookie: member.cookieHeader });
    await nextEvent(again, 'connect');
  });

  it('refuses a socket without a session, or with one that has not passed the second factor', async () => {
    const anonymous = t.connectLive();
    expect((await nextEvent<Error>(anonymous, 'connect_error')).message).toBe('UNAUTHENTICATED');
    const { user } = await createUser(t.app, { organisationId: orgId, totp: true });
    const half = browser();
    await half.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    const socket = t.connectLive({ cookie: half.cookieHeader });
    expect((await nextEvent<Error>(socket, 'connect_error')).message).toBe('UNAUTHENTICATED');
  });

  it("shows an organisation admin the own organisation's audit log, records that reading, and refuses members", async () => {
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
      orgAdmin: true,
    });
    const admin = await signIn(user.email, totpSecret);
    const page = await admin.get<{
      events: { actor: { organisationId: string | null }; action: string }[];
    }>('/api/audit-events?action=auth.&limit=200');
    expect(page.status).toBe(200);
    expect(page.body.events.length).toBeGreaterThan(0);
    expect(page.body.events.every((e) => e.actor.organisationId === orgId)).toBe(true);
    const reads = await audit().query(
      { userId: user.id, action: 'audit.read' },
      { limit: 5 },
      AUDIT_SCOPE_ALL,
    );
    expect(reads.events[0]?.outcome).toBe('allowed');

    const { user: member, totpSecret: memberSecret } = await createUser(t.app, {
      organisationId: orgId,
      totp: true,
    });
    const b = await signIn(member.email, memberSecret);
    expect((await b.get('/api/audit-events')).status).toBe(403);
    const half = browser();
    await half.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await half.get('/api/audit-events')).body).toMatchObject({
      code: 'SECOND_FACTOR_REQUIRED',
    });
  });

  it('disconnects the socket at logout', async () => {
    const { user, totpSecret } = await createUser(t.app, { organisationId: orgId, totp: true });
    const b = await signIn(user.email, totpSecret);
    const socket = t.connectLive({ cookie: b.cookieHeader });
    await nextEvent(socket, 'connect');
    const disconnected = nextEvent<string>(socket, 'disconnect', 1000);
    expect((await b.post('/api/auth/logout')).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
  });
});
