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
import { apiCall, signIn } from './support/demo';

/** A member of the household's team files a request on the household page (Dutch). */
async function fileRequest(
  page: Page,
  householdId: string,
  concerns: 'household' | string,
  requestedBy: string,
): Promise<void> {
  await page.goto(`/huishoudens/${householdId}`);
  const form = page.getByTestId('hh-erasure-form');
  await form.waitFor();
  if (concerns === 'household')
    await page.getByTestId('hh-erasure-scope').selectOption('household');
  else await page.getByTestId('hh-erasure-scope').selectOption({ label: concerns });
  await page.getByTestId('hh-erasure-requested-by').selectOption(requestedBy);
  await page.getByTestId('hh-erasure-submit').click();
  await page.waitForFunction(
    () =>
      document
        .querySelector('[data-testid="hh-erasure-notice"]')
        ?.textContent?.includes('Het verzoek is ingediend') ?? false,
  );
}

/**
 * AVG art. 17 in the browser: a team member creates a household (through the api) and files an
 * erasure request on its page; the organisation administrator, who sees the team but not the
 * household's name, assesses and executes it, and the household is gone from the case file; a
 * second request (one person) is refused with a reason. Axe on every state of both pages, at
 * 1280 and 390 px (Dutch).
 */
describe('erasure requests (filed by the team, decided by the organisation administrator)', () => {
  let session: BrowserSession;
  let worker: BrowserContext;
  let admin: BrowserContext;
  let workerPage: Page;
  let adminPage: Page;
  let problems: string[];
  const label = `Huishouden Vergeten ${Date.now().toString(36)}`;
  const keptLabel = `Huishouden Bewaren ${Date.now().toString(36)}`;
  let householdId: string;
  let keptId: string;

  beforeAll(async () => {
    session = await launchBrowser();
    worker = await session.newContext();
    admin = await session.newContext();
    workerPage = await worker.newPage();
    adminPage = await admin.newPage();
    workerPage.setDefaultTimeout(10_000);
    adminPage.setDefaultTimeout(10_000);
    problems = watchConsole(adminPage);
    await signIn(workerPage, 'fatima@voorbeeldstad.nl');
    const teams = await apiCall<{ id: string; name: string }[]>(workerPage, 'GET', '/api/teams');
    const noord = teams.body.find((t) => t.name === 'Wijkteam Noord');
    expect(noord).toBeDefined();
    for (const [name, given] of [
      [label, 'Vergeetmij'],
      [keptLabel, 'Blijfhier'],
    ] as const) {
      const created = await apiCall<{ id: string }>(
        workerPage,
        'POST',
        `/api/teams/${noord?.id}/households`,
        {
          label: name,
          address: null,
        },
      );
      expect(created.status).toBe(201);
      const person = await apiCall(
        workerPage,
        'POST',
        `/api/households/${created.body.id}/persons`,
        {
          givenName: given,
          familyName: 'Testbed',
          role: 'ouder',
        },
      );
      expect(person.status).toBe(201);
      if (name === label) householdId = created.body.id;
      else keptId = created.body.id;
    }
    await signIn(adminPage, 'beheer@voorbeeldstad.nl');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a team member files, the administrator assesses and executes; the household is erased', async () => {
    // The household page offers the request (axe at 1280 and 390 px).
    await workerPage.goto(`/huishoudens/${householdId}`);
    await workerPage.getByTestId('hh-erasure-form').waitFor();
    await expectNoA11yViolations(workerPage, 'household page with erasure request');
    await workerPage.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(workerPage, 'household page with erasure request (390 px)');
    await workerPage.setViewportSize({ width: 1280, height: 800 });
    await fileRequest(workerPage, householdId, 'household', 'betrokkene');
    await expectNoA11yViolations(workerPage, 'erasure request filed');

    await adminPage.getByTestId('nav-admin').click();
    await adminPage.waitForURL('**/beheer');
    await adminPage.getByTestId('admin-erasure-link').click();
    await adminPage.waitForURL('**/beheer/verwijderverzoeken');
    await adminPage.getByTestId('erasure-table').waitFor();
    // The administrator has no form to look a household up.
    expect(await adminPage.getByTestId('erasure-record-form').count()).toBe(0);
    await expectNoA11yViolations(adminPage, 'erasure requests');
    await adminPage.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(adminPage, 'erasure requests (390 px)');
    await adminPage.setViewportSize({ width: 1280, height: 800 });

    const row = adminPage.getByTestId(`erasure-row-${householdId}`);
    await row.waitFor();
    // The team, not the household's name: an organisation administrator reads no client data.
    expect(await row.textContent()).toContain('Wijkteam Noord');
    expect(await row.textContent()).not.toContain(label);
    expect(await row.getByTestId('erasure-status').textContent()).toContain('Ontvangen');

    await row.getByTestId('erasure-assess').click();
    await adminPage.getByTestId('erasure-assess-form').waitFor();
    await expectNoA11yViolations(adminPage, 'erasure assessment');
    await adminPage.getByTestId('erasure-decision-execute').check();
    await adminPage.getByTestId('erasure-assess-submit').click();
    await row.getByTestId('erasure-execute').waitFor();
    expect(await row.getByTestId('erasure-status').textContent()).toContain('Toegewezen');

    await row.getByTestId('erasure-execute').click();
    await adminPage.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-testid="erasure-row-${id}"] [data-testid="erasure-status"]`)
          ?.textContent?.includes('Uitgevoerd') ?? false,
      householdId,
    );
    expect(await row.textContent()).toContain('(verwijderd)');
    await expectNoA11yViolations(adminPage, 'erasure executed');
    await screenshot(adminPage, 'erasure-requests-1280');

    // The team member sees the household anonymised: no name, no label.
    const after = await apiCall<{ label: string; members: { givenName: string }[] }>(
      workerPage,
      'GET',
      `/api/households/${householdId}`,
    );
    expect(after.status).toBe(200);
    expect(after.body.label).toBe('Verwijderd');
    expect(after.body.members.map((m) => m.givenName)).toEqual(['Verwijderd']);
    expect(JSON.stringify(after.body)).not.toContain('Vergeetmij');
  }, 150_000);

  it('refuses a request for one person with a legal exception and a reason; the data stays', async () => {
    await fileRequest(workerPage, keptId, 'Blijfhier Testbed', 'ouder-met-gezag');
    await adminPage.reload();
    const row = adminPage.getByTestId(`erasure-row-${keptId}`);
    await row.waitFor();
    await row.getByTestId('erasure-assess').click();
    await adminPage.getByTestId('erasure-decision-refuse').check();
    await adminPage.getByTestId('erasure-exception-rechtsvordering').check();
    await adminPage.getByTestId('erasure-reason-input').fill('Lopende procedure bij de rechtbank');
    await adminPage.getByTestId('erasure-assess-submit').click();
    await adminPage.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-testid="erasure-row-${id}"] [data-testid="erasure-status"]`)
          ?.textContent?.includes('Afgewezen') ?? false,
      keptId,
    );
    expect(await row.getByTestId('erasure-reason').textContent()).toBe(
      'Lopende procedure bij de rechtbank',
    );
    expect(await row.getByTestId('erasure-execute').count()).toBe(0);
    await expectNoA11yViolations(adminPage, 'erasure refused');
    const kept = await apiCall<{ label: string }>(workerPage, 'GET', `/api/households/${keptId}`);
    expect(kept.body.label).toBe(keptLabel);
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
