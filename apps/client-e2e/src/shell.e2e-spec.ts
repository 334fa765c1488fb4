import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  watchConsole,
} from './support/browser';

/** The public shell on the shared demo api: sign-in page, status, language, keyboard, phone. */
describe('application shell (demo api, anonymous)', () => {
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

  it('sends an anonymous visitor from / to the Dutch sign-in page, then switches to English and back', async () => {
    const context = await session.newContext();
    const { page, problems } = await open(context, '/');

    await page.waitForURL((url) => url.pathname === '/inloggen');
    await page.getByTestId('login-heading').filter({ hasText: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Inloggen – Casustafel');
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo');
    expect(await page.getByTestId('nav-login').getAttribute('aria-current')).toBe('page');
    // Signed out: no member navigation and no user menu.
    expect(await page.getByTestId('nav-teams').count()).toBe(0);
    expect(await page.getByTestId('user-name').count()).toBe(0);
    expect(await page.locator('label[for="login-email"]').textContent()).toContain('E-mailadres');
    await expectNoA11yViolations(page, 'login (nl)');
    await screenshot(page, 'shell-login-nl-1280');

    await page.getByTestId('lang-en').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('login-heading').filter({ hasText: 'Sign in' }).waitFor();
    expect(await page.getByTestId('nav-status').textContent()).toContain('System status');
    expect(await page.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    await expectNoA11yViolations(page, 'login (en)');
    await screenshot(page, 'shell-login-en-1280');

    // The choice survives a reload; then back to Dutch.
    await page.reload();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('lang-nl').click();
    await page.locator('html[lang="nl"]').waitFor();
    await page.getByTestId('login-heading').filter({ hasText: 'Inloggen' }).waitFor();
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it('is operable by keyboard: the skip link comes first, moves focus to the content, and /status is public', async () => {
    const context = await session.newContext();
    const { page, problems } = await open(context, '/inloggen');
    await page.getByTestId('login-heading').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'skip-link',
    );
    expect(await page.getByTestId('skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');

    // To the status page with the keyboard only: public, with readiness.
    await page.getByTestId('nav-status').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/status');
    await page.getByTestId('status-summary').filter({ hasText: 'Gereed' }).waitFor();
    await page.getByTestId('health-version').waitFor();
    // Anonymous: ready or not, without the instance's details (those are for administrators).
    await page.getByTestId('readiness-details-restricted').waitFor();
    expect(await page.getByTestId('readiness-details-card').textContent()).not.toContain('PGlite');
    expect(await page.getByTestId('nav-status').getAttribute('aria-current')).toBe('page');
    await expectNoA11yViolations(page, 'status');
    await screenshot(page, 'shell-status-nl-1280');
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });

  it('looks finished on a phone-sized screen and shows a Dutch not-found page', async () => {
    const context = await session.newContext({ width: 390, height: 844 });
    const { page, problems } = await open(context, '/');
    await page.waitForURL((url) => url.pathname === '/inloggen');
    await page.getByTestId('login-heading').waitFor();
    const overflow = (): Promise<number> =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page, 'login (390 px)');
    await screenshot(page, 'shell-login-nl-390');

    await page.goto('/status');
    await page.getByTestId('status-summary').filter({ hasText: 'Gereed' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page, 'status (390 px)');

    await page.goto('/bestaat-niet');
    await page.getByTestId('not-found-home-link').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Pagina niet gevonden');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page, 'not found (390 px)');
    await screenshot(page, 'shell-not-found-nl-390');
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});
