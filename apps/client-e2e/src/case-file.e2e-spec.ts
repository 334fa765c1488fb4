import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
  horizontalOverflow,
} from './support/browser';
import { signIn, apiCall, signedInPage } from './support/demo';

/** A fictional BSN that passes the 11-proef; shown masked as `*****6782`. */
const VALID_BSN = '123456782';
const INVALID_BSN = '123456780';
/** `ZRM_DOMAIN_KEYS_2017` (libs/domain/src/lib/case-file/zrm.ts), in form order. */
const ZRM_2017 = [
  'financien',
  'werk-en-opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'middelengebruik',
  'basale-adl',
  'instrumentele-adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
] as const;
/** The score given to domain `i` (1…5, so every level is used). */
const scoreFor = (i: number) => (i % 5) + 1;

/** Local calendar date `days` from today, as the date inputs take it (yyyy-mm-dd). */
function isoDay(days = 0, years = 0): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The data-testid of the focused element. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Presses `key` (Tab or Shift+Tab) until the element with `testId` has focus (keyboard only). */
async function keyTo(page: Page, testId: string, key = 'Tab', max = 40): Promise<void> {
  const seen: (string | null)[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focusedTestId(page);
    if (now === testId) return;
    seen.push(now);
  }
  throw new Error(`${key} never reached ${testId}; focus went through: ${seen.join(' → ')}`);
}

async function isChecked(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).isChecked();
}

/**
 * The case file as the chair of Wijkteam Noord uses it on the shared demo api: the case list,
 * a new household with members and consent, a new case through its first transition, a ZRM
 * scored by keyboard only, a preparation to "gereed", a Meldcode record, the AVG art. 15 access
 * log, and another team's member refused.
 */
