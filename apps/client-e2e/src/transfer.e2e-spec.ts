import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  unexpectedProblems,
  watchConsole,
} from './support/browser';
import { signIn } from './support/demo';

/**
 * What a first visit transfers (issue 16 §1), measured as `npm run bench:transfer` does:
 * Chrome's own count of the bytes received (compressed bodies plus headers), empty cache.
 * The targets of the issue: the sign-in page ≤ 150 kB, a member's live room ≤ 300 kB. The
 * sign-in page carries no zod, no @angular/forms, no font and only the global translations
 * (docs/operations.md "Client delivery").
 */
const SIGN_IN_TARGET_BYTES = 150_000;
const LIVE_ROOM_TARGET_BYTES = 300_000;

/** What a library leaves in minified code (as tools/scripts/initial-bundle-check.mjs). */
const ZOD = /[`'"]\$?Zod(?:Object|Type|String)[`'"]/;
const FORMS = /[`'"]ngNoForm[`'"]/;

interface Received {
  url: string;
  type: string;
  encoding: string;
  bytes: number;
}

async function firstVisit(page: Page, path: string, ready: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map<string, Omit<Received, 'bytes'>>();
  const received: Received[] = [];
  cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
    const headers = response.headers as Record<string, string>;
    responses.set(requestId, {
      url: response.url,
      type: String(type),
      encoding: headers['content-encoding'] ?? headers['Content-Encoding'] ?? '',
    });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (response) received.push({ ...response, bytes: encodedDataLength });
  });
  await page.goto(path);
  await ready();
  await page.waitForLoadState('networkidle', { timeout: 15_000 });
  return received;
}

/** The chair plans a meeting of her team with one agenda item (through the api, from her page). */
async function planMeeting(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const team = session.user.teams.find(
      (t: { teamName: string }) => t.teamName === 'Wijkteam Noord',
    );
    const call = async (method: string, url: string, body: unknown) => {
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url} → ${response.status}`);
      return response.json();
    };
    const meeting = await call('POST', `/api/teams/${team.teamId}/meetings`, {
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 90,
      chairId: session.user.id,
    });
    await call('POST', `/api/meetings/${meeting.id}/agenda`, {
      kind: 'mededeling',
      title: 'Werkinstructie huisbezoeken',
      timeBoxMinutes: 10,
      presenterUserId: session.user.id,
    });
    return meeting.id as string;
  });
}

/** A browser context signed in as `email` (the cookies only: the new context's cache is empty). */
async function signedInCookies(
  session: BrowserSession,
  email: string,
  act?: (page: Page) => Promise<void>,
) {
  const context: BrowserContext = await session.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await act?.(page);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

describe('what the first visit transfers', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the sign-in page arrives compressed and within 150 kB', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    const received = await firstVisit(page, '/inloggen', () =>
      page.getByTestId('login-heading').waitFor(),
    );
    await expectNoA11yViolations(page, 'sign-in (transfer)');
    const total = received.reduce((sum, r) => sum + r.bytes, 0);
    // Every script, stylesheet and translation file of some size came compressed.
    const uncompressed = received
      .filter((r) => ['Script', 'Stylesheet'].includes(r.type) || r.url.includes('/i18n/'))
      .filter((r) => r.bytes > 1_500 && r.encoding !== 'br' && r.encoding !== 'gzip')
      .map((r) => new URL(r.url).pathname);
    expect(uncompressed).toEqual([]);
    // The live connection's client is not part of the sign-in page.
    expect(received.filter((r) => r.url.includes('/live/'))).toEqual([]);
    // No font (anonymous pages use the system font) and only the global translations.
    expect(received.filter((r) => r.type === 'Font').map((r) => r.url)).toEqual([]);
    expect(
      received.filter((r) => r.url.includes('/i18n/')).map((r) => new URL(r.url).pathname),
    ).toEqual(['/i18n/nl.json']);
    // Neither zod nor @angular/forms in any script the page loaded.
    const scripts = await page.evaluate(
      async (urls) => {
        const bodies = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
        return bodies.map((text, i) => ({ url: urls[i] ?? '', text }));
      },
      received.filter((r) => r.type === 'Script').map((r) => r.url),
    );
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((s) => ZOD.test(s.text)).map((s) => s.url)).toEqual([]);
    expect(scripts.filter((s) => FORMS.test(s.text)).map((s) => s.url)).toEqual([]);
    expect(total).toBeGreaterThan(50_000);
    expect(total).toBeLessThanOrEqual(SIGN_IN_TARGET_BYTES);
    expect(unexpectedProblems(problems, [401])).toEqual([]);
    await context.close();
  });

  it("a member's first visit to the live room transfers at most 300 kB", async () => {
    let meetingId = '';
    await signedInCookies(session, 'fatima@voorbeeldstad.nl', async (page) => {
      meetingId = await planMeeting(page);
    });
    const cookies = await signedInCookies(session, 'sanne@voorbeeldstad.nl');
    const context = await session.newContext();
    await context.addCookies(cookies);
    const page = await context.newPage();
    const problems = watchConsole(page);
    const received = await firstVisit(page, `/overleggen/${meetingId}/live`, async () => {
      await page.getByTestId('live-heading').waitFor();
      await page.locator('[data-testid="live-connection"][data-state="connected"]').waitFor();
      await page.getByTestId('live-agenda').waitFor();
    });
    await expectNoA11yViolations(page, 'live room (transfer)');
    const total = received.reduce((sum, r) => sum + r.bytes, 0);
    process.stdout.write(`live room first visit: ${(total / 1000).toFixed(1)} kB\n`);
    // Not the team's case list (only the agenda's cases) and not the case file's texts.
    const paths = received.map((r) => new URL(r.url).pathname);
    expect(paths.filter((p) => /^\/api\/teams\/[^/]+\/cases/.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/i18n/cases/'))).toEqual([]);
    // No @angular/forms: the records panel's forms are signals.
    const scripts = await page.evaluate(
      async (urls) => Promise.all(urls.map(async (u) => (await fetch(u)).text())),
      received.filter((r) => r.type === 'Script').map((r) => r.url),
    );
    expect(scripts.filter((text) => FORMS.test(text))).toEqual([]);
    expect(total).toBeGreaterThan(100_000);
    expect(total).toBeLessThanOrEqual(LIVE_ROOM_TARGET_BYTES);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  });
});
