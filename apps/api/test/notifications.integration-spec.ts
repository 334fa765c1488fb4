import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type {
  CalendarFeedView,
  NotificationList,
  NotificationSettingsView,
} from '@casustafel/contracts';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { NotesService } from '../src/modules/notes/notes.service';
import { RemindersService } from '../src/modules/notifications/reminders.service';
import { BrowserClient } from './support/browser-client';
import { createTestDatabaseOnDisk, testEngines, type TestDatabase } from './support/engines';
import { must } from './support/must';
import { decodeQp, type SmtpInbox, startSmtp } from './support/smtp-inbox';
import { FakeClock, pollUntil, startTestApp, type TestApp } from './support/test-app';
import { addAgendaItem, weeklySeries } from './factories/meeting.factory';
import { organisationWith } from './factories/team.factory';

/** Decodes every base64 MIME part of a raw message (the .ics attachment among them). */
const base64Parts = (raw: string) =>
  [
    ...raw.matchAll(
      /Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/g,
    ),
  ].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'));

const CLIENT_NAME = 'Jansen-Verhoeven';

describe.each(testEngines())('notifications, jobs and calendar on %s', (engine) => {
  let db: TestDatabase;
  let t: TestApp;
  let smtp: SmtpInbox;
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let chair: BrowserClient;
  let member: BrowserClient;
  let chairId: string;
  let memberId: string;
  let memberEmail: string;
  /** Signs both in again (the reminder test moves the clock past the idle timeout). */
  let signInAgain: () => Promise<void>;
  let meetingId: string;
  let seriesId: string;
  let itemId: string;
  let jobs: JobsService;

  const text = async (client: BrowserClient | null, path: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      headers: client ? { cookie: client.cookieHeader } : {},
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    db = await createTestDatabaseOnDisk(engine, 'cst-notify-');
    t = await startTestApp(
      {
        ...db.env,
        DEMO_MODE: 'false',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'overleg@voorbeeldstad.example',
        PUBLIC_URL: 'https://casustafel.voorbeeldstad.example',
        // The test runs the queue by hand (runDue): no timer races with it.
        JOBS_ENABLED: 'false',
      },
      { clock },
    );
    jobs = t.app.get(JobsService);
    const { teams, add } = await organisationWith(t, clock, ['Wijkteam Oost']);
    const team = must(teams[0]);
    const c = await add('Olga Oosterhuis', [[team, ['member', 'chair']]]);
    const m = await add('Mehmet Meijer', [[team, ['member']]]);
    chairId = c.id;
    memberId = m.id;
    memberEmail = m.email;
    chair = c.client;
    member = m.client;
    signInAgain = async () => {
      chair = await c.signInAgain();
      member = await m.signInAgain();
    };
    const series = await weeklySeries(chair, team, chairId, { exdates: ['2026-03-31'] });
    seriesId = series.seriesId;
    meetingId = must(series.meetings[0]).id;
    const added = await addAgendaItem(chair, meetingId, {
      kind: 'overig',
      title: `Gezin ${CLIENT_NAME}`,
      presenterUserId: chairId,
      timeBoxMinutes: 15,
    });
    itemId = must(added.agenda[0]).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await db?.drop();
  });

  describe('the job queue', () => {
    it('runs a due job once, retries a failing one with backoff, and keeps one job per singleton key', async () => {
      const seen: string[] = [];
      let failures = 2;
      jobs.work<{ n: number }>('test:echo', async (p) => {
        seen.push(`echo ${p.n}`);
      });
      jobs.work('test:flaky', async () => {
        seen.push('flaky');
        if (failures-- > 0) throw new Error('not yet');
      });
      expect(await jobs.schedule('test:echo', { n: 1 })).not.toBeNull();
      expect(
        await jobs.schedule(
          'test:echo',
          { n: 2 },
          { runAt: new Date(clock.now().getTime() + 60_000) },
        ),
      ).not.toBeNull();
      expect(await jobs.schedule('test:echo', { n: 3 }, { singletonKey: 'k' })).not.toBeNull();
      expect(await jobs.schedule('test:echo', { n: 4 }, { singletonKey: 'k' })).toBeNull();
      await jobs.schedule('test:flaky', {}, { backoffMs: 10_000, maxAttempts: 3 });
      await jobs.runDue();
      expect(seen.sort()).toEqual(['echo 1', 'echo 3', 'flaky']);
      const depth = await jobs.depth();
      expect(depth.find((d) => d.name === 'test:echo')).toMatchObject({ due: 0, scheduled: 1 });
      expect(depth.find((d) => d.name === 'test:flaky')).toMatchObject({ due: 0, scheduled: 1 });
      // The first retry waits 10 s, the second 20 s (backoff doubles).
      clock.advance(9_000);
      await jobs.runDue();
      expect(seen.filter((s) => s === 'flaky')).toHaveLength(1);
      clock.advance(2_000);
      await jobs.runDue();
      expect(seen.filter((s) => s === 'flaky')).toHaveLength(2);
      clock.advance(21_000);
      await jobs.runDue();
      expect(seen.filter((s) => s === 'flaky')).toHaveLength(3);
      clock.advance(60_000);
      await jobs.runDue();
      expect(seen.filter((s) => s === 'echo 2')).toHaveLength(1);
      // Once the first singleton ran, the key is free again.
      expect(await jobs.schedule('test:echo', { n: 5 }, { singletonKey: 'k' })).not.toBeNull();
      await jobs.runDue();
      const rows = (await t.app
        .get(DataSource)
        .query(
          `SELECT "state", "attempts" FROM "job" WHERE "name" LIKE 'test:%' ORDER BY "created_at"`,
        )) as { state: string; attempts: number }[];
      expect(rows.every((r) => r.state === 'done')).toBe(true);
      expect(rows.map((r) => r.attempts).sort()).toEqual([1, 1, 1, 1, 3]);
      expect((await jobs.depth()).filter((d) => d.name.startsWith('test:'))).toEqual([]);
    });

    it('claims each job once when two pollers race (FOR UPDATE SKIP LOCKED)', async () => {
      const ran = new Map<number, number>();
      jobs.work<{ n: number }>('test:race', async (p) => {
        ran.set(p.n, (ran.get(p.n) ?? 0) + 1);
      });
      for (let n = 0; n < 30; n++) await jobs.schedule('test:race', { n });
      const [a, b] = await Promise.all([jobs.runDue(), jobs.runDue()]);
      expect(a + b).toBe(30);
      expect([...ran.values()].every((count) => count === 1)).toBe(true);
      expect(ran.size).toBe(30);
    });

    it('a recurring job rescheduled with another expression takes the new one', async () => {
      const ds = t.app.get(DataSource);
      expect(await jobs.schedule('test:cron', {}, { cron: '0 5 * * *' })).not.toBeNull();
      expect(await jobs.schedule('test:cron', {}, { cron: '0 5 * * *' })).toBeNull();
      expect(await jobs.schedule('test:cron', {}, { cron: '30 6 * * *' })).toBeNull();
      const rows = (await ds.query(
        `SELECT "cron", "run_at" AS "runAt" FROM "job" WHERE "name" = 'test:cron' AND "state" = 'queued'`,
      )) as { cron: string; runAt: Date }[];
      expect(rows).toHaveLength(1);
      expect(must(rows[0]).cron).toBe('30 6 * * *');
      expect(new Date(must(rows[0]).runAt).getUTCHours()).toBe(6);
      await ds.query(`DELETE FROM "job" WHERE "name" = 'test:cron'`);
    });

    it('queues the maintenance and reminder jobs once, whatever the number of instances', async () => {
      const rows = (await t.app
        .get(DataSource)
        .query(
          `SELECT "name", count(*)::int AS "n" FROM "job" WHERE "state" = 'queued' AND "cron" IS NOT NULL GROUP BY "name" ORDER BY "name"`,
        )) as { name: string; n: number }[];
      expect(rows).toEqual([
        { name: 'database:analyze', n: 1 },
        { name: 'notes:compact', n: 1 },
        { name: 'reminders:scan', n: 1 },
        { name: 'retention:sweep', n: 1 },
        { name: 'sessions:sweep', n: 1 },
      ]);
    });
    it('the housekeeping jobs sweep idle sessions and compact quiet notes, on whichever instance polls', async () => {
      const doc = new Y.Doc();
      doc.getText('note').insert(0, 'Afspraken over de overdracht');
      await t.app.get(NotesService).append(itemId, Y.encodeStateAsUpdate(doc));
      const ds = t.app.get(DataSource);
      const count = async (q: string) => must(((await ds.query(q)) as { n: number }[])[0]).n;
      expect(await count('SELECT count(*)::int AS n FROM "note_update"')).toBe(1);
      // Twenty minutes later: the sessions idled out, nobody typed in the note.
      clock.advance(20 * 60_000);
      await jobs.runDue();
      expect(await count('SELECT count(*)::int AS n FROM "note_update"')).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM "note_snapshot"')).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM "session" WHERE "ended_at" IS NULL`)).toBe(
        0,
      );
      expect(
        await count(`SELECT count(*)::int AS n FROM "session" WHERE "end_reason" = 'idle'`),
      ).toBeGreaterThanOrEqual(2);
      const done = (await ds.query(
        `SELECT DISTINCT "name" FROM "job" WHERE "state" = 'done' AND "name" IN ('sessions:sweep', 'notes:compact') ORDER BY "name"`,
      )) as { name: string }[];
      expect(done.map((d) => d.name)).toEqual(['notes:compact', 'sessions:sweep']);
      // Their next runs are queued, once each.
      expect(
        await count(
          `SELECT count(*)::int AS n FROM "job" WHERE "state" = 'queued' AND "name" IN ('sessions:sweep', 'notes:compact')`,
        ),
      ).toBe(2);
      await signInAgain();
    });
  });

  describe('notifications', () => {
    it('an agenda published notifies every member, in the app and by e-mail with the .ics attached', async () => {
      // The member reads English e-mail.
      const settings = await member.request<NotificationSettingsView>(
        'PUT',
        '/api/notifications/settings',
        {
          emailKinds: [
            'agenda-published',
            'action-assigned',
            'action-due',
            'action-overdue',
            'evaluation-due',
          ],
          language: 'en',
        },
      );
      expect(settings.status).toBe(200);
      expect(settings.body).toMatchObject({ language: 'en', emailAvailable: true });
      expect((await chair.post(`/api/meetings/${meetingId}/publish`)).status).toBe(200);
      // Publishing twice notifies once.
      expect((await chair.post(`/api/meetings/${meetingId}/publish`)).status).toBe(200);
      const list = await pollUntil(
        () => member.get<NotificationList>('/api/notifications'),
        (r) => r.body.notifications.length > 0,
      );
      expect(list.body.unread).toBe(1);
      expect(list.body.notifications[0]).toMatchObject({
        kind: 'agenda-published',
        params: { meetingId, teamName: 'Wijkteam Oost', startsAt: '2026-03-03T08:30:00.000Z' },
        readAt: null,
      });
      await pollUntil(
        () => jobs.runDue(),
        () => smtp.inbox.length >= 2,
      );
      const mine = must(smtp.inbox.find((m) => m.to.includes(memberEmail)));
      const body = decodeQp(mine.raw);
      expect(body).toContain('Agenda published: Wijkteam Oost meeting on Tuesday, 3 March 2026');
      expect(body).toContain(`https://casustafel.voorbeeldstad.example/overleggen/${meetingId}`);
      expect(body).not.toContain(CLIENT_NAME);
      const ics = must(base64Parts(mine.raw).find((p) => p.startsWith('BEGIN:VCALENDAR')));
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') ?? undefined,
      );
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-03T08:30:00.000Z');
      const chairMail = must(smtp.inbox.find((m) => !m.to.includes(memberEmail)));
      expect(decodeQp(chairMail.raw)).toContain('Agenda gepubliceerd: overleg Wijkteam Oost');
      // Retries do not send twice.
      await jobs.runDue();
      expect(smtp.inbox).toHaveLength(2);
    });

    it('marks read: one, then all; another user cannot mark mine', async () => {
      const before = await member.get<NotificationList>('/api/notifications');
      const id = must(before.body.notifications[0]).id;
      const other = await chair.post<NotificationList>('/api/notifications/read', { ids: [id] });
      expect(other.status).toBe(200);
      expect((await member.get<NotificationList>('/api/notifications')).body.unread).toBe(1);
      const read = await member.post<NotificationList>('/api/notifications/read', { ids: [id] });
      expect(read.body.unread).toBe(0);
      expect(must(read.body.notifications[0]).readAt).not.toBeNull();
      const all = await chair.post<NotificationList>('/api/notifications/read', { all: true });
      expect(all.body.unread).toBe(0);
      const bad = await member.post('/api/notifications/read', { ids: ['nope'] });
      expect(bad.status).toBe(400);
      expect((bad.body as { code: string }).code).toBe('VALIDATION_FAILED');
      const badSettings = await member.request('PUT', '/api/notifications/settings', {
        emailKinds: ['spam'],
        language: 'nl',
      });
      expect(badSettings.status).toBe(400);
      expect((await new BrowserClient(t.baseUrl).get('/api/notifications')).status).toBe(401);
    });

    it('an action assigned notifies its owner; the reminder scan reminds when due and overdue, once each', async () => {
      const created = await chair.post(`/api/meetings/${meetingId}/actions`, {
        commandId: randomUUID(),
        itemId,
        ownerUserId: memberId,
        text: `Huisbezoek bij ${CLIENT_NAME}`,
        due: '2026-03-04',
      });
      expect(created.status).toBe(201);
      const assigned = await pollUntil(
        () => member.get<NotificationList>('/api/notifications'),
        (r) => r.body.notifications.some((n) => n.kind === 'action-assigned'),
      );
      expect(JSON.stringify(assigned.body)).not.toContain(CLIENT_NAME);
      const reminders = t.app.get(RemindersService);
      expect(await reminders.scan()).toBe(0); // due tomorrow: nothing yet
      clock.advance(24 * 3600_000); // 3 March 10:00 Amsterdam… the 4th is still ahead
      expect(await reminders.scan()).toBe(0);
      clock.advance(24 * 3600_000); // 4 March: due today
      expect(await reminders.scan()).toBe(1);
      expect(await reminders.scan()).toBe(0);
      clock.advance(24 * 3600_000); // 5 March: overdue
      expect(await reminders.scan()).toBe(1);
      expect(await reminders.scan()).toBe(0);
      await signInAgain();
      const kinds = (
        await member.get<NotificationList>('/api/notifications')
      ).body.notifications.map((n) => n.kind);
      expect(kinds.slice(0, 2)).toEqual(['action-overdue', 'action-due']);
      expect(kinds.filter((k) => k === 'action-assigned')).toHaveLength(1);
      smtp.inbox.length = 0;
      await pollUntil(
        () => jobs.runDue(),
        () => smtp.inbox.length >= 3,
      );
      const subjects = smtp.inbox.map((m) => decodeQp(m.raw)).join('\n');
      expect(subjects).toContain('New action for you (Wijkteam Oost), due Wednesday, 4 March 2026');
      expect(subjects).toContain('Action due today (Wijkteam Oost)');
      expect(subjects).toContain('Action overdue (Wijkteam Oost)');
      expect(subjects).not.toContain(CLIENT_NAME);
    });

    it('evaluation-due plugs in as a reminder source (synthetic until plan evaluations exist); e-mail follows the choices', async () => {
      const reminders = t.app.get(RemindersService);
      reminders.register({
        kind: 'evaluation-due',
        due: async () => [
          {
            userId: memberId,
            kind: 'evaluation-due',
            params: { due: '2026-03-20', subjectId: 'plan-1' },
            dedupKey: 'evaluation-due:plan-1:2026-03-20',
          },
          {
            userId: chairId,
            kind: 'evaluation-due',
            params: { due: '2026-03-20', subjectId: 'plan-2' },
            dedupKey: 'evaluation-due:plan-2:2026-03-20',
          },
        ],
      });
      // The chair turns e-mail off for evaluations.
      await chair.request('PUT', '/api/notifications/settings', { emailKinds: [], language: 'nl' });
      smtp.inbox.length = 0;
      expect(await reminders.scan()).toBe(2);
      await jobs.runDue();
      await jobs.runDue();
      expect(smtp.inbox).toHaveLength(1);
      expect(must(smtp.inbox[0]).to).toEqual([memberEmail]);
      expect(decodeQp(must(smtp.inbox[0]).raw)).toContain(
        'Evaluation due on Friday, 20 March 2026',
      );
      const chairList = await chair.get<NotificationList>('/api/notifications');
      expect(chairList.body.notifications[0]).toMatchObject({ kind: 'evaluation-due' });
    });
  });

  describe('calendar', () => {
    it('downloads a meeting and a series as .ics that parse back (series: RRULE, EXDATE, DST)', async () => {
      const one = await text(member, `/api/meetings/${meetingId}/calendar.ics`);
      expect(one.status).toBe(200);
      expect(one.type).toContain('text/calendar');
      expect(one.body).not.toContain(CLIENT_NAME);
      const series = await text(member, `/api/meeting-series/${seriesId}/calendar.ics`);
      expect(series.status).toBe(200);
      expect(series.body).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');
      expect(series.body).toContain('EXDATE;TZID=Europe/Amsterdam:20260331T093000');
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(series.body)).getFirstSubcomponent('vevent') ?? undefined,
      );
      const iterator = event.iterator();
      const starts: string[] = [];
      for (let n = 0, next = iterator.next(); next && n < 6; n++, next = iterator.next())
        starts.push(next.toJSDate().toISOString());
      expect(starts).toEqual([
        '2026-03-03T08:30:00.000Z',
        '2026-03-10T08:30:00.000Z',
        '2026-03-17T08:30:00.000Z',
        '2026-03-24T08:30:00.000Z',
        '2026-04-07T07:30:00.000Z', // 31 March excluded; summer time since 29 March
        '2026-04-14T07:30:00.000Z',
      ]);
      expect((await text(null, `/api/meetings/${meetingId}/calendar.ics`)).status).toBe(401);
      expect((await text(member, `/api/meetings/${randomUUID()}/calendar.ics`)).status).toBe(403);
      expect((await text(member, `/api/meeting-series/not-an-id/calendar.ics`)).status).toBe(400);
    });

    it('serves a feed behind a secret token; regenerating revokes the old one; bad tokens are refused', async () => {
      expect((await member.get<CalendarFeedView>('/api/calendar/feed')).body.active).toBe(false);
      const first = await member.post<CalendarFeedView>('/api/calendar/feed');
      expect(first.status).toBe(201);
      const firstUrl = new URL(must(first.body.url));
      expect(firstUrl.origin).toBe('https://casustafel.voorbeeldstad.example');
      const feed = await text(null, `${firstUrl.pathname}${firstUrl.search}`);
      expect(feed.status).toBe(200);
      const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent');
      expect(events.length).toBeGreaterThan(5);
      expect(feed.body).toContain('SUMMARY:Casuïstiekoverleg Wijkteam Oost');
      expect(feed.body).not.toContain(CLIENT_NAME);
      expect(feed.body).not.toContain('Huisbezoek');
      const stored = (await t.app
        .get(DataSource)
        .query('SELECT "token_hash" FROM "calendar_feed_token"')) as { token_hash: string }[];
      const token = must(firstUrl.searchParams.get('token'));
      expect(stored.map((r) => r.token_hash)).not.toContain(token);
      expect(JSON.stringify(stored)).not.toContain(token);

      const second = await member.post<CalendarFeedView>('/api/calendar/feed');
      const secondUrl = new URL(must(second.body.url));
      expect(secondUrl.search).not.toBe(firstUrl.search);
      expect((await text(null, `${firstUrl.pathname}${firstUrl.search}`)).status).toBe(404);
      expect((await text(null, `${secondUrl.pathname}${secondUrl.search}`)).status).toBe(200);
      expect((await member.get<CalendarFeedView>('/api/calendar/feed')).body).toMatchObject({
        active: true,
        url: null,
      });
      expect((await member.request('DELETE', '/api/calendar/feed')).status).toBe(200);
      expect((await text(null, `${secondUrl.pathname}${secondUrl.search}`)).status).toBe(404);
      expect((await text(null, '/api/calendar/feed.ics')).status).toBe(404);
      expect((await text(null, '/api/calendar/feed.ics?token=short')).status).toBe(404);
      expect((await text(null, `/api/calendar/feed.ics?token=${'A'.repeat(43)}`)).status).toBe(404);
      const audit = (await t.app
        .get(DataSource)
        .query(
          `SELECT "action", "outcome" FROM "audit_event" WHERE "action" LIKE 'calendar-feed.%' ORDER BY "seq"`,
        )) as { action: string; outcome: string }[];
      expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(
        expect.arrayContaining([
          'calendar-feed.create:allowed',
          'calendar-feed.read:allowed',
          'calendar-feed.revoke:allowed',
        ]),
      );
      expect(JSON.stringify(t.rawLogs)).not.toContain(token);
    });
  });
});
