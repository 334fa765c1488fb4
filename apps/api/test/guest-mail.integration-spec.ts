import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import type {
  GuestInvitationCreated,
  MeetingDetail,
  MeetingSeriesCreated,
  SessionState,
} from '@casustafel/contracts';
import { BrowserClient } from './support/browser-client';
import { createTestDatabase, testEngines, type TestDatabase } from './support/engines';
import { FakeClock, startTestApp, type TestApp } from './support/test-app';
import { signIn } from './factories/case-file.factory';
import { createOrganisation, createTeam, createUser } from './factories/identity.factory';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server (smtp-server) on 127.0.0.1, port 0, keeping every message. */
async function startSmtp(): Promise<{
  port: number;
  inbox: Received[];
  close: () => Promise<void>;
}> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes a quoted-printable body well enough to read the text back. */
const decodeQp = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe.each(testEngines())('guest codes by e-mail on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dataDir: string | null = null;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let meetingId: string;
  let itemId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    if (engine === 'pglite') {
      dataDir = mkdtempSync(joinPath(tmpdir(), 'cst-guest-mail-'));
      db = await createTestDatabase(engine, dataDir);
    } else {
      db = await createTestDatabase(engine);
    }
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'overleg@voorbeeldstad.example',
      },
      { clock },
    );
    const org = await createOrganisation(t.app);
    const team = (await createTeam(t.app, org.id, { name: 'Wijkteam Oost' })).id;
    const u = await createUser(t.app, {
      organisationId: org.id,
      displayName: 'Olga Oosterhuis',
      totp: true,
      teams: [[team, ['member', 'chair']]],
    });
    chair = await signIn(t, clock, u.user.email, u.totpSecret);
    const series = await chair.post<MeetingSeriesCreated>(`/api/teams/${team}/meeting-series`, {
      schedule: {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        timeZone: 'Europe/Amsterdam',
        start: '2026-03-03T09:30',
        durationMinutes: 90,
      },
      chairId: u.user.id,
    });
    meetingId = series.body.meetings[0]?.id ?? '';
    const added = await chair.post<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, {
      kind: 'overig',
      title: 'Werkafspraken met de GGZ',
      presenterUserId: u.user.id,
      timeBoxMinutes: 15,
    });
    itemId = added.body.agenda[0]?.id ?? '';
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await smtp?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
