import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  storageKeys,
  unexpectedProblems,
  watchConsole,
} from './support/browser';
import { signIn } from './support/demo';

const SESSION_COOKIE = 'casustafel_session';
/** The only thing the client may keep in web storage: the language preference. */
const ALLOWED_STORAGE = { local: ['casustafel.lang'], session: [] };

/** The session cookie exists, is HttpOnly, and is invisible to the page's scripts. */
async function expectHttpOnlySessionCookie(context: BrowserContext, page: Page): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toBeDefined();
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
}

/**
 * Demo mode on the shared api: a team member signs in, sees her team, is refused another team
 * (403, recorded), and the organisation admin finds that refusal in the audit log.
 */
describe('demo sign-in, need-to-know and the audit log', () => {
  let session: BrowserSession;
  let admin: BrowserContext;
  let member: BrowserContext;
  let adminPage: Page;
  let memberPage: Page;
  let adminProblems: string[];
  let memberProblems: string[];
  let zuidId: string;
  let noordId: string;

  beforeAll(async () => {
    session = await launchBrowser();
    admin = await session.newContext();
    member = await session.newContext();
    adminPage = await admin.newPage();
    memberPage = await member.newPage();
    adminProblems = watchConsole(adminPage);
    memberProblems = watchConsole(memberPage);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the organisation admin sees both teams in administration', async () => {
    await signIn(adminPage, 'beheer@voorbeeldstad.nl');
    expect(await adminPage.getByTestId('user-name').textContent()).toBe('Wim Verbeek');
    await expectNoA11yViolations(adminPage, 'start (admin)');
    await adminPage.getByTestId('nav-admin').click();
    await adminPage.waitForURL('**/beheer');
    const zuidRow = adminPage.getByTestId('team-row-Wijkteam Zuid');
    await zuidRow.waitFor();
    await adminPage.getByTestId('team-row-Wijkteam Noord').waitFor();
    const href = await zuidRow.getByTestId('team-manage-link').getAttribute('href');
    zuidId = /\/beheer\/teams\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1] ?? '';
    expect(zuidId).not.toBe('');
    await adminPage.getByTestId('user-row-fatima@voorbeeldstad.nl').waitFor();
    await expectNoA11yViolations(adminPage, 'administration');
    await screenshot(adminPage, 'demo-admin-1280');
  });

  it('a team member signs in: her teams, her name, a live connection, and no token in web storage', async () => {
    await memberPage.goto('/inloggen');
    await memberPage.getByTestId('login-heading').waitFor();
    // Store the language preference, so the exact allowed key set is present.
    await memberPage.getByTestId('lang-nl').click();
    expect(await storageKeys(memberPage)).toEqual(ALLOWED_STORAGE);
    await expectNoA11yViolations(memberPage, 'login');

    await signIn(memberPage, 'fatima@voorbeeldstad.nl');
    expect(await memberPage.getByTestId('user-name').textContent()).toBe('Fatima El Amrani');
    await memberPage.getByTestId('home-heading').filter({ hasText: 'Fatima El Amrani' }).waitFor();
    const teams = memberPage.getByTestId('home-teams');
    await teams.filter({ hasText: 'Mijn teams' }).waitFor();
    const noord = teams.getByRole('link', { name: 'Wijkteam Noord' });
    await noord.waitFor();
    expect(await teams.textContent()).not.toContain('Wijkteam Zuid');
    noordId = ((await noord.getAttribute('href')) ?? '').split('/').pop() ?? '';
    await memberPage.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    // A team member has no administration or audit log in the menu.
    expect(await memberPage.getByTestId('nav-admin').count()).toBe(0);
    expect(await memberPage.getByTestId('nav-audit').count()).toBe(0);
    expect(await storageKeys(memberPage)).toEqual(ALLOWED_STORAGE);
    await expectHttpOnlySessionCookie(member, memberPage);
    await expectNoA11yViolations(memberPage, 'start (member)');
    await screenshot(memberPage, 'demo-start-member-1280');

    await noord.click();
    await memberPage.waitForURL(`**/teams/${noordId}`);
    await memberPage.getByTestId('team-heading').filter({ hasText: 'Wijkteam Noord' }).waitFor();
    const ownId = await memberPage.evaluate(async () => {
      const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
      return ((await response.json()) as { user: { id: string } }).user.id;
    });
    await memberPage.getByTestId(`member-row-${ownId}`).waitFor();
    const rows = memberPage.locator('[data-testid^="member-row-"]');
    expect(await rows.count()).toBe(4);
    const members = await memberPage.getByTestId('team-members').textContent();
    for (const name of ['Fatima El Amrani', 'Sanne Bakker', 'Jeroen de Vries', 'Priya Ramdin']) {
      expect(members).toContain(name);
    }
    expect(await storageKeys(memberPage)).toEqual(ALLOWED_STORAGE);
    await expectNoA11yViolations(memberPage, 'team page');
    await screenshot(memberPage, 'demo-team-noord-1280');
  });

  it('another team’s page by its address shows 403 "Geen toegang" at the same address', async () => {
    await memberPage.goto(`/teams/${zuidId}`);
    await memberPage.getByTestId('forbidden-heading').filter({ hasText: 'Geen toegang' }).waitFor();
    expect(await memberPage.getByTestId('forbidden-recorded').textContent()).toContain('auditlog');
    expect(new URL(memberPage.url()).pathname).toBe(`/teams/${zuidId}`);
    expect(await memberPage.title()).toBe('Geen toegang – Casustafel');
    // Nothing of the other team leaked onto the page.
    expect(await memberPage.locator('body').textContent()).not.toContain('Lotte Janssen');
    expect(await storageKeys(memberPage)).toEqual(ALLOWED_STORAGE);
    await expectNoA11yViolations(memberPage, 'forbidden');
    await screenshot(memberPage, 'demo-forbidden-1280');
  });

  it('a bare address without a page of its own leads somewhere, never to an empty page', async () => {
    for (const [address, landing] of [
      ['/beraden', '/'],
      ['/huishoudens', '/'],
      ['/casussen', '/'],
      ['/intervisie', '/intervisie/aanwezigheid'],
    ] as const) {
      await memberPage.goto(address);
      await memberPage.waitForURL((url) => url.pathname === landing);
      await memberPage.locator('main h1').first().waitFor();
      expect((await memberPage.locator('main h1').first().textContent())?.trim()).not.toBe('');
    }
  });

  it('the organisation admin finds the refusal in the audit log', async () => {
    await adminPage.getByTestId('nav-audit').click();
    await adminPage.waitForURL('**/audit');
    await adminPage.getByTestId('audit-heading').waitFor();
    await adminPage.getByTestId('audit-filter-action').selectOption('team.read');
    await adminPage.getByTestId('audit-filter-outcome').selectOption('denied');
    await adminPage.getByTestId('audit-search').click();
    const row = adminPage
      .locator('[data-testid^="audit-row-"]')
      .filter({ hasText: 'Fatima El Amrani' })
      .filter({ hasText: zuidId });
    await row.first().waitFor();
    expect(await row.first().getByTestId('audit-action').textContent()).toContain('Team bekeken');
    expect(await row.first().getByTestId('audit-outcome').textContent()).toContain('Geweigerd');
    // The filter holds: only refused team views are listed.
    const outcomes = await adminPage.getByTestId('audit-outcome').allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.includes('Geweigerd'))).toBe(true);
    await expectNoA11yViolations(adminPage, 'audit log');
    await screenshot(adminPage, 'demo-audit-1280');
    expect(unexpectedProblems(adminProblems)).toEqual([]);
  });

  it('logging out returns to the sign-in page, disconnects the socket and ends the session', async () => {
    await memberPage.getByTestId('logout-button').click();
    await memberPage.waitForURL((url) => url.pathname === '/inloggen');
    await memberPage.getByTestId('login-heading').waitFor();
    await memberPage
      .locator('[data-testid="connection-status"][data-state="disconnected"]')
      .waitFor();
    expect(await memberPage.getByTestId('user-name').count()).toBe(0);
    expect(await storageKeys(memberPage)).toEqual(ALLOWED_STORAGE);
    expect((await member.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    // The member pages are closed again.
    await memberPage.goto(`/teams/${noordId}`);
    await memberPage.waitForURL((url) => url.pathname === '/inloggen');
    await expectNoA11yViolations(memberPage, 'login after logout');
    // Expected: 403 for the other team's page (need-to-know).
    expect(unexpectedProblems(memberProblems, [403])).toEqual([]);
  });
});
