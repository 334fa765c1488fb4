import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GuestInvitationCreated, SessionState } from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabaseOnDisk, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { decodeQp, type SmtpInbox, startSmtp } from './support/smtp-inbox';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';
import { addAgendaItem, weeklySeries } from './factories/meeting.factory';
import { organisationWith } from './factories/team.factory';

describe.each(testEngines())('guest codes by e-mail on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let smtp: SmtpInbox;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let meetingId: string;
  let itemId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    db = await createTestDatabaseOnDisk(engine, 'cst-guest-mail-');
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'overleg@voorbeeldstad.example',
      },
      { clock },
    );
    const { teams, add } = await organisationWith(t, clock, ['Wijkteam Oost']);
    const team = must(teams[0]);
    const olga = await add('Olga Oosterhuis', [[team, ['member', 'chair']]]);
    chair = olga.client;
    meetingId = must((await weeklySeries(chair, team, olga.id)).meetings[0]).id;
    const added = await addAgendaItem(chair, meetingId, {
      kind: 'overig',
      title: 'Werkafspraken met de GGZ',
      presenterUserId: olga.id,
      timeBoxMinutes: 15,
    });
    itemId = must(added.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await smtp?.close();
  });

  it('e-mails the one-time code (and nothing about the agenda); the inviter sees only the link', async () => {
    const res = await chair.post<GuestInvitationCreated>(`/api/meetings/${meetingId}/guests`, {
      name: 'Karin Kramer',
      email: 'karin@werk-en-inkomen.example',
      discipline: 'werk-en-inkomen',
      organisationName: 'Werkplein Voorbeeldstad',
      itemIds: [itemId],
    });
    expect(res.status).toBe(201);
    expect(res.body.code).toBeNull();
    expect(res.body.invitation).toMatchObject({
      delivery: 'e-mail',
      items: [{ itemId, basis: 'geen-casus' }],
    });
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(mail?.from).toBe('overleg@voorbeeldstad.example');
    expect(mail?.to).toEqual(['karin@werk-en-inkomen.example']);
    const text = decodeQp(mail?.raw ?? '');
    expect(text).toContain('Wijkteam Oost');
    expect(text).not.toContain('Werkafspraken');
    expect(text).not.toContain(new URL(res.body.link).hash.slice(1));
    // The code stands on a line of its own in the body (the headers hold ids with digits too).
    const body = text.slice(text.search(/\r?\n\r?\n/));
    const code = /^\s+(\d{8})\s*$/m.exec(body)?.[1];
    expect(code).toMatch(/^\d{8}$/);

    const guest = new BrowserClient(t.baseUrl);
    const signedIn = await guest.post<SessionState>('/api/guest/sign-in', {
      token: new URL(res.body.link).hash.slice(1),
      code,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user?.displayName).toBe('Karin Kramer');
  });
});
