import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningApi, startApi } from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  unexpectedProblems,
  waitUntil,
  watchConsole,
} from './support/browser';
import { api, sessionOf, shot, signedInPage, closeBrowserAndApi } from './support/demo';

/*
 * The live case meeting in the browser, on its own demo api, with three browser contexts: the
 * chair and a team member share the live room (one clock), type in the same note at once, see
 * each other's decisions and actions, and the chair makes, approves and downloads the minutes;
 * a remote guest (GGZ), invited to the first item only, follows that item — the same clock, the
 * note, the decision and the action — and never sees the other item.
 */

interface Participant {
  label: string;
  context: BrowserContext;
  page: Page;
  problems: string[];
  userId: string;
  name: string;
}

/** Local calendar date `days` from today (yyyy-mm-dd, as date inputs take it). */
function isoDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A signed-in person in their own browser context. */
async function join(session: BrowserSession, label: string, email: string): Promise<Participant> {
  const { user, ...person } = await signedInPage(session, email, { width: 1440, height: 1000 });
  return { label, ...person, userId: user.id, name: user.displayName };
}

interface PlannedMeeting {
  meetingId: string;
  itemIds: string[];
}

/** The chair plans a meeting of her team with two agenda items (through the api). */
async function planMeeting(chair: Participant): Promise<PlannedMeeting> {
  const { user } = await sessionOf(chair.page);
  const team = user.teams.find((t) => t.teamName === 'Wijkteam Noord');
  if (!team) throw new Error('the chair is not in Wijkteam Noord');
  const startsAt = new Date(Date.now() + 10 * 60_000).toISOString();
  const meeting = await api<{ id: string }>(
    chair.page,
    'POST',
    `/api/teams/${team.teamId}/meetings`,
    {
      startsAt,
      durationMinutes: 90,
      chairId: chair.userId,
    },
  );
  const items = [
    { kind: 'mededeling', title: 'Werkinstructie huisbezoeken', timeBoxMinutes: 10 },
    { kind: 'overig', title: 'Rondvraag', timeBoxMinutes: 5 },
  ];
  let detail: { agenda: { id: string; order: number }[] } = { agenda: [] };
  for (const item of items) {
    detail = await api(chair.page, 'POST', `/api/meetings/${meeting.id}/agenda`, {
      ...item,
      presenterUserId: chair.userId,
    });
  }
  const itemIds = [...detail.agenda].sort((a, b) => a.order - b.order).map((i) => i.id);
  return { meetingId: meeting.id, itemIds };
}

async function openLiveRoom(p: Participant, meetingId: string): Promise<void> {
  await p.page.goto(`/overleggen/${meetingId}/live`);
  await p.page.getByTestId('live-heading').waitFor();
  await p.page.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
  await p.page.getByTestId('live-agenda').waitFor();
}

/** Runs `check` for every participant, at the same time. */
function everyone(people: Participant[], check: (p: Participant) => Promise<void>) {
  return Promise.all(people.map(check));
}

/** Seconds shown by the big clock (`mm:ss`, `-mm:ss` over time). */
async function clockSeconds(page: Page, testId = 'live-clock'): Promise<number> {
  const text = ((await page.getByTestId(testId).textContent()) ?? '').trim();
  const match = /^(-?)(\d+):(\d{2})$/.exec(text);
  if (!match) throw new Error(`unexpected clock text "${text}"`);
  const seconds = Number(match[2]) * 60 + Number(match[3]);
  return match[1] ? -seconds : seconds;
}

/** The note's text as the editor shows it, without the others' cursors and name labels. */
function noteText(page: Page): Promise<string> {
  return page.getByTestId('note-input').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.cst-caret').forEach((caret) => caret.remove());
    return [...copy.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '').join('\n');
  });
}

interface Guest {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** The chair invites a GGZ specialist to one item; the guest signs in with link and code. */
async function inviteGuest(
  session: BrowserSession,
  chair: Participant,
  meetingId: string,
  itemId: string,
): Promise<Guest> {
  const invited = await api<{ link: string; code: string | null }>(
    chair.page,
    'POST',
    `/api/meetings/${meetingId}/guests`,
    {
      name: 'Gerrit de Graaf',
      email: 'gerrit@ggz-centraal.example',
      discipline: 'ggz',
      organisationName: 'GGZ Centraal',
      itemIds: [itemId],
    },
  );
  if (!invited.code) throw new Error('no code shown (is SMTP configured?)');
  const context = await session.newContext({ width: 1280, height: 1000 });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`/gast${new URL(invited.link).hash}`);
  await page.getByTestId('guest-code').fill(invited.code);
  await page.getByTestId('guest-sign-in-submit').click();
  await page.waitForURL((url) => url.pathname === '/gast/overleg');
  await page.getByTestId('guest-room-heading').waitFor();
  return { context, page, problems };
}