describe('case file (dossier) in the browser', () => {
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let noordId: string;
  let householdId: string;
  let caseId: string;
  let parentId: string;
  const householdLabel = `Huishouden Testbed ${Date.now().toString(36)}`;
  const caseTitle = 'Schulden en opvoedvragen (e2e)';

  beforeAll(async () => {
    session = await launchBrowser();
    ({ context, page, problems } = await signedInPage(session, 'fatima@voorbeeldstad.nl', {
      defaultTimeoutMs: 10_000,
    }));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens Wijkteam Noord’s case list from "Mijn teams": demo cases, one with the safety badge', async () => {
    await page.getByTestId('nav-teams').click();
    await page.waitForURL('**/teams');
    await expectNoA11yViolations(page, 'Mijn teams');
    const link = page
      .locator('[data-testid^="team-item-"]')
      .filter({ hasText: 'Wijkteam Noord' })
      .locator('[data-testid^="team-cases-link-"]')
      .filter({ hasText: 'Wijkteam Noord' });
    await link.waitFor();
    noordId = ((await link.getAttribute('data-testid')) ?? '').replace('team-cases-link-', '');
    expect(noordId).toMatch(/^[0-9a-f-]{36}$/);
    await link.click();
    await page.waitForURL(`**/teams/${noordId}/casussen`);
    await page.getByTestId('cases-table').waitFor();
    const rows = page.locator('[data-testid^="case-row-"]');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('case-safety-badge').count()).toBe(1);
    expect(await page.getByTestId('case-safety-badge').textContent()).toMatch(/\S/);
    // No raw codes or untranslated keys in the table.
    const table = (await page.getByTestId('cases-table').textContent()) ?? '';
    expect(table).not.toMatch(/caseFile\.|caseList\.|undefined|null/);
    await expectNoA11yViolations(page, 'case list');
    await screenshot(page, 'case-file-list-1280');
  });

  it('creates a household with two members; the BSN is checked (11-proef) and shown masked', async () => {
    await page.getByTestId('household-new-link').click();
    await page.waitForURL(`**/teams/${noordId}/huishoudens/nieuw`);
    await page.getByTestId('household-label').fill(householdLabel);
    await page.getByTestId('household-street').fill('Lindelaan 12');
    await page.getByTestId('household-postcode').fill('1234 AB');
    await page.getByTestId('household-city').fill('Voorbeeldstad');
    await page.getByTestId('member-0-givenName').fill('Samira');
    await page.getByTestId('member-0-familyName').fill('Testbed');
    await page.getByTestId('member-0-role').selectOption('ouder');
    await page.getByTestId('member-0-dateOfBirth').fill('1988-04-02');
    await page.getByTestId('member-0-bsn').fill(INVALID_BSN);
    await page.locator('[data-testid="member-0-bsn-feedback"][data-state="invalid"]').waitFor();
    expect(await page.getByTestId('member-0-bsn').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('member-0-bsn-feedback').textContent()).toMatch(/\S/);
    await expectNoA11yViolations(page, 'new household (invalid BSN)');
    await page.getByTestId('member-0-bsn').fill(VALID_BSN);
    await page.locator('[data-testid="member-0-bsn-feedback"][data-state="valid"]').waitFor();

    await page.getByTestId('member-add').click();
    await page.getByTestId('member-1-givenName').waitFor();
    await page.getByTestId('member-1-givenName').fill('Noah');
    await page.getByTestId('member-1-familyName').fill('Testbed');
    await page.getByTestId('member-1-role').selectOption('kind');
    await page.getByTestId('member-1-dateOfBirth').fill('2015-09-21');
    await expectNoA11yViolations(page, 'new household (two members)');
    await page.getByTestId('household-submit').click();

    await page.waitForURL(/\/huishoudens\/[0-9a-f-]{36}$/);
    householdId = page.url().split('/').pop() ?? '';
    await page.getByTestId('household-heading').filter({ hasText: householdLabel }).waitFor();
    const people = page.locator('[data-testid^="person-row-"]');
    await waitUntil(async () => (await people.count()) === 2, 'two members on the household page');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Samira Testbed');
    expect(text).toContain('Noah Testbed');
    expect(text).toContain('Lindelaan 12');
    // Masked, never the full number (nor the digits with separators) anywhere in the page.
    expect(text).not.toContain(VALID_BSN);
    expect(text).not.toContain('123 456 782');
    const bsnCells = await page.getByTestId('person-bsn').allTextContents();
    expect(bsnCells.map((c) => c.trim())).toContain('*****6782');
    expect(await page.content()).not.toContain(VALID_BSN);
    const parentRow = people.filter({ hasText: 'Samira' });
    parentId = ((await parentRow.getAttribute('data-testid')) ?? '').replace('person-row-', '');
    expect(parentId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records consent: a valid one for the MDO is counted, an expired one shows "verlopen"', async () => {
    const form = page.getByTestId('consent-form');
    await form.waitFor();
    await page.getByTestId('consent-basis-toestemming').check();
    await page.getByTestId('consent-granted-by').selectOption(parentId);
    await page.getByTestId('consent-purpose').selectOption('mdo');
    await page.getByTestId('consent-category-identificatie').check();
    await page.getByTestId('consent-category-financien').check();
    await page.getByTestId('consent-category-jeugdhulp').check();
    expect(await page.getByTestId('consent-recipient-team').isChecked()).toBe(true);
    await page.getByTestId('consent-granted-at').fill(isoDay());
    await page.getByTestId('consent-expires-at').fill(isoDay(0, 1));
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('consent-saved').waitFor();
    const rows = page.locator('[data-testid^="consent-row-"]');
    await waitUntil(async () => (await rows.count()) === 1, 'the first consent row');
    const firstId = ((await rows.first().getAttribute('data-testid')) ?? '').slice(
      'consent-row-'.length,
    );
    expect(
      (await page.getByTestId(`consent-state-${firstId}`).textContent())?.toLowerCase(),
    ).toContain('geldig');
    expect(await page.getByTestId('consent-count-geldig').textContent()).toContain('1');
    const summary = (await page.getByTestId('consent-summary').textContent()) ?? '';
    expect(summary).not.toMatch(/consent\.|undefined/);
    await page
      .getByTestId('household-coverage')
      .filter({ hasText: /gedekt/i })
      .waitFor();
    await expectNoA11yViolations(page, 'household (valid consent)');

    // An expired one: granted and expiring in the past.
    await page.getByTestId('consent-basis-toestemming').check();
    await page.getByTestId('consent-granted-by').selectOption(parentId);
    await page.getByTestId('consent-purpose').selectOption('mdo');
    await page.getByTestId('consent-category-wonen').check();
    await page.getByTestId('consent-granted-at').fill(isoDay(-60, -1));
    await page.getByTestId('consent-expires-at').fill(isoDay(-30));
    await page.getByTestId('consent-submit').click();
    await waitUntil(async () => (await rows.count()) === 2, 'the second consent row');
    const ids = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
      .map((t) => (t ?? '').slice('consent-row-'.length))
      .filter((id) => id !== firstId);
    expect(ids).toHaveLength(1);
    expect(
      (await page.getByTestId(`consent-state-${ids[0]}`).textContent())?.toLowerCase(),
    ).toContain('verlopen');
    expect(await page.getByTestId('consent-count-geldig').textContent()).toContain('1');
    expect(await page.getByTestId('consent-count-verlopen').textContent()).toContain('1');
    await expectNoA11yViolations(page, 'household (expired consent)');
    await screenshot(page, 'case-file-household-1280');
  });

  it('creates a case for the household with fatima as casusregisseur and moves it to vraagverheldering', async () => {
    await page.goto(`/teams/${noordId}/casussen`);
    await page.getByTestId('cases-table').waitFor();
    await page.getByTestId('case-new-toggle').click();
    await page.getByTestId('case-new-form').waitFor();
    await page.getByTestId('case-new-title').fill(caseTitle);
    await page.getByTestId('case-new-household').selectOption(householdId);
    const fatimaId = await page.evaluate(async () => {
      const response = await fetch('/api/auth/session');
      return ((await response.json()) as { user: { id: string } }).user.id;
    });
    await page.getByTestId('case-new-regisseur').selectOption(fatimaId);
    // The regisseur pickers offer only professionals of the team: not the organisation admin
    // (Wim Verbeek), not Wijkteam Zuid (Lotte Janssen).
    for (const picker of ['case-new-regisseur', 'case-new-procesregisseur']) {
      const offered = await page.getByTestId(picker).locator('option').allTextContents();
      expect(offered.join('|')).toContain('Jeroen de Vries');
      expect(offered.join('|')).not.toMatch(/Wim Verbeek|Lotte Janssen/);
    }
    await expectNoA11yViolations(page, 'case list (new case form)');
    await page.getByTestId('case-new-submit').click();
    await page.waitForURL(/\/casussen\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop() ?? '';
    await page.getByTestId('case-heading').filter({ hasText: caseTitle }).waitFor();
    expect(await page.getByTestId('case-regisseur').textContent()).toContain('Fatima El Amrani');
    await page.getByTestId('case-step-aanmelding').locator('time').waitFor();
    expect(await page.getByTestId('case-consent-badge').textContent()).toMatch(/gedekt/i);

    await page.getByTestId('case-transition-vraagverheldering').click();
    const step = page.getByTestId('case-step-vraagverheldering');
    await step.locator('time').waitFor();
    expect(await step.getAttribute('aria-current')).toBe('step');
    expect(await step.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(await step.locator('time').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('case-status').textContent()).toMatch(/vraagverheldering/i);
    await expectNoA11yViolations(page, 'case page (vraagverheldering)');
  });

  it('assigns a procesregisseur from the eligible people and shows since when and by whom', async () => {
    expect(await page.getByTestId('case-regisseur-since').textContent()).toMatch(
      /Sinds \d{1,2} \S+ \d{4}, aangewezen door Fatima El Amrani/,
    );
    await page.getByTestId('case-people-edit').click();
    const picker = page.getByTestId('case-procesregisseur-select');
    const offered = await picker.locator('option').allTextContents();
    expect(offered.join('|')).not.toMatch(/Wim Verbeek|Lotte Janssen/);
    const jeroen = await picker
      .locator('option', { hasText: 'Jeroen de Vries' })
      .getAttribute('value');
    await picker.selectOption(jeroen ?? '');
    await expectNoA11yViolations(page, 'case page (regisseur form)');
    await page.getByTestId('case-people-form').locator('button[type="submit"]').click();
    await page.getByTestId('case-procesregisseur').filter({ hasText: 'Jeroen de Vries' }).waitFor();
    expect(await page.getByTestId('case-procesregisseur-since').textContent()).toMatch(
      /aangewezen door Fatima El Amrani/,
    );
    await expectNoA11yViolations(page, 'case page (procesregisseur)');
    await screenshot(page, 'case-file-regisseur-1280');
  });

  it('scores a ZRM 2017 assessment by keyboard only; the domain chart and its table show it', async () => {
    await page.getByTestId('case-tab-zrm').click();
    await page.getByTestId('zrm-empty').waitFor();
    await expectNoA11yViolations(page, 'case page, ZRM tab (empty)');
    await page.getByTestId('zrm-new').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('zrm-form').waitFor();
    await keyTo(page, 'zrm-version-2017');
    await page.keyboard.press('Space');
    expect(await isChecked(page, 'zrm-version-2017')).toBe(true);
    await keyTo(page, 'zrm-date');
    expect(await page.getByTestId('zrm-date').inputValue()).toBe(isoDay());

    for (const [i, key] of ZRM_2017.entries()) {
      const score = scoreFor(i);
      // Tab enters an unchecked group on its first radio; Space chooses, arrows move the choice.
      await keyTo(page, `zrm-score-${key}-1`);
      await page.keyboard.press('Space');
      for (let s = 1; s < score; s++) await page.keyboard.press('ArrowRight');
      expect(await focusedTestId(page)).toBe(`zrm-score-${key}-${score}`);
      expect(await isChecked(page, `zrm-score-${key}-${score}`)).toBe(true);
      // The sources appear once a score is chosen (as a person would see before moving on).
      await page.getByTestId(`zrm-source-${key}-client`).waitFor();
      await keyTo(page, `zrm-source-${key}-client`);
      await page.keyboard.press('Space');
      expect(await isChecked(page, `zrm-source-${key}-client`)).toBe(true);
      if (i === 0) {
        // Shift+Tab goes back into the radio group, on the chosen score.
        await keyTo(page, `zrm-score-${key}-${score}`, 'Shift+Tab', 3);
        await keyTo(page, `zrm-source-${key}-client`);
      }
    }
    await expectNoA11yViolations(page, 'ZRM form (filled)');
    await keyTo(page, 'zrm-submit', 'Tab', 60);
    await page.keyboard.press('Enter');
    await page.getByTestId('zrm-saved').waitFor();
    expect(await page.getByTestId('zrm-error').count()).toBe(0);

    const chart = page.getByTestId('zrm-chart');
    await chart.waitFor();
    for (const [i, key] of ZRM_2017.entries()) {
      const cell = page.getByTestId(`zrm-chart-${key}`);
      expect(await cell.locator('circle').count()).toBe(1);
      expect(await cell.locator('svg').getAttribute('aria-label')).toContain(
        `${isoDay()} ${scoreFor(i)}`,
      );
    }
    await expectNoA11yViolations(page, 'case page, ZRM tab (chart)');
    await page.getByTestId('zrm-table-toggle').click();
    const table = page.getByTestId('zrm-table');
    await table.waitFor();
    const financien = (await page.getByTestId('zrm-table-row-financien').textContent()) ?? '';
    expect(financien).toContain(String(scoreFor(0)));
    expect(await table.locator('tbody tr').count()).toBe(13);
    await expectNoA11yViolations(page, 'case page, ZRM tab (table)');
    await screenshot(page, 'case-file-case-zrm-1280');
  });

  it('prepares the case: "gereed" is refused without a question, then reached; a comment stays text', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId('case-tab-voorbereiding').click();
    await page.getByTestId('preparation-new').click();
    await page.getByTestId('preparation-editor').waitFor();
    const ready = page.getByTestId('preparation-ready');
    expect(await ready.isEnabled()).toBe(true);
    expect(await ready.getAttribute('data-ready-allowed')).toBe('false');
    await ready.click();
    const error = page.getByTestId('preparation-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/gereed/i);
    expect(await page.getByTestId('preparation-ready-explain').textContent()).toMatch(/vraag/i);
    expect(await page.getByTestId('preparation-editor-status').textContent()).toMatch(/concept/i);
    await expectNoA11yViolations(page, 'preparation (refused)');

    // The api refuses it too, with the reason the client shows.
    const prepId = (
      (await page
        .locator('[data-testid^="preparation-row-"]')
        .first()
        .getAttribute('data-testid')) ?? ''
    ).replace('preparation-row-', '');
    const refused = await apiCall(page, 'POST', `/api/preparations/${prepId}/ready`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'vraag', issue: 'required-for-ready' }],
    });

    await page
      .getByTestId('preparation-vraag')
      .fill('Hoe krijgen we de schulden stabiel en de opvoedondersteuning op gang?');
    await page.locator('#prep-krachten').fill('Moeder is gemotiveerd; oma helpt met de kinderen.');
    await page.getByTestId('preparation-save').click();
    await page.getByTestId('preparation-message').waitFor();
    await page.waitForTimeout(0);
    expect(await ready.getAttribute('data-ready-allowed')).toBe('true');
    await ready.click();
    await page
      .getByTestId('preparation-editor-status')
      .filter({ hasText: /gereed/i })
      .waitFor();
    await page
      .getByTestId(`preparation-status-${prepId}`)
      .filter({ hasText: /gereed/i })
      .waitFor();
    await expectNoA11yViolations(page, 'preparation (gereed)');

    const hostile = 'Let op <script>alert(1)</script> en <img src=x onerror=alert(2)>';
    await page.getByTestId('preparation-comment').fill(hostile);
    await page.getByTestId('preparation-comment-submit').click();
    const comment = page
      .locator('[data-testid^="preparation-comment-"]')
      .filter({ hasText: 'Let op' });
    await comment.waitFor();
    expect(await comment.locator('p.utrecht-paragraph').textContent()).toBe(hostile);
    expect(await comment.locator('script, img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await expectNoA11yViolations(page, 'preparation (comment)');
    await screenshot(page, 'case-file-case-voorbereiding-1280');
  });

  it('opens a Meldcode record with the kindcheck: the safety banner and the list badge appear', async () => {
    expect(await page.getByTestId('case-safety-banner').count()).toBe(0);
    await page.getByTestId('case-tab-meldcode').click();
    await page.getByTestId('meldcode-open').click();
    await page.getByTestId('meldcode-steps').waitFor();
    await page.getByTestId('meldcode-form').waitFor();
    await page.getByTestId('meldcode-kinderen-ja').check();
    await page
      .getByTestId('meldcode-decision')
      .fill('Signalen in kaart gebracht; kinderen (10 jaar) wonen thuis.');
    await page.getByTestId('meldcode-submit').click();
    await page.getByTestId('meldcode-entry').first().waitFor();
    const entry = (await page.getByTestId('meldcode-step-1').textContent()) ?? '';
    expect(entry).toContain('Signalen in kaart gebracht');
    expect(entry).not.toMatch(/meldcode\.|undefined/);
    await page.getByTestId('case-safety-banner').waitFor();
    await expectNoA11yViolations(page, 'case page, Meldcode tab');
    await screenshot(page, 'case-file-case-meldcode-1280');

    // At 390 px: the case page with its banner, stepper and tabs.
    const narrow = await session.newContext({ width: 390, height: 844 });
    const phone = await narrow.newPage();
    const phoneProblems = watchConsole(phone);
    await narrow.addCookies(await context.cookies());
    await phone.goto(`/casussen/${caseId}`);
    await phone.getByTestId('case-heading').waitFor();
    await phone.getByTestId('case-safety-banner').waitFor();
    const overflow = await horizontalOverflow(phone);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(phone, 'case page at 390 px');
    await screenshot(phone, 'case-file-case-390');
    expect(unexpectedProblems(phoneProblems)).toEqual([]);
    await narrow.close();

    await page.getByTestId('case-back').click();
    await page.waitForURL(`**/teams/${noordId}/casussen`);
    const row = page.getByTestId(`case-row-${caseId}`);
    await row.waitFor();
    await row.getByTestId('case-safety-badge').waitFor();
    expect(await page.getByTestId('case-safety-badge').count()).toBe(2);
    await expectNoA11yViolations(page, 'case list (two safety badges)');
  });

  it('the household’s AVG art. 15 access log lists the reads and downloads as CSV', async () => {
    await page.goto(`/huishoudens/${householdId}`);
    await page.getByTestId('household-heading').waitFor();
    await page.getByTestId('access-log-show').click();
    const table = page.getByTestId('access-log-table');
    await table.waitFor();
    const rows = page.getByTestId('access-log-row');
    expect(await rows.count()).toBeGreaterThan(0);
    const text = (await table.textContent()) ?? '';
    // Readable for the household, not audit codes: the reads, by role and organisation.
    expect(text).not.toMatch(
      /accessLog\.|audit\.|undefined|household\.read|case\.read|guest\.invite|casusregie|allowed/,
    );
    expect(text).toContain('Gegevens van het huishouden bekeken');
    expect(text).toContain('Casus bekeken');
    expect(text).toContain('Gemeente Voorbeeldstad');
    expect(text).toContain('Toegestaan');
    // Every call was fatima's, as chair of Wijkteam Noord (the comment too).
    const roles = await rows.locator('td:nth-child(2)').allTextContents();
    expect(roles.every((r) => r.includes('Voorzitter van het overleg'))).toBe(true);
    expect(await rows.filter({ hasText: 'Opmerking bij de voorbereiding' }).count()).toBe(1);
    await expectNoA11yViolations(page, 'household (access log)');
    await screenshot(page, 'case-file-household-log-1280');
    // At 390 px the table scrolls inside its region; the page does not.
    const narrow = await session.newContext({ width: 390, height: 844 });
    const phone = await narrow.newPage();
    await narrow.addCookies(await context.cookies());
    await phone.goto(`/huishoudens/${householdId}`);
    await phone.getByTestId('access-log-show').click();
    await phone.getByTestId('access-log-table').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(phone, 'household (access log) at 390 px');
    await screenshot(phone, 'case-file-household-log-390');
    await narrow.close();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('access-log-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^inzageverzoek-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    // For Dutch Excel: UTF-8 with a byte order mark, semicolons, CRLF, every field quoted.
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      '"Datum en tijd";"Wie (rol)";"Organisatie";"Wat";"Welke gegevens";"Doel";"Resultaat"',
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(csv).toContain('"Gegevens van het huishouden bekeken"');
    expect(csv).not.toMatch(/"(household|case)\.[a-z-]+"|"allowed"/);
    expect(csv).not.toContain(VALID_BSN);
    // Expected: the 400 of the direct "gereed" call without a question.
    expect(unexpectedProblems(problems, [400])).toEqual([]);
  });

  it('a member of Wijkteam Zuid opening the new case’s address gets 403 "Geen toegang"', async () => {
    const other = await session.newContext();
    const lottePage = await other.newPage();
    const lotteProblems = watchConsole(lottePage);
    await signIn(lottePage, 'lotte@voorbeeldstad.nl');
    await lottePage.goto(`/casussen/${caseId}`);
    await lottePage.getByTestId('forbidden-heading').filter({ hasText: 'Geen toegang' }).waitFor();
    expect(new URL(lottePage.url()).pathname).toBe(`/casussen/${caseId}`);
    const body = (await lottePage.locator('body').textContent()) ?? '';
    expect(body).not.toContain(caseTitle);
    expect(body).not.toContain(householdLabel);
    await expectNoA11yViolations(lottePage, 'forbidden case');
    expect(unexpectedProblems(lotteProblems, [403])).toEqual([]);
    await other.close();
  });
});
