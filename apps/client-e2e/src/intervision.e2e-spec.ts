import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
  watchConsole,
  waitForText,
} from './support/browser';
import { apiCall, signIn } from './support/demo';

const BSN = '123456782';
const PHONE = '06-24681357';

async function ok<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const answer = await apiCall<T>(page, method, url, body);
  if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status}`);
  return answer.body;
}

/**
 * Issue 14 §3 in the browser: a member (Jeroen) anonymises the demo case of the De Boer
 * household with a reason; he cannot release his own copy (four eyes) and is told why; the
 * trainer (Priya) resolves the flagged words and releases it; a participant (Fatima) reads the
 * released copy, which holds none of the source's identifiers and no way back to the case.
 */
describe('intervision: anonymise a case, four-eyes review, release', () => {
  let session: BrowserSession;
  let jeroen: Page;
  let priya: Page;
  let fatima: Page;
  const problems: string[][] = [];
  let noord = '';
  let caseId = '';
  let copyId = '';

  beforeAll(async () => {
    session = await launchBrowser();
    jeroen = await (await session.newContext()).newPage();
    priya = await (await session.newContext()).newPage();
    fatima = await (await session.newContext()).newPage();
    for (const page of [jeroen, priya, fatima]) {
      page.setDefaultTimeout(15_000);
      problems.push(watchConsole(page));
    }
    await signIn(jeroen, 'jeroen@voorbeeldstad.nl');
    // Set-up: the De Boer household's record gets an address and a BSN, and its case a
    // preparation that names them (what a real write-up would hold).
    const teams = await ok<{ id: string; name: string }[]>(jeroen, 'GET', '/api/teams');
    noord = teams.find((t) => t.name === 'Wijkteam Noord')?.id ?? '';
    const cases = await ok<{ id: string; householdId: string; title: string }[]>(
      jeroen,
      'GET',
      `/api/teams/${noord}/cases`,
    );
    const deBoer = cases.find((c) => c.title === 'Eenzaamheid en woningaanpassing');
    if (!deBoer) throw new Error('no demo case of the De Boer household');
    caseId = deBoer.id;
    await ok(jeroen, 'PATCH', `/api/households/${deBoer.householdId}`, {
      address: { street: 'Molenstraat 8', postcode: '9999 AB', city: 'Voorbeeldstad' },
    });
    const household = await ok<{ members: { id: string }[] }>(
      jeroen,
      'GET',
      `/api/households/${deBoer.householdId}`,
    );
    await ok(jeroen, 'PATCH', `/api/persons/${household.members[0]?.id}`, {
      bsn: BSN,
      phone: PHONE,
    });
    await ok(jeroen, 'POST', `/api/cases/${caseId}/preparations`, {
      content: {
        vraag:
          'Hoe doorbreken we de eenzaamheid van Henk de Boer nu de woningaanpassing uitblijft?',
        zorgen: `Henk (BSN ${BSN}) woont alleen aan de Molenstraat 8, 9999 AB Voorbeeldstad en is bereikbaar op ${PHONE}. Xhevat kwam ook langs. Vroeger werkte hij bij Brabantia.`,
        krachten: 'Meneer de Boer kookt graag en gaat op dinsdag naar het buurthuis.',
      },
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a member anonymises a demo case with a reason and lands on the review screen', async () => {
    await jeroen.goto(`/casussen/${caseId}`);
    await jeroen.getByTestId('case-intervision-link').click();
    await jeroen.waitForURL(`**/casussen/${caseId}/intervisie`);
    await jeroen.getByTestId('intervision-new-case').waitFor();
    expect(await jeroen.getByTestId('intervision-new-case').textContent()).toContain(
      'Eenzaamheid en woningaanpassing',
    );
    // The reason is required: keyboard only, an empty submit is refused on the page.
    await jeroen.getByTestId('intervision-reason').focus();
    await jeroen.keyboard.press('Tab');
    await jeroen.keyboard.press('Enter');
    await jeroen.getByTestId('intervision-reason-error').waitFor();
    expect(await jeroen.getByTestId('intervision-reason-error').textContent()).toContain(
      'minstens 10 tekens',
    );
    await expectNoA11yViolations(jeroen, 'intervision new 1280');
    await screenshot(jeroen, 'intervision-new-1280');
    await jeroen
      .getByTestId('intervision-reason')
      .fill('Leerzame casus over eenzaamheid voor de intervisie van april');
    await jeroen.getByTestId('intervision-new-submit').click();
    await jeroen.waitForURL(/\/intervisie\/[0-9a-f-]{36}$/);
    copyId = new URL(jeroen.url()).pathname.split('/').pop() ?? '';
    expect(copyId).not.toBe(caseId);
    await jeroen.getByTestId('intervision-heading').waitFor();
    expect(await jeroen.getByTestId('intervision-status').textContent()).toContain('Te beoordelen');
    // Every span is marked with its category; the flagged neighbour is to be reviewed.
    const labels = await jeroen
      .getByTestId('intervision-mark')
      .evaluateAll((marks) => marks.map((m) => m.getAttribute('data-label')));
    expect(labels).toEqual(expect.arrayContaining(['name_known', 'bsn', 'address', 'candidate']));
    expect(await jeroen.getByTestId('intervision-candidate-word').allTextContents()).toContain(
      'Xhevat',
    );
  });

  it('the creator cannot release their own copy, is told why, and alone sees the source', async () => {
    await jeroen.getByTestId('intervision-four-eyes').waitFor();
    expect(await jeroen.getByTestId('intervision-four-eyes').textContent()).toContain(
      'Je hebt deze kopie zelf gemaakt',
    );
    expect(await jeroen.getByTestId('intervision-release').count()).toBe(0);
    expect(await jeroen.getByTestId('intervision-source-link').getAttribute('href')).toBe(
      `/casussen/${caseId}`,
    );
    const refused = await apiCall(jeroen, 'POST', `/api/intervision-cases/${copyId}/release`, {});
    expect(refused.status).toBe(403);
    await expectNoA11yViolations(jeroen, 'intervision review (creator) 1280');
    await screenshot(jeroen, 'intervision-review-creator-1280');
  });

  it('the trainer finds it from the team page, resolves the flagged words and releases it', async () => {
    await signIn(priya, 'priya@voorbeeldstad.nl');
    await priya.goto(`/teams/${noord}`);
    await priya.getByTestId('team-intervision-link').click();
    await priya.waitForURL(`**/teams/${noord}/intervisie`);
    const row = priya.getByTestId(`intervision-row-${copyId}`);
    await waitForText(
      row.getByTestId('intervision-row-status'),
      'Te beoordelen',
      'the new copy listed as to be reviewed',
    );
    await expectNoA11yViolations(priya, 'intervision list 1280');
    await screenshot(priya, 'intervision-list-1280');
    await row.getByTestId('intervision-row-link').click();
    await priya.waitForURL(`**/intervisie/${copyId}`);
    await priya.getByTestId('intervision-release-panel').waitFor();
    expect(await priya.getByTestId('intervision-four-eyes').count()).toBe(0);
    expect(await priya.getByTestId('intervision-source').count()).toBe(0);
    await expectNoA11yViolations(priya, 'intervision review (trainer) 1280');
    await screenshot(priya, 'intervision-review-trainer-1280');
    // Releasing with open words is refused, in Dutch.
    await priya.getByTestId('intervision-release').click();
    await priya.getByTestId('intervision-error').waitFor();
    expect(await priya.getByTestId('intervision-error').textContent()).toContain(
      'Er zijn nog gemarkeerde woorden te beoordelen.',
    );
    // "Vroeger" is no name: kept, by keyboard.
    const vroeger = priya.getByTestId('intervision-candidate').filter({ hasText: 'Vroeger' });
    await vroeger.getByTestId('intervision-keep').focus();
    await priya.keyboard.press('Enter');
    await waitUntil(
      async () =>
        (await priya
          .getByTestId('intervision-candidate')
          .filter({ hasText: 'Vroeger' })
          .count()) === 0,
      'Vroeger kept',
    );
    expect(await priya.getByTestId('intervision-section-zorgen').textContent()).toContain(
      'beoordeeld: blijft staan',
    );
    // The other flagged words removed, by keyboard: focus moves on to the next one.
    for (let i = 0; i < 20; i++) {
      const open = priya.getByTestId('intervision-redact');
      if ((await open.count()) === 0) break;
      const before = await open.count();
      await open.first().focus();
      await priya.keyboard.press('Enter');
      await waitUntil(
        async () => (await priya.getByTestId('intervision-redact').count()) < before,
        'a flagged word removed',
      );
    }
    await priya.getByTestId('intervision-candidates-none').waitFor();
    await priya.getByTestId('intervision-release').click();
    await waitForText(priya.getByTestId('intervision-status'), 'Vrijgegeven', 'the copy released');
    await priya.getByTestId('intervision-released-lead').waitFor();
  });

  it('a participant reads the released copy: none of the source identifiers, no way back', async () => {
    await signIn(fatima, 'fatima@voorbeeldstad.nl');
    await fatima.goto(`/teams/${noord}/intervisie`);
    await fatima
      .getByTestId(`intervision-row-${copyId}`)
      .getByTestId('intervision-row-link')
      .click();
    await fatima.waitForURL(`**/intervisie/${copyId}`);
    await fatima.getByTestId('intervision-released-lead').waitFor();
    const html = await fatima.content();
    const text = (await fatima.locator('main').textContent()) ?? '';
    for (const value of [
      'Henk',
      'Boer',
      BSN,
      '*****6782',
      PHONE,
      '24681357',
      'Molenstraat',
      '9999 AB',
      '9999AB',
      'Xhevat',
      'Leerzame casus',
      // The case's title, which the team knows from the case list: the copy has its own.
      'Eenzaamheid en woningaanpassing',
    ])
      expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
    expect(html).not.toContain(caseId);
    expect(html).not.toContain('/casussen/');
    expect(await fatima.locator('h1').textContent()).toMatch(/Intervisiecasus \d+/);
    expect(await fatima.getByTestId('intervision-source').count()).toBe(0);
    expect(await fatima.getByTestId('intervision-mark').count()).toBe(0);
    await expectNoA11yViolations(fatima, 'intervision released 1280');
    await screenshot(fatima, 'intervision-released-1280');
    await fatima.setViewportSize({ width: 390, height: 844 });
    await fatima.reload();
    await fatima.getByTestId('intervision-released-lead').waitFor();
    await expectNoA11yViolations(fatima, 'intervision released 390');
    await screenshot(fatima, 'intervision-released-390');
  });

  it('the review screen is usable and axe clean at 390 px', async () => {
    await priya.setViewportSize({ width: 390, height: 844 });
    const demo = (
      await ok<{ id: string; status: string }[]>(
        priya,
        'GET',
        `/api/teams/${noord}/intervision-cases`,
      )
    ).find((c) => c.status === 'in-review');
    if (!demo) throw new Error('no demo copy awaiting review');
    await priya.goto(`/intervisie/${demo.id}`);
    await priya.getByTestId('intervision-candidates').waitFor();
    await priya.getByTestId('intervision-release-panel').waitFor();
    await expectNoA11yViolations(priya, 'intervision review 390');
    await screenshot(priya, 'intervision-review-390');
    for (const list of problems) expect(unexpectedProblems(list, [403, 409])).toEqual([]);
  });
});