describe('the live case meeting: one clock, a shared note, decisions, actions and minutes', () => {
  let server: RunningApi | undefined;
  let session: BrowserSession;
  let chair: Participant;
  let member: Participant;
  let people: Participant[];
  let planned: PlannedMeeting;
  let guest: Guest;

  beforeAll(async () => {
    server = await startApi();
    session = await launchBrowser(server.baseUrl);
    chair = await join(session, 'chair', 'fatima@voorbeeldstad.nl');
    member = await join(session, 'member', 'sanne@voorbeeldstad.nl');
    people = [chair, member];
    planned = await planMeeting(chair);
    guest = await inviteGuest(session, chair, planned.meetingId, planned.itemIds[0] as string);
  }, 90_000);

  afterAll(() => closeBrowserAndApi(session, server), 30_000);

  it('chair and member share the live room; the chair starts an item and its timer, both see the same clock', async () => {
    await everyone(people, (p) => openLiveRoom(p, planned.meetingId));
    await chair.page.getByTestId('live-next-item').click();
    const first = planned.itemIds[0] as string;
    await everyone(people, (p) =>
      p.page.locator(`[data-testid="live-item-${first}"][aria-current="true"]`).waitFor(),
    );
    if ((await chair.page.getByTestId('live-timer-start').count()) > 0) {
      await chair.page.getByTestId('live-timer-start').click();
    }
    await chair.page.getByTestId('live-timer-pause').waitFor();
    // The clock runs down on both screens…
    const start = await clockSeconds(member.page);
    await waitUntil(async () => (await clockSeconds(member.page)) < start, 'the clock to tick');
    // …and shows the same time on both (read at the same moment, three times).
    for (let i = 0; i < 3; i++) {
      const [a, b] = await Promise.all([clockSeconds(chair.page), clockSeconds(member.page)]);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 700));
    }
    await everyone(people, (p) =>
      p.page
        .getByTestId('live-work-item')
        .filter({ hasText: 'Werkinstructie huisbezoeken' })
        .waitFor(),
    );
    // The guest follows the invited item, on the same clock.
    await guest.page
      .getByTestId('guest-current-item')
      .filter({ hasText: 'Werkinstructie huisbezoeken' })
      .waitFor();
    await guest.page.getByTestId('guest-clock').waitFor();
    for (let i = 0; i < 3; i++) {
      const [a, g] = await Promise.all([
        clockSeconds(chair.page),
        clockSeconds(guest.page, 'guest-clock'),
      ]);
      expect(Math.abs(a - g)).toBeLessThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('both type in the note at once; both texts end up in both editors, with the other’s name at the cursor', async () => {
    await everyone(people, (p) =>
      p.page.locator('[data-testid="note-status"][data-state="synced"]').waitFor(),
    );
    const texts = {
      chair: 'Fatima: huisbezoek altijd met z’n tweeën plannen.',
      member: 'Sanne: sleutelkastje bij de receptie gebruiken.',
    };
    await everyone(people, (p) => p.page.getByTestId('note-input').click());
    await Promise.all([
      chair.page.keyboard.type(texts.chair, { delay: 15 }),
      member.page.keyboard.type(texts.member, { delay: 15 }),
    ]);
    let seen: string[] = [];
    await waitUntil(async () => {
      seen = await Promise.all([noteText(chair.page), noteText(member.page)]);
      const [a, b] = seen;
      return a === b && !!a?.includes(texts.chair) && !!a.includes(texts.member);
    }, 'both texts in both editors').catch((error: Error) => {
      throw new Error(`${error.message}; the editors show ${JSON.stringify(seen)}`);
    });
    // The guest's note (the invited item) holds both texts too.
    await waitUntil(async () => {
      const text = await noteText(guest.page);
      return text.includes(texts.chair) && text.includes(texts.member);
    }, 'both texts in the guest’s note');
    // Presence: each sees the other by name, at the cursor and in the list.
    await chair.page.locator('.cst-caret__name', { hasText: member.name }).waitFor();
    await member.page.locator('.cst-caret__name', { hasText: chair.name }).waitFor();
    expect(await chair.page.getByTestId('note-peers').textContent()).toContain(member.name);
    // Keyboard: a new line with Enter, typed text lands on it.
    await member.page.keyboard.press('Enter');
    await member.page.keyboard.type('Actie volgt.');
    await waitUntil(
      async () => (await noteText(chair.page)).includes('Actie volgt.'),
      'the member’s new line at the chair',
    );
  });

  it('the chair records a decision and an action; both appear live for both; the member marks the action done', async () => {
    const { page } = chair;
    await page.getByTestId('decision-add').locator('summary').click();
    await page.getByTestId('decision-type').selectOption('algemene-voorziening');
    await page.getByTestId('decision-text-input').fill('Sleutelkastje voor huisbezoeken invoeren');
    await page.getByTestId('decision-rationale').fill('Veiliger en sneller voor het hele team');
    await page.getByTestId('decision-team').check();
    await page.getByTestId('decision-submit').click();
    await everyone(people, (p) =>
      p.page
        .getByTestId('records-decisions')
        .getByText('Sleutelkastje voor huisbezoeken invoeren')
        .waitFor(),
    );
    expect(await member.page.getByTestId('records-decisions').textContent()).toContain(
      'Algemene voorziening',
    );
    // On behalf of the team: in the chair's name.
    expect(await member.page.getByTestId('decision-by').textContent()).toContain(chair.name);

    await page.getByTestId('action-add').locator('summary').click();
    await page.getByTestId('action-owner').selectOption(member.userId);
    await page.getByTestId('action-due').fill(isoDay(7));
    await page.getByTestId('action-text-input').fill('Sleutelkastje bestellen');
    await page
      .getByTestId('action-decision')
      .selectOption({ label: 'Algemene voorziening: Sleutelkastje voor huisbezoeken invoeren' });
    await page.getByTestId('action-submit').click();
    await everyone(people, (p) =>
      p.page.getByTestId('records-actions').getByText('Sleutelkastje bestellen').waitFor(),
    );
    expect(await chair.page.getByTestId('records-actions').textContent()).toContain(member.name);
    // The action carries out the decision it was linked to.
    await member.page
      .getByTestId('action-decision-link')
      .getByText('Sleutelkastje voor huisbezoeken invoeren')
      .waitFor();
    // Exactly one of each, on both screens (the ack and the broadcast are deduplicated).
    await everyone(people, async (p) => {
      expect(await p.page.getByTestId('records-decisions').locator('li').count()).toBe(1);
      expect(await p.page.getByTestId('records-actions').locator('li').count()).toBe(1);
    });

    // The guest sees the item's decision and action, read-only.
    await guest.page
      .getByTestId('guest-decisions')
      .getByText('Sleutelkastje voor huisbezoeken invoeren')
      .waitFor();
    await guest.page.getByTestId('guest-actions').getByText('Sleutelkastje bestellen').waitFor();
    // The due date in words, as the members see it — not an ISO date.
    expect(await guest.page.getByTestId('guest-actions').textContent()).not.toMatch(
      /\d{4}-\d{2}-\d{2}/,
    );

    await member.page.getByTestId('action-status').selectOption('gereed');
    await chair.page.getByTestId('records-actions').locator('li[data-status="gereed"]').waitFor();

    await everyone(people, (p) => expectNoA11yViolations(p.page, `live room (${p.label})`));
    await shot(chair.page, 'live-room-chair-1440');
    await shot(member.page, 'live-room-member-1440');
    await chair.page.setViewportSize({ width: 390, height: 844 });
    await shot(chair.page, 'live-room-chair-390');
    await expectNoA11yViolations(chair.page, 'live room (chair, narrow)');
    await chair.page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('the guest sees only the invited item; the other item and member pages stay closed', async () => {
    const items = guest.page.getByTestId('guest-items').locator('li');
    expect(await items.count()).toBe(1);
    const main = (await guest.page.locator('main').textContent()) ?? '';
    expect(main).toContain('Werkinstructie huisbezoeken');
    expect(main).not.toContain('Rondvraag');
    await expectNoA11yViolations(guest.page, 'guest meeting (invited item current)');
    await shot(guest.page, 'live-room-guest-1280');
    // The chair moves on to the other item: the guest learns only that another item is current.
    await chair.page.getByTestId(`live-start-${planned.itemIds[1]}`).click();
    // Leaving an unfinished item asks how it ends.
    await chair.page.getByTestId('live-leave-discussed').click();
    await guest.page.getByTestId('guest-other-item').waitFor();
    expect((await guest.page.locator('main').textContent()) ?? '').not.toContain('Rondvraag');
    // A member page or the minutes: sent back to the guest's own meeting.
    await guest.page.goto(`/overleggen/${planned.meetingId}/notulen`);
    await guest.page.waitForURL((url) => url.pathname === '/gast/overleg');
    const minutes = await guest.page.evaluate(async (id) => {
      const r = await fetch(`/api/meetings/${id}/minutes.pdf`);
      return r.status;
    }, planned.meetingId);
    expect(minutes).toBe(403);
    // 403: the minutes asked for on purpose.
    expect(unexpectedProblems(guest.problems, [403])).toEqual([]);
  });

  it('the chair generates and approves the minutes (locked), and the PDF downloads', async () => {
    const { page } = chair;
    await page.getByTestId('live-minutes-link').click();
    await page.waitForURL(`**/overleggen/${planned.meetingId}/notulen`);
    await page.getByTestId('minutes-missing').waitFor();
    await expectNoA11yViolations(page, 'minutes (none yet)');
    await page.getByTestId('minutes-generate').click();
    await page.locator('[data-testid="minutes-status"][data-status="draft"]').waitFor();
    const first = page.getByTestId(`minutes-item-${planned.itemIds[0]}`);
    await first.getByText('Sleutelkastje voor huisbezoeken invoeren').waitFor();
    expect(await first.getByTestId('minutes-notes').textContent()).toContain('sleutelkastje bij');
    expect(await first.getByTestId('minutes-actions').textContent()).toContain(member.name);
    expect(await page.getByTestId('minutes-present').textContent()).toContain(member.name);
    // The guest specialist who joined: named as invited, as a guest.
    expect(await page.getByTestId('minutes-present').textContent()).toMatch(
      /Gerrit de Graaf\s*· gast/,
    );
    await expectNoA11yViolations(page, 'minutes (draft)');

    // The chair rewords the item's notes before approving, by keyboard.
    await first.getByTestId('minutes-notes-edit').focus();
    await page.keyboard.press('Enter');
    const notes = first.getByTestId('minutes-notes-input');
    await notes.waitFor();
    expect(await notes.evaluate((el) => el === document.activeElement)).toBe(true);
    await notes.fill('Het team voert een sleutelkastje in; de teamleider regelt de aanschaf.');
    await expectNoA11yViolations(page, 'minutes (editing notes)');
    await first.scrollIntoViewIfNeeded();
    await shot(page, 'minutes-editing-1440');
    await first.getByTestId('minutes-notes-save').click();
    await first
      .getByTestId('minutes-notes')
      .getByText('de teamleider regelt de aanschaf')
      .waitFor();
    expect(await page.getByTestId('minutes-announcer').textContent()).toContain('opgeslagen');

    await page.getByTestId('minutes-approve').click();
    await page.getByTestId('minutes-approve-dialog').waitFor();
    await expectNoA11yViolations(page, 'minutes (approve dialog)');
    await page.getByTestId('minutes-approve-dialog-confirm').click();
    await page.getByTestId('minutes-locked').waitFor();
    await page.locator('[data-testid="minutes-status"][data-status="approved"]').waitFor();
    expect(await page.getByTestId('minutes-approve').count()).toBe(0);
    expect(await page.getByTestId('minutes-regenerate').count()).toBe(0);
    await expectNoA11yViolations(page, 'minutes (approved)');
    await shot(page, 'minutes-approved-1440');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('minutes-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // The agenda page links to the minutes once the meeting has started.
    await page.goto(`/overleggen/${planned.meetingId}`);
    await page.getByTestId('agenda-minutes-link').click();
    await page.waitForURL(`**/overleggen/${planned.meetingId}/notulen`);
    await page.getByTestId('minutes-locked').waitFor();

    // The member reads the same approved minutes, without the chair's buttons.
    await member.page.goto(`/overleggen/${planned.meetingId}/notulen`);
    await member.page.getByTestId('minutes-locked').waitFor();
    expect(await member.page.getByTestId('minutes-approve').count()).toBe(0);
    await expectNoA11yViolations(member.page, 'minutes (member)');

    // 404: the minutes did not exist before they were generated.
    for (const p of people) expect(unexpectedProblems(p.problems, [404])).toEqual([]);
  });
});
