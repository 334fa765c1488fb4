import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningApi, stopApi } from './api-process.cjs';
import { type BrowserSession, screenshot, watchConsole } from './browser';

/** The password of every demo account (demo mode only). */
export const DEMO_PASSWORD = 'Voorbeeldstad-demo-2026';
/** A second copy of some screenshots, outside the repository, for a person to look at. */
export const SHOTS = '/tmp/casustafel-shots';

/** Signs a demo account in through the sign-in page, until the shell shows the user. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/inloggen');
  await page.getByTestId('login-heading').waitFor();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  // Demo accounts without an authenticator app go straight in (demo mode only).
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('user-name').waitFor();
}

export interface SessionInfo {
  csrfToken: string | null;
  user: { id: string; displayName: string; teams: { teamId: string; teamName: string }[] };
}

/** The signed-in user, as the api's session answers it. */
export function sessionOf(page: Page): Promise<SessionInfo> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
    return (await response.json()) as SessionInfo;
  });
}

/** A REST call from the page (session cookie and CSRF token): the status and the body. */
export function apiCall<T>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, url, body },
  );
}

/** A REST call from the page, failing loudly on an error status; the body. */
export async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const result = await apiCall<T>(page, method, url, body);
  if (result.status >= 400) throw new Error(`${method} ${url} → ${result.status}`);
  return result.body;
}

/** A GET from the page, failing loudly on an error status; the body. */
export function getJson<T>(page: Page, url: string): Promise<T> {
  return api<T>(page, 'GET', url);
}

/** A full-page screenshot under dist/screenshots and in /tmp/casustafel-shots. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await screenshot(page, name);
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations of the page (see watchConsole). */
  problems: string[];
  user: SessionInfo['user'];
}

/** A demo account signed in, in a browser context of its own (see BrowserSession.newContext). */
export async function signedInPage(
  session: BrowserSession,
  email: string,
  options: { width?: number; height?: number; defaultTimeoutMs?: number } = {},
): Promise<SignedInPage> {
  const { defaultTimeoutMs, ...viewport } = options;
  const context = await session.newContext(viewport);
  const page = await context.newPage();
  if (defaultTimeoutMs) page.setDefaultTimeout(defaultTimeoutMs);
  const problems = watchConsole(page);
  await signIn(page, email);
  const { user } = await sessionOf(page);
  return { context, page, problems, user };
}

/** Closes the browser, then stops the spec's own api (also when closing the browser failed). */
export async function closeBrowserAndApi(
  session: BrowserSession | undefined,
  server: RunningApi | undefined,
): Promise<void> {
  try {
    await session?.close();
  } finally {
    await stopApi(server);
  }
}
