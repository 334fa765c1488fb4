import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningApi, startApi } from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  storageKeys,
  unexpectedProblems,
  waitUntil,
  watchConsole,
} from './support/browser';
import { api, sessionOf, shot, signIn, closeBrowserAndApi } from './support/demo';

/*
 * A remote specialist (guest) in the browser, on its own demo api: the demo chair invites a
 * guest to one case item of a meeting (the demo's consent names only the team, so the chair must
 * record a justification), reads the link and the one-time code from the page; the guest opens
 * the link in another browser, enters the code and sees only that item; the chair starts it in
 * the live room and the guest sees it current with the clock; the chair revokes and the guest's
 * page says the access ended.
 */

const CASE_TITLE = 'Gezin Jansen: schulden en opvoeding';
const ANNOUNCEMENT = 'Werkinstructie huisbezoeken';
const JUSTIFICATION =
  'Oplopende schulden en dreigende huisuitzetting: de schuldhulpverlener moet nu meedenken.';

describe('a remote specialist (guest) joins one agenda item', () => {
  let server: RunningApi | undefined;
  let session: BrowserSession;
  let chairContext: BrowserContext;
  let guestContext: BrowserContext;
  let chair: Page;
  let guest: Page;
  let chairProblems: string[];
  let guestProblems: string[];
  let chairId: string;
  let meetingId: string;
  let announcementId: string;
  let caseItemId: string;
  let invitationId: string;
  let link: string;
  let code: string;

  beforeAll(async () => {
    server = await startApi();
    session = await launchBrowser(server.baseUrl);
    chairContext = await session.newContext({ width: 1440, height: 1000 });
    chair = await chairContext.newPage();
    chairProblems = watchConsole(chair);
    await signIn(chair, 'fatima@voorbeeldstad.nl');
    const { user } = await sessionOf(chair);
    chairId = user.id;
    const team = user.teams.find((t) => t.teamName === 'Wijkteam Noord');
    if (!team) throw new Error('the chair is not in Wijkteam Noord');
    // The demo has no meetings: plan one with an announcement; the case item is added in the UI.
    const meeting = await api<{ id: string }>(chair, 'POST', `/api/teams/${team.teamId}/meetings`, {
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 90,
      chairId,
    });
    meetingId = meeting.id;
    await api(chair, 'POST', `/api/meetings/${meetingId}/agenda`, {
      kind: 'mededeling',
      title: ANNOUNCEMENT,
      timeBoxMinutes: 10,
      presenterUserId: chairId,
    });
  }, 60_000);

  afterAll(() => closeBrowserAndApi(session, server), 30_000);

  it('the chair adds the case item and invites a guest to it, recording why consent does not cover it', async () => {
    await chair.goto(`/overleggen/${meetingId}`);
    await chair.getByTestId('agenda-heading').waitFor();
    await chair.getByTestId('agenda-add-toggle').click();
    await chair.getByTestId('agenda-add-kind').selectOption('casusbespreking');
    await chair.getByTestId('agenda-add-title').fill(CASE_TITLE);
    await chair.getByTestId('agenda-add-presenter').selectOption(chairId);
    const preparation = chair.getByTestId('agenda-add-preparation');
    await waitUntil(
      async () => (await preparation.locator('option').count()) > 1,
      'the ready preparation in the picker',
    );
    // The Jansen household's ready preparation (the demo has more than one).
    const labels = await preparation.locator('option').allTextContents();
    const jansen = labels.findIndex((label) => label.includes('Huishouden Jansen'));
    expect(jansen).toBeGreaterThan(0);
    await preparation.selectOption({ index: jansen });
    await chair.getByTestId('agenda-add-submit').click();
    await waitUntil(
      async () => (await chair.locator('[data-testid^="agenda-item-"]').count()) === 2,
      'two agenda items',
    );
    const detail = await api<{ agenda: { id: string; kind: string }[] }>(
      chair,
      'GET',
      `/api/meetings/${meetingId}`,
    );
    announcementId = detail.agenda.find((i) => i.kind === 'mededeling')?.id ?? '';
    caseItemId = detail.agenda.find((i) => i.kind === 'casusbespreking')?.id ?? '';
    expect(caseItemId).not.toBe('');

    await chair.getByTestId('guest-list-empty').waitFor();
    await chair.getByTestId('guest-invite-open').click();
    await chair.getByTestId('guest-invite-name').fill('Sara Schuldink');
    await chair.getByTestId('guest-invite-email').fill('sara@schuldhulp-stad.example');
    await chair.getByTestId('guest-invite-discipline').selectOption('schuldhulpverlener');
    await chair.getByTestId('guest-invite-organisation').fill('Schuldhulp Stad');
    await chair.getByTestId(`guest-invite-item-${caseItemId}`).check();
    await chair.getByTestId('guest-invite-submit').click();
    // The demo's consent names the team only: the chair is asked why sharing is justified.
    const missing = chair.getByTestId('guest-invite-consent-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain(CASE_TITLE);
    expect(await chair.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'guest-invite-justification',
    );
    await expectNoA11yViolations(chair, 'agenda (guest justification asked)');
    await shot(chair, 'guest-invite-justification');
    await chair.getByTestId('guest-invite-justification').fill(JUSTIFICATION);
    await chair.getByTestId('guest-invite-submit').click();

    await chair.getByTestId('guest-invite-result').waitFor();
    link = ((await chair.getByTestId('guest-invite-link').textContent()) ?? '').trim();
    code = ((await chair.getByTestId('guest-invite-code').textContent()) ?? '').trim();
    expect(link).toMatch(/\/gast#[A-Za-z0-9_-]{40,}$/);
    expect(code).toMatch(/^\d{8}$/);
    expect(await chair.getByTestId('guest-invite-warning').textContent()).toContain(
      'verschillende kanalen',
    );
    const row = chair.locator('[data-testid^="guest-row-"]');
    expect(await row.count()).toBe(1);
    invitationId = ((await row.getAttribute('data-testid')) ?? '').replace('guest-row-', '');
    expect(await row.getAttribute('data-status')).toBe('uitgenodigd');
    expect(await row.textContent()).toContain('motivering');
    await expectNoA11yViolations(chair, 'agenda (guest invited, link and code)');
    await shot(chair, 'guest-invite-result');
  });

  it('the guest opens the link in another browser, enters the code and sees only that item', async () => {
    guestContext = await session.newContext({ width: 1280, height: 900 });
    guest = await guestContext.newPage();
    guestProblems = watchConsole(guest);
    // Without the link's token the page explains what to do.
    await guest.goto('/gast');
    await guest.getByTestId('guest-no-token').waitFor();
    await expectNoA11yViolations(guest, 'guest sign-in (no token)');
    await shot(guest, 'guest-sign-in-no-token');

    await guest.goto(link);
    await guest.getByTestId('guest-code').waitFor();
    // The token leaves the address bar at once (and never reached a server: it is a fragment).
    expect(new URL(guest.url()).hash).toBe('');
    expect(await guest.getByTestId('guest-what').textContent()).toContain(
      'alleen de agendapunten waarvoor u bent uitgenodigd',
    );
    expect(await guest.getByTestId('guest-code').getAttribute('autocomplete')).toBe(
      'one-time-code',
    );
    await expectNoA11yViolations(guest, 'guest sign-in');
    await shot(guest, 'guest-sign-in');
    // A wrong code is refused in Dutch; the right one signs in.
    await guest.getByTestId('guest-code').fill('00000000');
    await guest.getByTestId('guest-sign-in-submit').click();
    expect(await guest.getByTestId('guest-sign-in-error').textContent()).toContain(
      'De link of de code klopt niet',
    );
    await guest.getByTestId('guest-code').fill(code);
    await guest.keyboard.press('Enter');
    await guest.waitForURL((url) => url.pathname === '/gast/overleg');
    await guest.locator('[data-testid="guest-connection"][data-state="connected"]').waitFor();
    expect(await guest.getByTestId('guest-room-heading').textContent()).toContain('Wijkteam Noord');
    expect(await guest.getByTestId('guest-notice').textContent()).toContain(
      'U bent gast bij dit overleg en ziet alleen de agendapunten waarvoor u bent uitgenodigd',
    );
    const items = guest.locator('[data-testid^="guest-item-planned-"]');
    expect(await items.count()).toBe(1);
    expect(await guest.getByTestId(`guest-item-${caseItemId}`).textContent()).toContain(CASE_TITLE);
    // The question of the Jansen preparation the chair picked (the demo holds two of them).
    expect(await guest.getByTestId(`guest-item-question-${caseItemId}`).textContent()).toMatch(
      /moeder niet overbelast|wie van het netwerk kan wat doen/,
    );
    expect(await guest.locator('main').textContent()).not.toContain(ANNOUNCEMENT);
    await guest.getByTestId('guest-waiting').waitFor();
    // A guest has no member navigation, and a member page sends them back to their meeting.
    expect(await guest.getByTestId('nav-teams').count()).toBe(0);
    expect(await guest.getByTestId('nav-admin').count()).toBe(0);
    await guest.getByTestId('nav-guest-meeting').waitFor();
    await guest.goto('/teams');
    await guest.waitForURL((url) => url.pathname === '/gast/overleg');
    await guest.getByTestId('guest-waiting').waitFor();
    expect(await storageKeys(guest)).toEqual({ local: [], session: [] });
    await expectNoA11yViolations(guest, 'guest meeting (waiting)');
    await shot(guest, 'guest-room-waiting');
  });

  it('the chair discusses another item, then the invited one: the guest sees it current with the clock and raises a hand', async () => {
    await chair.goto(`/overleggen/${meetingId}/live`);
    await chair.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
    await chair.getByTestId(`live-start-${announcementId}`).click();
    await guest.getByTestId('guest-other-item').waitFor();
    expect(await guest.getByTestId('guest-clock').count()).toBe(0);
    expect(await guest.locator('main').textContent()).not.toContain(ANNOUNCEMENT);
    await expectNoA11yViolations(guest, 'guest meeting (another item)');
    await shot(guest, 'guest-room-other-item');

    await chair.getByTestId(`live-start-${caseItemId}`).click();
    // Leaving the announcement asks how it ends.
    await chair.getByTestId('live-leave-discussed').click();
    await guest.getByTestId('guest-current-item').filter({ hasText: CASE_TITLE }).waitFor();
    await guest.getByTestId('guest-clock').waitFor();
    // Starting an item starts its timer: the chair is offered pause, not start.
    await chair.getByTestId('live-timer-pause').waitFor();
    expect(await chair.getByTestId('live-timer-start').count()).toBe(0);
    // The same clock as the chair's (read at the same moment).
    const seconds = async (page: Page, id: string) => {
      const text = ((await page.getByTestId(id).textContent()) ?? '').trim();
      const match = /^(-?)(\d+):(\d{2})$/.exec(text);
      if (!match) throw new Error(`unexpected clock "${text}"`);
      return (match[1] ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
    };
    await waitUntil(
      async () =>
        (await guest.getByTestId('guest-clock-state').textContent())?.includes('loopt') ?? false,
      'the running clock at the guest',
    );
    const [a, b] = await Promise.all([seconds(chair, 'live-clock'), seconds(guest, 'guest-clock')]);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    await guest.getByTestId('guest-phases').waitFor();
    await guest.locator('[data-testid="note-status"][data-state="synced"]').waitFor();

    await guest.getByTestId('guest-hand').click();
    await guest.locator('[data-testid="guest-hand"][aria-pressed="true"]').waitFor();
    await chair.getByTestId('live-queue').getByText('Sara Schuldink').waitFor();
    await expectNoA11yViolations(guest, 'guest meeting (invited item current)');
    await shot(guest, 'guest-room-current');
    await guest.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(guest, 'guest meeting (narrow)');
    await shot(guest, 'guest-room-current-390');
    await guest.setViewportSize({ width: 1280, height: 900 });
  });

  it('the chair revokes the invitation: the guest page says the access ended', async () => {
    await chair.goto(`/overleggen/${meetingId}`);
    await chair.getByTestId(`guest-revoke-${invitationId}`).click();
    await chair.getByTestId('guest-revoke-dialog').waitFor();
    await expectNoA11yViolations(chair, 'agenda (revoke dialog)');
    await chair.getByTestId('guest-revoke-dialog-confirm').click();
    await chair
      .locator(`[data-testid="guest-row-${invitationId}"][data-status="ingetrokken"]`)
      .waitFor();
    await guest.getByTestId('guest-ended').waitFor({ timeout: 5_000 });
    expect(await guest.locator('main').textContent()).not.toContain(CASE_TITLE);
    await expectNoA11yViolations(guest, 'guest meeting (access ended)');
    await shot(guest, 'guest-room-ended');
    await shot(chair, 'guest-list-revoked');
    // 401: the wrong code on purpose.
    expect(unexpectedProblems(guestProblems, [401])).toEqual([]);
    expect(unexpectedProblems(chairProblems, [409])).toEqual([]);
  });
});
