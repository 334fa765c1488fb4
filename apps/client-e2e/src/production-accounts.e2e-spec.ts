import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  launchApi,
  prepareApi,
  type PreparedApi,
  type RunningApi,
  runCli,
  stopApi,
} from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  storageKeys,
  unexpectedProblems,
  watchConsole,
} from './support/browser';
import { totpAt, totpCode } from './support/totp';

const IDLE_TIMEOUT_SECONDS = 20;
/** The api ends idle sessions in a sweep every 5 s; the client asks 2 s after its own timer. */
const SWEEP_SECONDS = 5;
const ADMIN_PASSWORD = 'paarse fiets onder de brug';
const NOOR_PASSWORD = 'groene kikker in de regenton';

async function readSecret(page: Page): Promise<string> {
  const grouped = (await page.getByTestId('enrol-secret').textContent()) ?? '';
  const secret = grouped.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return secret;
}

/**
 * `/activeren#<token>` → password (the live policy checklist) → `/inloggen/instellen` (TOTP,
 * confirmed with the previous step's code so that a sign-in right after needs no wait) → the
 * 10 recovery codes → start page. Returns the TOTP secret.
 */
async function activateAndEnrol(
  page: Page,
  link: string,
  password: string,
  label: string,
): Promise<string> {
  await page.goto(link);
  await page.getByTestId('activate-heading').waitFor();
  // The token is taken out of the address bar at once.
  await page.waitForURL((url) => url.pathname === '/activeren' && url.hash === '');
  await page.getByTestId('activate-password').fill(password);
  for (const rule of ['too_short', 'common', 'contains_email', 'repetitive']) {
    expect(await page.getByTestId(`activate-rule-${rule}`).getAttribute('data-met')).toBe('true');
  }
  await page.getByTestId('activate-submit').click();

  await page.waitForURL((url) => url.pathname === '/inloggen/instellen');
  await page.getByTestId('enrol-qr').waitFor();
  expect(await page.getByTestId('enrol-qr').getAttribute('alt')).toContain('QR-code');
  const secret = await readSecret(page);
  await expectNoA11yViolations(page, `enrolment (${label})`);
  await screenshot(page, `prod-enrol-${label}-1280`);

  await page.getByTestId('enrol-code').fill(await totpCode(secret, -1));
  await page.getByTestId('enrol-submit').click();
  const codes = page.getByTestId('enrol-recovery-code');
  await codes.first().waitFor();
  const list = await codes.allTextContents();
  expect(list).toHaveLength(10);
  for (const code of list) expect(code.trim()).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  expect(new Set(list).size).toBe(10);
  await expectNoA11yViolations(page, `recovery codes (${label})`);
  await screenshot(page, `prod-recovery-codes-${label}-1280`);
  // Continuing needs the "bewaard" confirmation.
  await page.getByTestId('enrol-continue').click();
  await page.getByTestId('enrol-codes-saved-error').waitFor();
  await page.getByTestId('enrol-codes-saved').check();
  await page.getByTestId('enrol-continue').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('user-name').waitFor();
  return secret;
}

/**
 * A production-like installation on its own api (no demo data, no demo shortcuts, a 20-s idle
 * timeout): the first administrator from the bootstrap command, a team and an invitation, the
 * invited colleague's activation, sign-in with password and TOTP, and the idle timeout.
 */
