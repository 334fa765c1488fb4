import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningApi, startApi } from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
} from './support/browser';
import { api, signIn, sessionOf, closeBrowserAndApi } from './support/demo';

/*
 * Notifications and calendar in the browser, on a demo api of its own: the chair publishes an
 * agenda; the bell shows the unread count; the notifications page lists it, marks it read, keeps
 * the e-mail choices and makes a calendar link; the meeting page offers the .ics download. At a
 * desktop width (1280) and a phone width (390).
 */

describe('notifications and calendar', () => {
  let server: RunningApi | undefined;
  let session: BrowserSession;
  let meetingId: string;

  beforeAll(async () => {
    server = await startApi();
    session = await launchBrowser(server.baseUrl);
  }, 60_000);

  afterAll(() => closeBrowserAndApi(session, server), 30_000);

  it.each([
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ])(
    'on a %s (%i px): bell, list, mark read, settings, calendar link and .ics',
    async (label, width, height) => {
      const context = await session.newContext({ width, height });
      const page = await context.newPage();
      const problems = watchConsole(page);
      await signIn(page, 'fatima@voorbeeldstad.nl');
      const { user } = await sessionOf(page);
      const team = user.teams.find((t) => t.teamName === 'Wijkteam Noord');
      if (!team) throw new Error('the chair is not in Wijkteam Noord');
      const meeting = await api<{ id: string }>(
        page,
        'POST',
        `/api/teams/${team.teamId}/meetings`,
        {
          startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
          durationMinutes: 90,
          chairId: user.id,
        },
      );
      meetingId = meeting.id;
      await api(page, 'POST', `/api/meetings/${meetingId}/publish`, {});

      // The bell counts the unread notification (after a load: it polls every minute).
      await page.goto('/');
      const count = page.getByTestId('notification-count');
      await waitUntil(async () => (await count.count()) === 1, 'the unread count on the bell');
      const unreadBefore = Number(await count.textContent());
      expect(unreadBefore).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toContain(
        `${unreadBefore} ongelezen`,
      );
      // A drawn icon, not an emoji the web font lacks (it showed as an empty box).
      expect(await page.getByTestId('notification-bell').locator('svg').count()).toBe(1);
      await expectNoA11yViolations(page, `start with bell (${label})`);

      await page.getByTestId('notification-bell').click();
      await page.waitForURL((url) => url.pathname === '/meldingen');
      const item = page
        .locator(`[data-testid="notification"][data-kind="agenda-published"]`)
        .first();
      await item.waitFor();
      expect(await item.getAttribute('data-read')).toBe('false');
      expect(await item.textContent()).toContain('Agenda gepubliceerd: overleg Wijkteam Noord');
      await expectNoA11yViolations(page, `notifications (${label})`);
      await screenshot(page, `notifications-${label}`);

      await item.getByTestId('notification-mark-read').click();
      await waitUntil(async () => (await item.getAttribute('data-read')) === 'true', 'marked read');
      // The demo seed's own "agenda published" may still be unread (the first run): "mark all
      // read" takes the rest; then nothing is left unread and the button is off.
      const readAll = page.getByTestId('notifications-read-all');
      if (unreadBefore > 1) {
        expect(await readAll.isDisabled()).toBe(false);
        await readAll.click();
      }
      await waitUntil(async () => readAll.isDisabled(), 'nothing left unread');
      await waitUntil(async () => (await count.count()) === 0, 'no unread count on the bell');

      // E-mail choices survive a reload.
      await page.getByTestId('email-kind-action-due').uncheck();
      await page.getByTestId('email-language').selectOption('en');
      await page.getByTestId('notification-settings-save').click();
      await page.getByTestId('notification-settings-saved').waitFor();
      await page.reload();
      await page.getByTestId('email-kind-agenda-published').waitFor();
      expect(await page.getByTestId('email-kind-action-due').isChecked()).toBe(false);
      expect(await page.getByTestId('email-kind-agenda-published').isChecked()).toBe(true);
      expect(await page.getByTestId('email-language').inputValue()).toBe('en');
      // Put them back for the next width.
      await page.getByTestId('email-kind-action-due').check();
      await page.getByTestId('email-language').selectOption('nl');
      await page.getByTestId('notification-settings-save').click();
      await page.getByTestId('notification-settings-saved').waitFor();

      // A calendar link: shown once, then the page says it is active.
      await page.getByTestId('calendar-feed-regenerate').click();
      const feedUrl = await page.getByTestId('calendar-feed-url').inputValue();
      expect(feedUrl).toMatch(/\/api\/calendar\/feed\.ics\?token=[A-Za-z0-9_-]{43}$/);
      const feed = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return { status: r.status, text: await r.text() };
      }, feedUrl);
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      expect(feed.text).not.toContain('Jansen');
      await expectNoA11yViolations(page, `notifications with calendar link (${label})`);

      // The meeting page offers the .ics.
      await page.goto(`/overleggen/${meetingId}`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('agenda-ics').click(),
      ]);
      const file = await download.path();
      const ics = readFileSync(file, 'utf8');
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain('SUMMARY:Casuïstiekoverleg Wijkteam Noord');
      expect(ics).toContain('BEGIN:VTIMEZONE');
      await expectNoA11yViolations(page, `meeting with .ics download (${label})`);

      // A meeting of a series also offers the whole series (weekly on Tuesday, from next week).
      const firstTuesday = new Date(Date.now() + 7 * 86_400_000);
      while (firstTuesday.getUTCDay() !== 2) firstTuesday.setUTCDate(firstTuesday.getUTCDate() + 1);
      const series = await api<{ meetings: { id: string }[] }>(
        page,
        'POST',
        `/api/teams/${team.teamId}/meeting-series`,
        {
          schedule: {
            rrule: 'FREQ=WEEKLY;BYDAY=TU',
            timeZone: 'Europe/Amsterdam',
            start: `${firstTuesday.toISOString().slice(0, 10)}T09:30`,
            durationMinutes: 90,
          },
          chairId: user.id,
        },
      );
      const firstOfSeries = series.meetings[0];
      if (!firstOfSeries) throw new Error('the series planned no meeting');
      await page.goto(`/overleggen/${firstOfSeries.id}`);
      const [seriesDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('agenda-series-ics').click(),
      ]);
      const seriesIcs = readFileSync(await seriesDownload.path(), 'utf8');
      expect(seriesIcs).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');
      expect(seriesIcs).toContain('DTSTART;TZID=Europe/Amsterdam:');

      expect(unexpectedProblems(problems)).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
