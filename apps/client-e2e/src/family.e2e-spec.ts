import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchApi, prepareApi, type RunningApi } from './support/api-process.cjs';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  unexpectedProblems,
  watchConsole,
  waitForText,
} from './support/browser';
import { getJson, shot, signIn, SHOTS, closeBrowserAndApi } from './support/demo';

/*
 * The household's story and the family's own access, on its own demo api: the casusregisseur
 * sees the demo meeting's decision on the case timeline, makes a family link on the household
 * page; the family opens the link on a phone, types the code, reads the B1 plan and who
 * accessed their file, records their agreement and downloads the plan as a PDF whose text keeps
 * "Şükrü Yılmaz" intact.
 */

const DECISION = 'Vader gaat naar het werkplein; schuldhulp start tegelijk.';

/** The text of a PDF, extracted by pdf.js (unpdf) in a child Node process (unpdf is ESM-only). */
function pdfText(file: string): string {
  const script = `
    import { readFileSync } from 'node:fs';
    import { extractText, getDocumentProxy } from 'unpdf';
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[1])));
    const { text } = await extractText(doc, { mergePages: true });
    process.stdout.write(text);
  `;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script, file], {
    cwd: path.join(__dirname, '../../..'),
    encoding: 'utf8',
  });
}

describe('the household’s story and the family’s own plan', () => {
  let server: RunningApi | undefined;
  let session: BrowserSession;
  let proContext: BrowserContext;
  let familyContext: BrowserContext;
  let pro: Page;
  let family: Page;
  let proProblems: string[];
  let familyProblems: string[];
  let householdId: string;
  let caseId: string;
  let link: string;
  let code: string;

  beforeAll(async () => {
    // A generous start bound: the demo seed hashes seven passwords, slow on a busy machine.
    server = await launchApi(await prepareApi(), 120_000);
    session = await launchBrowser(server.baseUrl);
    proContext = await session.newContext({ width: 1280, height: 900 });
    pro = await proContext.newPage();
    proProblems = watchConsole(pro);
    await signIn(pro, 'jeroen@voorbeeldstad.nl');
    const me = await getJson<{ user: { teams: { teamId: string; teamName: string }[] } }>(
      pro,
      '/api/auth/session',
    );
    const team = me.user.teams.find((t) => t.teamName === 'Wijkteam Noord');
    if (!team) throw new Error('jeroen is not in Wijkteam Noord');
    const cases = await getJson<{ id: string; householdId: string; householdLabel: string }[]>(
      pro,
      `/api/teams/${team.teamId}/cases`,
    );
    const yilmaz = cases.find((c) => c.householdLabel === 'Huishouden Yılmaz');
    if (!yilmaz) throw new Error('the demo has no Yılmaz case');
    [caseId, householdId] = [yilmaz.id, yilmaz.householdId];
  }, 180_000);

  afterAll(() => closeBrowserAndApi(session, server), 30_000);

  it('the case timeline shows the meeting’s decision with a link to its source', async () => {
    await pro.goto(`/casussen/${caseId}`);
    await pro.getByTestId('case-tab-verloop').click();
    const decision = pro.locator('[data-testid="timeline-entry"][data-kind="decision"]');
    await decision.first().waitFor();
    expect(await decision.first().textContent()).toContain(DECISION);
    expect(await decision.first().getByTestId('timeline-source').getAttribute('href')).toMatch(
      /^\/overleggen\/[0-9a-f-]{36}\/notulen$/,
    );
    expect(await pro.locator('[data-testid="timeline-entry"][data-kind="meeting"]').count()).toBe(
      1,
    );
    await expectNoA11yViolations(pro, 'case timeline (1280 px)');
    await shot(pro, 'family-case-timeline');
    await pro.setViewportSize({ width: 390, height: 844 });
    await expectNoA11yViolations(pro, 'case timeline (390 px)');
    await shot(pro, 'family-case-timeline-390');
    await pro.setViewportSize({ width: 1280, height: 900 });
  });

  it('the household page shows the story and makes a family link with a one-time code', async () => {
    await pro.goto(`/huishoudens/${householdId}`);
    await pro.getByTestId('timeline-list').waitFor();
    await pro.getByTestId('family-link-name').fill('Şükrü Yılmaz');
    await pro.getByTestId('family-link-create').click();
    await pro.getByTestId('family-link-code').waitFor();
    link = ((await pro.getByTestId('family-link-url').textContent()) ?? '').trim();
    code = ((await pro.getByTestId('family-link-code').textContent()) ?? '').trim();
    expect(link).toMatch(/\/gezin#[A-Za-z0-9_-]{40,}$/);
    expect(code).toMatch(/^\d{8}$/);
    await expectNoA11yViolations(pro, 'household page with family link');
    await shot(pro, 'family-link-created');
    expect(unexpectedProblems(proProblems)).toEqual([]);
  });

  it('the family signs in on a phone with link + code and reads their B1 plan and access log', async () => {
    familyContext = await session.newContext({ width: 390, height: 844 });
    family = await familyContext.newPage();
    familyProblems = watchConsole(family);
    await family.goto(new URL(link).pathname + new URL(link).hash);
    await family.getByTestId('family-code').waitFor();
    // The token left the address bar at once.
    expect(new URL(family.url()).hash).toBe('');
    await expectNoA11yViolations(family, 'family sign-in (390 px)');
    await shot(family, 'family-sign-in-390');
    await family.getByTestId('family-code').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await family.getByTestId('family-sign-in-submit').click();
    await family.waitForURL((url) => url.pathname === '/gezin/plan');
    await family.getByTestId('family-doelen').waitFor();
    expect(await family.getByTestId('family-members').textContent()).toContain('Şükrü Yılmaz');
    expect(await family.getByTestId('family-doelen').textContent()).toContain('Geldzaken');
    expect(await family.getByTestId('family-afspraken').textContent()).toContain(
      'Afspraak maken bij het werkplein',
    );
    // Who accessed their file: the team's reads just now, in plain Dutch.
    const log = family.getByTestId('family-access-log');
    await log.waitFor();
    expect(await log.textContent()).toContain('Verloop van de hulp bekeken');
    expect(await log.textContent()).toContain('Het gezin logde in');
    // The professional menu is not theirs.
    expect(await family.getByTestId('nav-teams').count()).toBe(0);
    await expectNoA11yViolations(family, 'family plan (390 px)');
    await shot(family, 'family-plan-390');
    await family.setViewportSize({ width: 1280, height: 900 });
    await expectNoA11yViolations(family, 'family plan (1280 px)');
    await shot(family, 'family-plan-1280');
    await family.setViewportSize({ width: 390, height: 844 });
  });

  it('the family records their agreement with a comment', async () => {
    await family.getByTestId('family-agree').check();
    await family.getByTestId('family-comment').fill('Goed plan, we doen mee.');
    await family.getByTestId('family-agreement-submit').click();
    await family.getByTestId('family-agreement-saved').waitFor();
    await waitForText(
      family.getByTestId('family-agreement-current'),
      'Goed plan, we doen mee.',
      'the agreement on the plan',
    );
    await expectNoA11yViolations(family, 'family plan after agreement');
    await shot(family, 'family-agreement-390');
  });

  it('the plan downloads as a PDF whose text keeps "Şükrü Yılmaz" intact', async () => {
    const [download] = await Promise.all([
      family.waitForEvent('download'),
      family.getByTestId('family-plan-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ons-plan.pdf');
    const file = path.join(SHOTS, 'ons-plan.pdf');
    mkdirSync(SHOTS, { recursive: true });
    await download.saveAs(file);
    const text = pdfText(file);
    writeFileSync(path.join(SHOTS, 'ons-plan.txt'), text);
    expect(text).toContain('Şükrü Yılmaz');
    expect(text).toContain('Wie doet wat en wanneer');
    expect(text).toContain('U bent het eens met dit plan.');
    expect(unexpectedProblems(familyProblems)).toEqual([]);
  });
});
