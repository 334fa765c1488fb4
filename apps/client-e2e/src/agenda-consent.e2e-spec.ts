import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  horizontalOverflow,
} from './support/browser';
import { api, signedInPage } from './support/demo';

const JUSTIFICATION =
  'Acute zorgen over de veiligheid van de kinderen; bespreken kan niet wachten.';

/**
 * Issue 10, point 7: a case whose household has no consent for the meeting goes on the agenda
 * only with the chair's justification; the agenda and the live room show the consent state.
 */
describe('consent for the meeting on the agenda and in the live room', () => {
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let meetingId: string;
  let userId: string;
  const caseTitle = `Zorgen zonder toestemming ${Date.now().toString(36)}`;

  beforeAll(async () => {
    session = await launchBrowser();
    const signedIn = await signedInPage(session, 'fatima@voorbeeldstad.nl', {
      width: 1280,
      height: 900,
      defaultTimeoutMs: 10_000,
    });
    ({ context, page, problems } = signedIn);
    userId = signedIn.user.id;
    const team = signedIn.user.teams.find((t) => t.teamName === 'Wijkteam Noord');
    if (!team) throw new Error('fatima is not in Wijkteam Noord');
    // A household without any consent, its case and a ready preparation.
    const household = await api<{ id: string }>(
      page,
      'POST',
      `/api/teams/${team.teamId}/households`,
      { label: `Huishouden Zonder ${Date.now().toString(36)}`, address: null },
    );
    const created = await api<{ id: string }>(page, 'POST', `/api/teams/${team.teamId}/cases`, {
      householdId: household.id,
      title: caseTitle,
      casusregisseurId: userId,
    });
    const prep = await api<{ id: string }>(page, 'POST', `/api/cases/${created.id}/preparations`, {
      content: { vraag: 'Welke hulp past het best bij dit gezin?' },
    });
    await api(page, 'POST', `/api/preparations/${prep.id}/ready`, {});
    const meeting = await api<{ id: string }>(page, 'POST', `/api/teams/${team.teamId}/meetings`, {
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 90,
      chairId: userId,
    });
    meetingId = meeting.id;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('asks the chair why, keeps the justification and shows the state on the agenda', async () => {
    await page.goto(`/overleggen/${meetingId}`);
    await page.getByTestId('agenda-heading').waitFor();
    await page.getByTestId('agenda-add-toggle').click();
    await page.getByTestId('agenda-add-kind').selectOption('casusbespreking');
    await page.getByTestId('agenda-add-presenter').selectOption(userId);
    const preparation = page.getByTestId('agenda-add-preparation');
    await waitUntil(
      async () => (await preparation.locator('option', { hasText: caseTitle }).count()) === 1,
      'the new ready preparation in the picker',
    );
    const value = await preparation.locator('option', { hasText: caseTitle }).getAttribute('value');
    await preparation.selectOption(value ?? '');
    await page.getByTestId('agenda-add-submit').click();
    // The ledger has nothing for this household: the next step, not an error.
    await page.getByTestId('agenda-consent-step').waitFor();
    expect(await page.getByTestId('agenda-consent-reason').textContent()).toContain(
      'Er is geen toestemming of wettelijke grondslag',
    );
    expect(await page.locator('[data-testid^="agenda-item-"]').count()).toBe(0);
    await expectNoA11yViolations(page, 'agenda (consent step)');
    await screenshot(page, 'agenda-consent-step-1280');
    await page.getByTestId('agenda-add-justification').fill(JUSTIFICATION);
    await page.getByTestId('agenda-add-submit').click();
    await waitUntil(
      async () => (await page.locator('[data-testid^="agenda-item-"]').count()) === 1,
      'the case item on the agenda',
    );
    const badge = page.locator('[data-testid^="agenda-consent-"]').first();
    const text = (await badge.textContent()) ?? '';
    expect(text).toContain('Geen geldige toestemming — verantwoording vastgelegd');
    expect(text).toContain(JUSTIFICATION);
    // The demo's Jansen household has a valid consent: its case goes on without a question.
    const jansen = preparation.locator('option', { hasText: 'Jansen' });
    if ((await page.getByTestId('agenda-add-form').count()) === 0)
      await page.getByTestId('agenda-add-toggle').click();
    await waitUntil(async () => (await jansen.count()) > 0, 'the Jansen preparation');
    await preparation.selectOption((await jansen.first().getAttribute('value')) ?? '');
    await page.getByTestId('agenda-add-submit').click();
    await waitUntil(
      async () => (await page.locator('[data-testid^="agenda-item-"]').count()) === 2,
      'the covered case item on the agenda',
    );
    const covered =
      (await page.locator('[data-testid^="agenda-consent-"]').nth(1).textContent()) ?? '';
    expect(covered).toMatch(/Toestemming geldig tot \d{1,2} \S+ \d{4}/);
    await expectNoA11yViolations(page, 'agenda (consent badges)');
    await screenshot(page, 'agenda-consent-1280');

    const narrow = await session.newContext({ width: 390, height: 844 });
    const phone = await narrow.newPage();
    await narrow.addCookies(await context.cookies());
    await phone.goto(`/overleggen/${meetingId}`);
    await phone.locator('[data-testid^="agenda-consent-"]').first().waitFor();
    const overflow = await horizontalOverflow(phone);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'agenda-consent-390');
    await narrow.close();
  });

  it('shows the consent state with the current item in the live room', async () => {
    await page.goto(`/overleggen/${meetingId}/live`);
    await page.getByTestId('live-heading').waitFor();
    await page.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
    await page.getByTestId('live-agenda').waitFor();
    await page.getByTestId('live-next-item').click();
    await page.getByTestId('live-consent').waitFor();
    expect(await page.getByTestId('live-consent').textContent()).toContain(
      'Geen geldige toestemming — verantwoording vastgelegd',
    );
    await expectNoA11yViolations(page, 'live room (consent badge)');
    await screenshot(page, 'live-consent-1280');
    // Expected: the 422 that asked for the justification.
    expect(unexpectedProblems(problems, [422])).toEqual([]);
  });
});
