import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  chromium,
} from 'playwright-core';

const root = path.resolve(__dirname, '../../../..');
export const screenshotDir = path.join(root, 'dist/screenshots');

/** The base URL of the api started by the global setup. */
export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run through `nx e2e client-e2e`');
  return url;
}

export interface BrowserSession {
  browser: Browser;
  newContext(options?: {
    width?: number;
    height?: number;
    locale?: string;
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with a fresh profile (made by Playwright) and no background
 * traffic. Contexts open `base` (default: the shared demo api of the global setup).
 */
export async function launchBrowser(base?: string): Promise<BrowserSession> {
  const origin = base ?? baseUrl();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    newContext: (options = {}) =>
      browser.newContext({
        baseURL: origin,
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        locale: options.locale ?? 'nl-NL',
      }),
    async close() {
      await browser.close();
    },
  };
}

/** Runs axe (WCAG 2.2 A/AA) on the page and fails with a readable list of violations. */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  if (summary.length > 0)
    throw new Error(`axe found violations on ${label}:\n${summary.join('\n')}`);
}

/** Saves a full-page screenshot under dist/screenshots for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects console errors and CSP violations, which must stay empty on every page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * The console problems that are not expected. A browser logs every 4xx answer as
 * "Failed to load resource: the server responded with a status of 4xx"; a test passes the
 * statuses it provokes on purpose (for example 401 for a wrong password, 403 for another team).
 */
export function unexpectedProblems(problems: string[], expectedStatuses: number[] = []): string[] {
  return problems.filter((problem) => {
    const match = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(
      problem,
    );
    return !(match && expectedStatuses.includes(Number(match[1])));
  });
}

/** The keys in localStorage and sessionStorage (sorted), to prove no token is kept there. */
export async function storageKeys(page: Page): Promise<{ local: string[]; session: string[] }> {
  return page.evaluate(() => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
  }));
}

/** Waits for `predicate` to hold, polling, at most `timeoutMs`; fails with `what` otherwise. */
export async function waitUntil(
  predicate: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the element's text contains `text` (see waitUntil). */
export function waitForText(
  locator: Locator,
  text: string,
  what: string,
  timeoutMs?: number,
): Promise<void> {
  return waitUntil(
    async () => ((await locator.textContent()) ?? '').includes(text),
    what,
    timeoutMs,
  );
}

/** How far the page is wider than its viewport (0 or less: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
