import { describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import type { SessionState } from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { appForSuite } from './support/suite-app';
import {
  createOrganisation,
  createUser,
  dataSourceOf,
  TEST_PASSWORD,
} from './factories/identity.factory';

/**
 * Application logs carry ids, never names, e-mail addresses, passwords, codes or free text.
 * Canary values go in through every path we have (sign-in, invitations, team names, bad
 * input, query strings) and must appear in no log line, nor in the audit log.
 */
describe('no personal data in logs', () => {
  const suite = appForSuite('pglite', { DEMO_MODE: 'false', LOG_LEVEL: 'trace' });
  const canary = {
    name: 'Kanarie Zwartvleugel',
    email: 'kanarie.zwartvleugel@canary.test',
    password: 'kanarie-geheim-wachtwoord-77',
    team: 'Kanarieteam Oost',
    text: 'KANARIE-VRIJE-TEKST',
    bsn: '123456782',
  };

  it('logs none of the canaries planted through sign-in, administration and bad input', async () => {
    const t = suite.t;
    const org = await createOrganisation(t.app);
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: org.id,
      orgAdmin: true,
      totp: true,
    });
    const admin = new BrowserClient(t.baseUrl);
    await admin.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    const code = await generate({
      secret: totpSecret as string,
      epoch: Math.floor(Date.now() / 1000),
      period: 30,
    });
    expect((await admin.post<SessionState>('/api/auth/second-factor', { code })).body.stage).toBe(
      'complete',
    );

    // Failed sign-ins with a canary e-mail and password, and a canary in a query string.
    const stranger = new BrowserClient(t.baseUrl);
    await stranger.post('/api/auth/login', { email: canary.email, password: canary.password });
    await stranger.post('/api/auth/login', { email: user.email, password: canary.password });
    await stranger.get(`/api/teams?naam=${encodeURIComponent(canary.name)}&bsn=${canary.bsn}`);
    // Invitations, a team, and bad input carrying canaries.
    const invite = await admin.post('/api/admin/users', {
      displayName: canary.name,
      email: canary.email,
      discipline: 'ggz',
    });
    expect(invite.status).toBe(201);
    expect((await admin.post('/api/admin/teams', { name: canary.team, type: 'wmo' })).status).toBe(
      201,
    );
    expect(
      (await admin.post('/api/admin/teams', { name: `<b>${canary.text}</b>`, type: 'wmo' })).status,
    ).toBe(400);
    expect(
      (
        await admin.post('/api/admin/users', {
          displayName: canary.text,
          email: 'geen-email',
          bsn: canary.bsn,
        })
      ).status,
    ).toBe(400);
    await admin.request('PATCH', `/api/admin/users/${user.id}`, {
      displayName: canary.text,
      discipline: canary.text,
    });

    const logs = t.rawLogs.join('\n');
    expect(t.rawLogs.length).toBeGreaterThan(20);
    for (const value of Object.values(canary)) {
      expect(logs.includes(value)).toBe(false);
      expect(logs.toLowerCase().includes(value.toLowerCase())).toBe(false);
    }

    const audit = JSON.stringify(await dataSourceOf(t.app).query('SELECT * FROM "audit_event"'));
    for (const value of Object.values(canary)) expect(audit.includes(value)).toBe(false);
  });
});