describe('production-like installation: bootstrap, invitation, TOTP sign-in and idle timeout', () => {
  let prepared: PreparedApi | undefined;
  let api: RunningApi | undefined;
  let session: BrowserSession | undefined;
  let activationLink: string;
  let invitationLink: string;
  let noor: BrowserContext;
  let noorPage: Page;
  let noorProblems: string[];
  let noorSecret: string;

  beforeAll(async () => {
    prepared = await prepareApi({
      DEMO_MODE: 'false',
      SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS),
    });
    // PGlite is single-process: the command runs before the api opens the same DATA_DIR.
    const { stdout } = await runCli(prepared, [
      'bootstrap',
      'Gemeente Teststad',
      'admin@teststad.test',
      'Ada Admin',
    ]);
    activationLink = stdout.trim().split('\n').pop() ?? '';
    expect(activationLink.startsWith(`${prepared.baseUrl}/activeren#`)).toBe(true);
    api = await launchApi(prepared);
    session = await launchBrowser(api.baseUrl);
  }, 60_000);

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await stopApi(api ?? prepared);
    }
  }, 30_000);

  it('the first administrator activates (the weak password first), enrols TOTP and invites a colleague into a new team', async () => {
    if (!session) throw new Error('no browser');
    const admin = await session.newContext();
    const page = await admin.newPage();
    const problems = watchConsole(page);

    // Not a demo: no banner, and the start page needs a sign-in.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/inloggen');
    await page.getByTestId('login-heading').waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);

    await page.goto(activationLink);
    await page.getByTestId('activate-heading').waitFor();
    await page.getByTestId('activate-password').fill('welkom');
    expect(await page.getByTestId('activate-rule-too_short').getAttribute('data-met')).toBe(
      'false',
    );
    await page.getByTestId('activate-submit').click();
    await page.getByTestId('activate-error').filter({ hasText: 'voldoet nog niet' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/activeren');
    await expectNoA11yViolations(page, 'activation (weak password)');
    await screenshot(page, 'prod-activate-weak-1280');
    // The page still holds the token (taken from the fragment): a strong password goes through.
    await page.getByTestId('activate-password').fill(ADMIN_PASSWORD);
    for (const rule of ['too_short', 'common', 'contains_email', 'repetitive']) {
      expect(await page.getByTestId(`activate-rule-${rule}`).getAttribute('data-met')).toBe('true');
    }
    await page.getByTestId('activate-submit').click();
    await page.waitForURL((url) => url.pathname === '/inloggen/instellen');
    await page.getByTestId('enrol-qr').waitFor();
    const secret = await readSecret(page);
    await expectNoA11yViolations(page, 'enrolment (admin)');
    await page.getByTestId('enrol-code').fill(await totpCode(secret, -1));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('enrol-recovery-code').nth(9).waitFor();
    expect(await page.getByTestId('enrol-recovery-code').count()).toBe(10);
    await expectNoA11yViolations(page, 'recovery codes (admin)');
    await page.getByTestId('enrol-codes-saved').check();
    await page.getByTestId('enrol-continue').click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByTestId('user-name').textContent()).toBe('Ada Admin');
    await page.getByTestId('home-teams-empty').waitFor();
    await expectNoA11yViolations(page, 'start (admin, no teams)');

    // A team, then an invitation into it.
    await page.getByTestId('nav-admin').click();
    await page.waitForURL((url) => url.pathname === '/beheer');
    await page.getByTestId('team-create-form').waitFor();
    await page.getByTestId('team-name').fill('Wijkteam West');
    await page.getByTestId('team-type').selectOption('integraal');
    await page.getByTestId('team-submit').click();
    await page.getByTestId('team-row-Wijkteam West').waitFor();
    expect(await page.getByTestId('team-create-notice').textContent()).toContain('Wijkteam West');

    await page.getByTestId('invite-name').fill('Noor Visser');
    await page.getByTestId('invite-email').fill('noor@teststad.test');
    await page.getByTestId('invite-team').selectOption({ label: 'Wijkteam West' });
    expect(await page.getByTestId('invite-role-member').isChecked()).toBe(true);
    await page.getByTestId('invite-submit').click();
    const link = page.getByTestId('invitation-link');
    await link.waitFor();
    invitationLink = await link.inputValue();
    expect(invitationLink).toMatch(
      new RegExp(`^${api?.baseUrl.replace(/\./g, '\\.')}/activeren#[A-Za-z0-9_-]{32,64}$`),
    );
    await page.getByTestId('user-row-noor@teststad.test').waitFor();
    await expectNoA11yViolations(page, 'administration with an invitation');
    await screenshot(page, 'prod-admin-invitation-1280');
    expect(unexpectedProblems(problems)).toEqual([]);
    await admin.close();
  });

  it('the invited colleague activates, enrols, sees her team, and signs out', async () => {
    if (!session) throw new Error('no browser');
    noor = await session.newContext();
    noorPage = await noor.newPage();
    noorProblems = watchConsole(noorPage);
    noorSecret = await activateAndEnrol(noorPage, invitationLink, NOOR_PASSWORD, 'noor');
    expect(await noorPage.getByTestId('user-name').textContent()).toBe('Noor Visser');
    await noorPage.getByTestId('home-teams').getByRole('link', { name: 'Wijkteam West' }).waitFor();
    // Not an administrator.
    expect(await noorPage.getByTestId('nav-admin').count()).toBe(0);
    await expectNoA11yViolations(noorPage, 'start (noor)');
    expect(await storageKeys(noorPage)).toEqual({ local: [], session: [] });

    await noorPage.getByTestId('logout-button').click();
    await noorPage.waitForURL((url) => url.pathname === '/inloggen');
    await noorPage.getByTestId('login-heading').waitFor();
  });

  it('signs in with password and TOTP: a wrong code is refused in Dutch, the right one lets her in', async () => {
    await noorPage.getByTestId('login-email').fill('noor@teststad.test');
    await noorPage.getByTestId('login-password').fill(NOOR_PASSWORD);
    await noorPage.getByTestId('login-submit').click();
    await noorPage.waitForURL((url) => url.pathname === '/inloggen/code');
    await noorPage.getByTestId('code-input').waitFor();
    // Not signed in yet: no member pages in the menu.
    expect(await noorPage.getByTestId('nav-teams').count()).toBe(0);
    await expectNoA11yViolations(noorPage, 'second factor');

    const epoch = Math.floor(Date.now() / 1000);
    const valid = [-2, -1, 0, 1, 2].map((step) => totpAt(noorSecret, epoch + step * 30));
    const wrong = ['000000', '111111', '222222'].find((code) => !valid.includes(code)) ?? '';
    await noorPage.getByTestId('code-input').fill(wrong);
    await noorPage.getByTestId('code-submit').click();
    await noorPage
      .getByTestId('code-error')
      .filter({ hasText: 'Deze code klopt niet of is verlopen' })
      .waitFor();
    expect(new URL(noorPage.url()).pathname).toBe('/inloggen/code');
    await expectNoA11yViolations(noorPage, 'second factor (wrong code)');
    await screenshot(noorPage, 'prod-code-wrong-1280');

    await noorPage.getByTestId('code-input').fill(await totpCode(noorSecret, 0));
    await noorPage.getByTestId('code-submit').click();
    await noorPage.waitForURL((url) => url.pathname === '/');
    expect(await noorPage.getByTestId('user-name').textContent()).toBe('Noor Visser');
    const west = noorPage.getByTestId('home-teams').getByRole('link', { name: 'Wijkteam West' });
    await west.waitFor();
    await noorPage.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    await west.click();
    await noorPage.getByTestId('team-heading').filter({ hasText: 'Wijkteam West' }).waitFor();
    expect(await noorPage.getByTestId('team-members').textContent()).toContain('Noor Visser');
    const cookie = (await noor.cookies()).find((c) => c.name === 'casustafel_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(await storageKeys(noorPage)).toEqual({ local: [], session: [] });
    await expectNoA11yViolations(noorPage, 'team page (noor)');
    await screenshot(noorPage, 'prod-team-west-1280');
  });

  it(
    'after the idle timeout the app returns to the sign-in page with "sessie verlopen"',
    async () => {
      const idleStart = Date.now();
      // Do nothing: the client's idle timer and the api's sweep end the session.
      await noorPage.waitForURL(
        (url) => url.pathname === '/inloggen' && url.searchParams.get('reden') === 'verlopen',
        { timeout: (IDLE_TIMEOUT_SECONDS + SWEEP_SECONDS + 15) * 1000 },
      );
      const idled = (Date.now() - idleStart) / 1000;
      // Not (much) before the timeout: the api records activity every 5 s at this timeout, and
      // the last api answer came shortly before idleStart.
      expect(idled).toBeGreaterThan(IDLE_TIMEOUT_SECONDS / 2);
      await noorPage
        .getByTestId('login-expired-message')
        .filter({ hasText: 'Je sessie is verlopen' })
        .waitFor();
      await noorPage
        .locator('[data-testid="connection-status"][data-state="disconnected"]')
        .waitFor();
      expect(await noorPage.getByTestId('user-name').count()).toBe(0);
      // The server ended the session too: its pages are closed.
      const stage = await noorPage.evaluate(async () => {
        const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
        return ((await response.json()) as { stage: string }).stage;
      });
      expect(stage).toBe('anonymous');
      await expectNoA11yViolations(noorPage, 'login (session expired)');
      await screenshot(noorPage, 'prod-login-expired-1280');
      // Expected: the refused wrong code.
      expect(unexpectedProblems(noorProblems, [400, 401])).toEqual([]);
      await noor.close();
    },
    (IDLE_TIMEOUT_SECONDS + SWEEP_SECONDS + 40) * 1000,
  );
});
