import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
  waitForText,
} from './support/browser';
import { signIn } from './support/demo';

/**
 * Management information on the demo: the team leader (Sanne, who leads Noord and Centrum)
 * opens it from the menu, sees charts with their data tables and hidden small cells, switches
 * to quarters and to the comparison of teams, and downloads the CSV; a member without the role
 * has no menu entry and is refused by address.
 */
describe('team insight (stuurinformatie)', () => {
  let session: BrowserSession;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    session = await launchBrowser();
    page = await (await session.newContext()).newPage();
    problems = watchConsole(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the team leader opens the dashboard of Wijkteam Centrum with charts and data tables', async () => {
    await signIn(page, 'sanne@voorbeeldstad.nl');
    await page.getByTestId('nav-insight').click();
    await page.waitForURL('**/inzicht');
    await page.getByTestId('insight-team').waitFor();
    const centrum = await page
      .getByTestId('insight-team')
      .locator('option', { hasText: 'Wijkteam Centrum' })
      .getAttribute('value');
    await page.getByTestId('insight-team').selectOption(centrum ?? '');
    await page.waitForURL(`**/teams/${centrum}/inzicht`);
    const flow = page.getByTestId('insight-indicator-case-flow');
    await flow.locator('canvas').waitFor();
    expect(await flow.locator('canvas').getAttribute('role')).toBe('img');
    expect(await flow.locator('caption').textContent()).toContain('Gegevens bij de grafiek');
    // Twelve months and a total column.
    expect(await flow.locator('thead th').count()).toBe(13);
    await page.getByTestId('insight-indicator-lead-times').waitFor();
    expect(await page.getByTestId('insight-privacy').textContent()).toContain('1 tot 5');
    // Family group conferences come from the conferences the team held: every indicator has
    // its figures now (none is listed as not available).
    const conferences = page.getByTestId('insight-indicator-family-conferences');
    await conferences.waitFor();
    expect(await conferences.textContent()).toContain('Opgevolgd na vier weken');
    expect(await page.getByTestId('insight-unavailable').count()).toBe(0);
    await expectNoA11yViolations(page, 'insight 1280');
    await screenshot(page, 'insight-centrum-1280');
  });

  it('filters by quarter, compares the teams and downloads the CSV', async () => {
    await page.getByTestId('insight-granularity').selectOption('quarter');
    await page.getByTestId('insight-compare').check();
    await page.getByTestId('insight-apply').click();
    const table = page.getByTestId('insight-comparison-table');
    await table.waitFor();
    await waitForText(table, 'Wijkteam West', 'the comparison lists every team');
    // The young team's small numbers are hidden.
    expect(await table.textContent()).toContain('verborgen');
    const flow = page.getByTestId('insight-indicator-case-flow');
    await waitUntil(
      async () => (await flow.locator('thead th').count()) <= 6,
      'quarters instead of months',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('insight-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^stuurinformatie-.*\.csv$/);
    await screenshot(page, 'insight-compare-1280');
  });

  it('is usable and axe clean at 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('insight-indicator-case-flow').locator('canvas').waitFor();
    await expectNoA11yViolations(page, 'insight 390');
    await screenshot(page, 'insight-390');
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('a member without the team leader role has no entry and is refused', async () => {
    const member = await (await session.newContext()).newPage();
    const memberProblems = watchConsole(member);
    await signIn(member, 'jeroen@voorbeeldstad.nl');
    expect(await member.getByTestId('nav-insight').count()).toBe(0);
    await member.goto('/inzicht');
    await member.getByTestId('insight-forbidden').waitFor();
    await expectNoA11yViolations(member, 'insight forbidden');
    await screenshot(member, 'insight-forbidden-1280');
    expect(unexpectedProblems(memberProblems, [403])).toEqual([]);
  });
});
