import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
  horizontalOverflow,
} from './support/browser';
import { api, signedInPage } from './support/demo';

/**
 * Issue 12, points 2–5: a decision taken in the live meeting becomes a plan item in one step;
 * the plan shows it with its source; the diff between two versions shows it; the team's
 * overdue evaluations are listed; an item edited in the browser shows in the diff. Axe-clean at 1280 and 390 px.
 */
describe('the support plan: from a live decision to the plan', () => {
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let meetingId: string;
  let teamId: string;
  let householdId: string;
  let planPage: Page;
  const decisionText = `Huiswerkbegeleiding via de bibliotheek ${Date.now().toString(36)}`;

  beforeAll(async () => {
    session = await launchBrowser();
    const signedIn = await signedInPage(session, 'fatima@voorbeeldstad.nl', {
      width: 1280,
      height: 900,
      defaultTimeoutMs: 10_000,
    });
    ({ context, page, problems } = signedIn);
    const team = signedIn.user.teams.find((t) => t.teamName === 'Wijkteam Noord');
    if (!team) throw new Error('fatima is not in Wijkteam Noord');
    teamId = team.teamId;
    const households = await api<{ id: string; label: string }[]>(
      page,
      'GET',
      `/api/teams/${teamId}/households`,
    );
    householdId = households.find((h) => h.label === 'Huishouden Jansen')?.id ?? '';
    const cases = await api<{ id: string; householdId: string }[]>(
      page,
      'GET',
      `/api/teams/${teamId}/cases`,
    );
    const jansenCase = cases.find((c) => c.householdId === householdId);
    const detail = await api<{ preparations: { id: string; status: string }[] }>(
      page,
      'GET',
      `/api/cases/${jansenCase?.id}`,
    );
    const prep = detail.preparations.filter((p) => p.status === 'ready').at(-1);
    const meeting = await api<{ id: string }>(page, 'POST', `/api/teams/${teamId}/meetings`, {
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 90,
      chairId: signedIn.user.id,
    });
    meetingId = meeting.id;
    await api(page, 'POST', `/api/meetings/${meetingId}/agenda`, {
      kind: 'casusbespreking',
      presenterUserId: signedIn.user.id,
      timeBoxMinutes: 30,
      preparationId: prep?.id,
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('takes a decision of the live meeting into the plan in one step', async () => {
    await page.goto(`/overleggen/${meetingId}/live`);
    await page.getByTestId('live-heading').waitFor();
    await page.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
    await page.getByTestId('live-next-item').click();
    await page.getByTestId('decision-add').locator('summary').click();
    await page.getByTestId('decision-type').selectOption('algemene-voorziening');
    await page.getByTestId('decision-text-input').fill(decisionText);
    await page
      .getByTestId('decision-rationale')
      .fill('Tim wil het zelf; de bibliotheek is om de hoek');
    await page.getByTestId('decision-team').check();
    await page.getByTestId('decision-submit').click();
    const link = page.getByTestId('records-decisions').locator('[data-testid="decision-to-plan"]');
    await waitUntil(async () => (await link.count()) === 1, 'the decision with its plan link');
    // The plan opens beside the meeting (a new tab), the decision pre-filled.
    const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
    planPage = opened;
    planPage.setDefaultTimeout(10_000);
    problems.push(...watchConsole(planPage));
    await planPage.getByTestId('plan-decision-form').waitFor();
    expect(await planPage.getByTestId('decision-item-title').inputValue()).toBe(decisionText);
    expect(await planPage.getByTestId('decision-item-type').inputValue()).toBe(
      'algemene-voorziening',
    );
    await planPage.getByTestId('decision-item-owner').fill('Bibliotheek Voorbeeldstad');
    await expectNoA11yViolations(planPage, 'plan (decision pre-filled)');
    await screenshot(planPage, 'plan-decision-1280');
    await planPage.getByTestId('plan-decision-submit').click();
    const row = planPage.getByTestId('plan-items').locator('tr', { hasText: decisionText });
    await waitUntil(async () => (await row.count()) === 1, 'the new item in the plan');
    const source = (await row.getByTestId('plan-item-source').textContent()) ?? '';
    expect(source).toContain('Besluit overleg');
    // The case item is called after its case.
    expect(source).toContain('Schulden en opvoedvragen');
    expect(await row.textContent()).toContain('Bibliotheek Voorbeeldstad');
    expect(await planPage.getByTestId(`plan-decision-form`).count()).toBe(0);
  });

  it('shows the new item in the diff between the last two versions', async () => {
    const version = Number(await planPage.getByTestId('plan-version').textContent());
    expect(version).toBeGreaterThan(1);
    await planPage.getByTestId('diff-from').selectOption(String(version - 1));
    await planPage.getByTestId('diff-to').selectOption(String(version));
    await planPage.getByTestId('diff-show').click();
    await planPage.getByTestId('plan-diff').waitFor();
    const added = planPage.getByTestId('diff-items-toegevoegd');
    await waitUntil(async () => (await added.count()) === 1, 'the added item in the diff');
    expect(await added.textContent()).toContain(decisionText);
    expect(await added.textContent()).toContain('Toegevoegd');
    await expectNoA11yViolations(planPage, 'plan (diff)');
    await screenshot(planPage, 'plan-diff-1280');

    const narrow = await session.newContext({ width: 390, height: 844 });
    const phone = await narrow.newPage();
    await narrow.addCookies(await context.cookies());
    await phone.goto(`/huishoudens/${householdId}/plan`);
    await phone.getByTestId('plan-items').waitFor();
    const overflow = await horizontalOverflow(phone);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(phone, 'plan (390 px)');
    await screenshot(phone, 'plan-390');
    await narrow.close();
  });

  it('edits the item by keyboard and shows the change in the diff, at 1280 and 390 px', async () => {
    const row = planPage.getByTestId('plan-items').locator('tr', { hasText: decisionText });
    const edit = row.locator('[data-testid^="item-edit-"]');
    await edit.focus();
    await planPage.keyboard.press('Enter');
    const form = planPage.getByTestId('plan-item-edit');
    await form.waitFor();
    // The focus goes to the first field, filled with what the item says now.
    await waitUntil(
      async () => (await planPage.evaluate(() => document.activeElement?.id)) === 'edit-item-title',
      'the focus in the edit form',
    );
    expect(await planPage.getByTestId('edit-item-title').inputValue()).toBe(decisionText);
    expect(await planPage.getByTestId('edit-item-owner').inputValue()).toBe(
      'Bibliotheek Voorbeeldstad',
    );
    await planPage
      .getByTestId('edit-item-owner')
      .fill('Bibliotheek Voorbeeldstad, vestiging Noord');
    await planPage.getByTestId('edit-item-status').selectOption('lopend');
    await expectNoA11yViolations(planPage, 'plan (item edit form)');
    await screenshot(planPage, 'plan-item-edit-1280');
    const before = Number(await planPage.getByTestId('plan-version').textContent());
    // Enter in a field submits the form.
    await planPage.getByTestId('edit-item-owner').press('Enter');
    await waitUntil(async () => (await form.count()) === 0, 'the edit form closed after saving');
    expect(await row.textContent()).toContain('Bibliotheek Voorbeeldstad, vestiging Noord');
    const version = Number(await planPage.getByTestId('plan-version').textContent());
    expect(version).toBe(before + 1);

    await planPage.getByTestId('diff-from').selectOption(String(version - 1));
    await planPage.getByTestId('diff-to').selectOption(String(version));
    await planPage.getByTestId('diff-show').click();
    const changed = planPage.getByTestId('diff-items-gewijzigd');
    await waitUntil(async () => (await changed.count()) === 1, 'the changed item in the diff');
    const text = (await changed.textContent()) ?? '';
    expect(text).toContain('Gewijzigd');
    expect(text).toContain('Bibliotheek Voorbeeldstad, vestiging Noord');
    expect(text).toContain('Stand');
    expect(await planPage.getByTestId('diff-items-toegevoegd').count()).toBe(0);
    await expectNoA11yViolations(planPage, 'plan (diff of an edit)');
    await screenshot(planPage, 'plan-edit-diff-1280');

    const narrow = await session.newContext({ width: 390, height: 844 });
    const phone = await narrow.newPage();
    await narrow.addCookies(await context.cookies());
    await phone.goto(`/huishoudens/${householdId}/plan`);
    const phoneRow = phone.getByTestId('plan-items').locator('tr', { hasText: decisionText });
    await phoneRow.locator('[data-testid^="item-edit-"]').click();
    await phone.getByTestId('plan-item-edit').waitFor();
    const overflow = await horizontalOverflow(phone);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(phone, 'plan item edit (390 px)');
    await screenshot(phone, 'plan-item-edit-390');
    // Escape closes the form without saving.
    await phone.getByTestId('edit-item-title').press('Escape');
    await waitUntil(
      async () => (await phone.getByTestId('plan-item-edit').count()) === 0,
      'the edit form closed by Escape',
    );
    await narrow.close();
  });

  it('lists the overdue evaluation of the demo plan for the team', async () => {
    await planPage.goto(`/teams/${teamId}/evaluaties`);
    await planPage.getByTestId('overdue-mine').waitFor();
    expect(await planPage.getByTestId('overdue-mine').textContent()).toContain('Huishouden Jansen');
    await expectNoA11yViolations(planPage, 'overdue evaluations');
    await screenshot(planPage, 'plan-overdue-1280');
    expect(unexpectedProblems(problems, [])).toEqual([]);
  });
});
