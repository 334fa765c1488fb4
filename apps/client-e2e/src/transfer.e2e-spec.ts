import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  unexpectedProblems,
  watchConsole,
} from './support/browser';

/**
 * What the sign-in page's first visit transfers (issue 16 §1), measured as `npm run
 * bench:transfer` does: Chrome's own count of the bytes received (compressed bodies plus
 * headers), empty cache. The target is 150 kB; the build is at ≈ 186 kB (see
 * docs/operations.md "Client delivery"), so this guards the reached level against regressions
 * and the budget in apps/client/project.json warns until the target is met.
 */
const SIGN_IN_CEILING_BYTES = 200_000;

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

describe('what the first visit transfers', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the sign-in page arrives compressed and within its ceiling', async () => {
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
    expect(total).toBeGreaterThan(50_000);
    expect(total).toBeLessThanOrEqual(SIGN_IN_CEILING_BYTES);
    expect(unexpectedProblems(problems, [401])).toEqual([]);
    await context.close();
  });
});
