import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningApi, startApi } from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
} from './support/browser';
import { signedInPage, closeBrowserAndApi } from './support/demo';

/*
 * A whole meeting as the team runs it (issue 11 point 3), on the demo data: the member's home
 * page (this week's meeting, open actions, preparations owed) and "Mijn acties"; in the live room
 * the follow-up item lists last week's open actions, the members read the case's preparation,
 * leaving an unfinished item asks "besproken of doorschuiven", the agenda ends in a clear
 * "agenda afgerond" state, and closing is confirmed with what carries forward. Axe at 1280 and
 * 390 px; on a phone the hand and the chair's controls stay at the bottom of the screen.
 */

interface Person {
  context: BrowserContext;
  page: Page;
  problems: string[];
  userId: string;
}

async function signIn(session: BrowserSession, email: string): Promise<Person> {
  const { user, ...person } = await signedInPage(session, email, { width: 1280, height: 900 });
  return { ...person, userId: user.id };
}

/** Axe at desktop and phone width. */
async function axeBoth(page: Page, label: string, shot?: string): Promise<void> {
  await expectNoA11yViolations(page, `${label} (1280)`);
  if (shot) await screenshot(page, `${shot}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoA11yViolations(page, `${label} (390)`);
  if (shot) await screenshot(page, `${shot}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a whole meeting as the team runs it', () => {
  let server: RunningApi | undefined;
  let session: BrowserSession;
  let chair: Person;
  let member: Person;
  let meetingId: string;

  beforeAll(async () => {
    server = await startApi();
    session = await launchBrowser(server.baseUrl);
    chair = await signIn(session, 'fatima@voorbeeldstad.nl');
    member = await signIn(session, 'sanne@voorbeeldstad.nl');
  }, 240_000);

  afterAll(() => closeBrowserAndApi(session, server), 30_000);

  it('the home page shows my meetings this week, my open actions and what I owe — no database details', async () => {
    const { page } = member;
    await page.getByTestId('home-meetings-list').waitFor();
    const meeting = page.locator('[data-testid^="home-meeting-"]').first();
    expect(await meeting.textContent()).toContain('Wijkteam Noord');
    expect(await meeting.textContent()).toContain('notulist');
    meetingId = ((await meeting.getAttribute('data-testid')) ?? '').replace('home-meeting-', '');
    expect(meetingId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('home-actions-count').getByText('1 open, waarvan 1').waitFor();
    expect(await page.getByTestId('readiness-card').count()).toBe(0);
    expect(await page.getByTestId('connection-card').count()).toBe(0);
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/PGlite|PostgreSQL/);
    await axeBoth(page, 'home (member)', 'home-member');
    // Jeroen owes a draft preparation (El Idrissi).
    const jeroen = await signIn(session, 'jeroen@voorbeeldstad.nl');
    await jeroen.page
      .getByTestId('home-preparations-list')
      .getByText('Zorgen over veiligheid thuis')
      .waitFor();
    await jeroen.context.close();
  });

  it('"Mijn acties" lists my open action with its due date, marked overdue, reachable from the nav', async () => {
    const { page } = member;
    await page.getByTestId('nav-my-actions').click();
    await page.waitForURL('**/mijn-acties');
    const row = page.locator('[data-testid^="my-action-"][data-overdue="true"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Bijzondere bijstand voor gezin Jansen aanvragen');
    expect(await row.textContent()).toContain('Over de deadline');
    await axeBoth(page, 'my actions', 'my-actions');
  });

  it('the follow-up item lists the open actions; members read the case preparation; leaving asks, doorschuiven', async () => {
    await Promise.all(
      [chair, member].map(async (p) => {
        await p.page.goto(`/overleggen/${meetingId}/live`);
        await p.page.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
        await p.page.getByTestId('live-agenda').waitFor();
      }),
    );
    const { page } = chair;
    await page.getByTestId('live-next-item').click();
    // The follow-up item: last week's open actions, the overdue one marked.
    for (const p of [chair, member]) {
      const list = p.page.getByTestId('follow-up-list');
      await list
        .getByText('Bijzondere bijstand voor gezin Jansen aanvragen', { exact: true })
        .waitFor();
      await list
        .locator('.cst-record__text', { hasText: 'Schoolmaatschappelijk werk vragen' })
        .waitFor();
      expect(await list.locator('.cst-record--overdue').count()).toBe(1);
    }
    // Noord's open actions: last week's three and one from the Yılmaz meeting of the demo.
    expect(await page.getByTestId('follow-up').locator('h3').textContent()).toContain('(4)');

    // Leaving the item asks how it ends.
    await page.getByTestId('live-next-item').click();
    await page.getByTestId('live-leave-ask').waitFor();
    expect(await page.getByTestId('live-leave-defer').count()).toBe(0); // not a case item
    await expectNoA11yViolations(page, 'live room (leaving an item)');
    await page.getByTestId('live-leave-discussed').click();

    // The case item: the member reads the preparation, with a link to the case.
    const prep = member.page.getByTestId('live-preparation');
    await prep
      .getByTestId('live-prep-question')
      .getByText('Hoe stemmen we de schuldhulp en de opvoedondersteuning')
      .waitFor();
    expect(await prep.getByTestId('live-prep-krachten').textContent()).toContain('oma helpt');
    expect(await prep.getByTestId('live-prep-zorgen').textContent()).toContain(
      'Oplopende schulden',
    );
    expect(await prep.getByTestId('live-prep-facts').textContent()).toContain('budgetbeheer');
    expect(await prep.getByTestId('live-prep-zrm').locator('li').count()).toBeGreaterThan(5);
    expect(await prep.getByTestId('live-case-link').getAttribute('href')).toMatch(/^\/casussen\//);
    // Its headings are translated (the preparation's texts are a translation file of their own).
    const prepText = (await prep.textContent()) ?? '';
    expect(prepText).toContain('Vraag aan het team');
    expect(prepText).toContain('Krachten');
    expect(prepText).not.toMatch(/\b(preparation|zrm)\.[a-zA-Z]/);

    // The hand: the member raises it; the chair's lower button says what it shows, and whose.
    // By keyboard: Enter on the button, and focus stays on it through the busy moment (it is
    // disabled while the command is on its way; focus went to <body> before).
    const hand = member.page.getByTestId('live-hand');
    await hand.focus();
    await member.page.keyboard.press('Enter');
    await member.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="live-hand"]')?.getAttribute('aria-pressed') ===
        'true',
    );
    await member.page.waitForFunction(
      () => !(document.querySelector('[data-testid="live-hand"]') as HTMLButtonElement).disabled,
    );
    expect(
      await member.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).toBe('live-hand');
    const lower = page.getByTestId(`live-lower-${member.userId}`);
    await lower.waitFor();
    const name = await lower.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(name).toMatch(/^Hand laten zakken \(Sanne/);
    const mismatch = await new AxeBuilder({ page })
      .withRules(['label-content-name-mismatch'])
      .analyze();
    expect(mismatch.violations).toEqual([]);
    await screenshot(member.page, 'live-preparation-member-1280');
    await expectNoA11yViolations(member.page, 'live room (member, preparation)');
    await lower.click();
    await page.getByTestId('live-queue').getByText('Niemand heeft een hand opgestoken.').waitFor();

    // Doorschuiven: the case item goes to the next meeting.
    await page.getByTestId('live-next-item').click();
    await page.getByTestId('live-leave-defer').click();
    const items = page.getByTestId('live-agenda').locator('li');
    await items.nth(1).locator('strong', { hasText: 'Doorgeschoven' }).waitFor();
    await member.page
      .locator('[data-testid="live-agenda"] li[data-status="overgeslagen"]')
      .waitFor();
    await page
      .getByTestId('live-current-item')
      .getByText('Nieuwe werkinstructie huisbezoeken')
      .waitFor();
  });

  it('after the last item: "agenda afgerond", no dead start button, no clock; on a phone the controls stay in reach', async () => {
    const { page } = chair;
    expect(await page.getByTestId('live-next-item').textContent()).toContain(
      'Laatste punt afronden',
    );
    await page.getByTestId('live-next-item').click();
    for (const p of [chair, member]) {
      await p.page.getByTestId('live-agenda-done').waitFor();
      expect(await p.page.getByTestId('live-next-item').count()).toBe(0);
      expect(await p.page.getByTestId('live-clock').count()).toBe(0);
      expect(await p.page.getByTestId('live-no-item').count()).toBe(0);
      expect((await p.page.locator('main').textContent()) ?? '').not.toContain('−00:00');
    }
    expect(await page.getByTestId('live-agenda-done').textContent()).toContain(
      '2 besproken, 1 doorgeschoven',
    );
    await axeBoth(page, 'live room (agenda done, chair)', 'live-agenda-done-chair');
    await axeBoth(member.page, 'live room (agenda done, member)', 'live-agenda-done-member');

    // A phone: scrolled to the bottom, the hand and the chair's main button are still on screen.
    for (const p of [chair, member]) {
      await p.page.setViewportSize({ width: 390, height: 844 });
      await p.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const box = await p.page.getByTestId('live-hand').boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= 844).toBe(true);
      await p.page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(await page.getByTestId('live-done-close').isVisible()).toBe(true);
  });

  it('closing asks for confirmation and says what carries forward; nothing disappears silently', async () => {
    const { page } = chair;
    await page.getByTestId('live-done-close').click();
    const dialog = page.getByTestId('live-close-confirm');
    await dialog.waitFor();
    expect(await dialog.getByTestId('live-close-items').textContent()).toContain(
      'Schulden en opvoedvragen',
    );
    expect(await dialog.getByTestId('live-close-destination').textContent()).toContain(
      'niet besproken',
    );
    await axeBoth(page, 'live room (close confirmation)', 'live-close-confirm');
    // Not yet: cancelling keeps the meeting open.
    await dialog.getByTestId('live-close-no').click();
    expect(await page.getByTestId('live-closed').count()).toBe(0);
    await page.getByTestId('live-close-meeting').click();
    await page.getByTestId('live-close-yes').click();
    await page.getByTestId('live-closed').waitFor();
    expect(await page.getByTestId('live-closed-carried').textContent()).toContain(
      'voorbereiding blijft gereed',
    );
    await member.page.getByTestId('live-closed').waitFor();
    // The follow-up actions are still open: marking one done from "Mijn acties".
    await member.page.goto('/mijn-acties');
    const done = member.page.locator('[data-testid^="my-action-done-"]').first();
    await done.click();
    await member.page.getByTestId('my-actions-empty').waitFor();
    for (const p of [chair, member]) expect(unexpectedProblems(p.problems, [])).toEqual([]);
  });
});
