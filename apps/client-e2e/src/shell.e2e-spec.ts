import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  watchConsole,
} from './support/browser';

describe('application shell', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  async function open(
    context: BrowserContext,
    path: string,
  ): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(path);
    return { page, problems };
  }

  it('shows the Dutch shell with readiness and a live connection, then switches to English', async () => {
    const context = await session.newContext();
    const { page, problems } = await open(context, '/');

    await expect(page.locator('html')).toBeDefined();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByTestId('readiness-status').filter({ hasText: 'Gereed' }).waitFor();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    expect(await page.getByTestId('readiness-engine').textContent()).toContain('PGlite');
    expect(await page.getByTestId('nav-start').getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toContain('Casustafel');
    await expectNoA11yViolations(page, 'start (nl)');
    await screenshot(page, 'shell-start-nl-1280');

    await page.getByTestId('lang-en').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('readiness-status').filter({ hasText: 'Ready' }).waitFor();
    expect(await page.getByTestId('nav-status').textContent()).toContain('System status');
    await expectNoA11yViolations(page, 'start (en)');

    // The choice survives a reload; then back to Dutch.
    await page.reload();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('lang-nl').click();
    await page.locator('html[lang="nl"]').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is operable by keyboard: the skip link comes first and moves focus to the content', async () => {
    const context = await session.newContext();
    const { page } = await open(context, '/');
    await page.getByTestId('readiness-status').filter({ hasText: 'Gereed' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'skip-link',
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    // Navigate to the status page with the keyboard only.
    await page.getByTestId('nav-status').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/status');
    await page.getByTestId('health-version').waitFor();
    expect(await page.getByTestId('nav-status').getAttribute('aria-current')).toBe('page');
    await expectNoA11yViolations(page, 'status');
    await screenshot(page, 'shell-status-nl-1280');
    await context.close();
  });

  it('looks finished on a phone-sized screen and shows a Dutch not-found page', async () => {
    const context = await session.newContext({ width: 390, height: 844 });
    const { page, problems } = await open(context, '/');
    await page.getByTestId('readiness-status').filter({ hasText: 'Gereed' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page, 'start (390 px)');
    await screenshot(page, 'shell-start-nl-390');

    await page.goto('/bestaat-niet');
    await page.getByTestId('not-found-home-link').waitFor();
    await expectNoA11yViolations(page, 'not found');
    await screenshot(page, 'shell-not-found-nl-390');
    expect(problems).toEqual([]);
    await context.close();
  });
});
