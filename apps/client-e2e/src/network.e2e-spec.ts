import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  expectNoA11yViolations,
  launchBrowser,
  screenshot,
  unexpectedProblems,
  waitUntil,
} from './support/browser';
import { api, signIn, signedInPage } from './support/demo';

interface Focused {
  testId: string | null;
  name: string | null;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => ({
    testId: document.activeElement?.getAttribute('data-testid') ?? null,
    name: document.activeElement?.getAttribute('data-name') ?? null,
  }));
}

/** Presses `key` until the element with `testId` has focus (keyboard only). */
async function keyTo(page: Page, testId: string, key = 'Tab', max = 60): Promise<void> {
  const seen: (string | null)[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now.testId === testId) return;
    seen.push(now.testId);
  }
  throw new Error(`${key} never reached ${testId}; focus went through: ${seen.join(' → ')}`);
}

/** Waits until the element with `testId` has focus (a form opened by the keyboard). */
async function waitFocusOn(page: Page, testId: string): Promise<void> {
  await waitUntil(
    async () => (await focused(page)).testId === testId,
    `focus on ${testId}`,
    30_000,
  );
}

/**
 * Presses Enter on the focused person until its form has focus on `testId`: a redraw of the map
 * (a `network:changed` from an earlier test arriving late) can swallow the first key press. Only
 * presses again while focus is still on a person of the drawing (bounded: three presses).
 */
async function enterUntilFocusOn(page: Page, testId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Enter');
    try {
      await waitUntil(
        async () => (await focused(page)).testId === testId,
        `focus on ${testId}`,
        5_000,
      );
      return;
    } catch {
      if ((await focused(page)).testId !== 'genogram-person') break;
    }
  }
  await waitFocusOn(page, testId);
}

/** Waits until `name` has focus; on failure tells what has it and what the add form says. */
async function waitFocus(page: Page, name: string): Promise<void> {
  try {
    await waitUntil(async () => (await focused(page)).name === name, `focus on ${name}`, 30_000);
  } catch (error) {
    await screenshot(page, 'network-debug');
    const form = await page
      .getByTestId('genogram-add-form')
      .textContent({ timeout: 1000 })
      .catch(() => 'no form');
    throw new Error(`${String(error)}; focused ${JSON.stringify(await focused(page))}; ${form}`, {
      cause: error,
    });
  }
}

/** Moves between persons on the drawing with the arrow keys until `name` has focus. */
async function arrowTo(page: Page, name: string): Promise<void> {
  const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
  for (let round = 0; round < 6; round++)
    for (const key of keys)
      for (let i = 0; i < 4; i++) {
        if ((await focused(page)).name === name) return;
        await page.keyboard.press(key);
      }
  if ((await focused(page)).name !== name) throw new Error(`arrow keys never reached ${name}`);
}

/** Chooses an option of the focused <select> by typing its first letters. */
async function typeOption(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 30 });
}

interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Symbols and partner lines as drawn (screen coordinates of the rendered SVG). */
async function drawnGeometry(page: Page) {
  return page.evaluate(() => {
    const symbols = [...document.querySelectorAll('[data-person-id] rect[data-symbol]')].map(
      (el) => {
        const r = el.getBoundingClientRect();
        const id = el.parentElement?.getAttribute('data-name') ?? '';
        return { id, x: r.x, y: r.y, w: r.width, h: r.height };
      },
    );
    const partners = [...document.querySelectorAll('line[data-tag^="partner:"]')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        id: el.getAttribute('data-tag') ?? '',
        x1: r.x,
        x2: r.x + r.width,
        y: r.y + r.height / 2,
      };
    });
    return { symbols, partners };
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('network maps: genogram and ecogram', () => {
  let session: BrowserSession;
  let page: Page;
  let problems: string[];
  let householdId: string;
  const label = `Gezin Bakker ${Date.now().toString(36)}`;

  beforeAll(async () => {
    session = await launchBrowser();
    ({ page, problems } = await signedInPage(session, 'fatima@voorbeeldstad.nl', {
      defaultTimeoutMs: 10_000,
    }));
    const teams = await api<{ id: string; name: string }[]>(page, 'GET', '/api/teams');
    const noord = teams.find((t) => t.name === 'Wijkteam Noord');
    if (!noord) throw new Error('no Wijkteam Noord');
    const household = await api<{ id: string }>(page, 'POST', `/api/teams/${noord.id}/households`, {
      label,
      address: null,
    });
    householdId = household.id;
    for (const [givenName, role, dateOfBirth] of [
      ['Mark', 'ouder', '1975-03-01'],
      ['Sandra', 'ouder', '1977-05-01'],
      ['Tim', 'kind', '2005-09-01'],
      ['Lisa', 'kind', '2008-11-01'],
    ])
      await api(page, 'POST', `/api/households/${householdId}/persons`, {
        givenName,
        familyName: 'Bakker',
        role,
        dateOfBirth,
      });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reaches the network page from the household page', async () => {
    await page.goto(`/huishoudens/${householdId}`);
    await page.getByTestId('household-network-link').click();
    await page.waitForURL(`**/huishoudens/${householdId}/netwerk`);
    await page.getByTestId('genogram-svg').waitFor();
    expect(await page.getByTestId('genogram-person').count()).toBe(4);
  });

  it('draws a three-generation genogram by keyboard only, without overlaps or crossing partner lines', async () => {
    // Into the drawing: one Tab stop, then the arrow keys.
    await page.getByTestId('network-heading').click();
    await keyTo(page, 'genogram-person');
    await arrowTo(page, 'Mark Bakker');

    // Mark: male, then his partner Sandra (an existing member).
    await enterUntilFocusOn(page, 'genogram-edit-gender');
    await typeOption(page, 'Man');
    await keyTo(page, 'genogram-edit-save');
    await page.keyboard.press('Enter');
    await page.getByTestId('genogram-saved').waitFor();
    await keyTo(page, 'genogram-add-partner', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await waitFocusOn(page, 'genogram-who');
    await typeOption(page, 'Sandra');
    expect(await page.getByTestId('genogram-who').inputValue()).not.toBe('new');
    await keyTo(page, 'genogram-add-submit');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'Sandra Bakker');

    // Their children Tim and Lisa (from the partnership, chosen by default).
    for (const child of ['Tim', 'Lisa']) {
      await arrowTo(page, 'Sandra Bakker');
      await keyTo(page, 'genogram-add-child', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await waitFocusOn(page, 'genogram-who');
      await typeOption(page, child);
      expect(await page.getByTestId('genogram-who').inputValue()).not.toBe('new');
      await keyTo(page, 'genogram-add-submit');
      await page.keyboard.press('Enter');
      await waitFocus(page, `${child} Bakker`);
    }

    // Both sets of grandparents.
    for (const [person, father, mother] of [
      ['Mark Bakker', 'Opa Henk', 'Oma Truus'],
      ['Sandra Bakker', 'Opa Piet', 'Oma Ans'],
    ] as const) {
      await arrowTo(page, person);
      await keyTo(page, 'genogram-add-parents', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await waitFocusOn(page, 'genogram-father');
      await page.keyboard.type(father);
      await page.keyboard.press('Tab');
      await page.keyboard.type(mother);
      await keyTo(page, 'genogram-add-submit');
      await page.keyboard.press('Enter');
      await waitFocus(page, father);
    }

    // The grandfather just added (Opa Piet) died: the form asks first.
    await page.keyboard.press('Enter');
    await waitFocusOn(page, 'genogram-edit-gender');
    await keyTo(page, 'genogram-edit-deceased');
    await page.keyboard.press('Space');
    await page.getByTestId('genogram-deceased-dialog').waitFor();
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).testId).toBe('genogram-deceased-dialog-confirm');
    await page.keyboard.press('Enter');
    await keyTo(page, 'genogram-edit-death');
    await page.keyboard.type('2019');
    await keyTo(page, 'genogram-edit-save');
    await page.keyboard.press('Enter');
    await page.getByTestId('genogram-saved').waitFor();

    await waitUntil(
      async () => (await page.getByTestId('genogram-person').count()) === 8,
      'eight persons drawn',
    );
    const { symbols, partners } = await drawnGeometry(page);
    expect(symbols).toHaveLength(8);
    // Three generations: three rows of symbols.
    expect(new Set(symbols.map((s) => Math.round(s.y))).size).toBe(3);
    const overlapping = symbols.flatMap((a, i) =>
      symbols
        .slice(i + 1)
        .filter((b) => overlaps(a, b))
        .map((b) => `${a.id}/${b.id}`),
    );
    expect(overlapping).toEqual([]);
    // Three partnerships, each a horizontal line; none crosses another or runs behind a symbol.
    expect(partners).toHaveLength(3);
    for (let i = 0; i < partners.length; i++)
      for (let j = i + 1; j < partners.length; j++) {
        const a = partners[i];
        const b = partners[j];
        if (!a || !b) continue;
        const sameRow = Math.abs(a.y - b.y) < 1;
        expect(sameRow && a.x1 < b.x2 && b.x1 < a.x2).toBe(false);
      }
    for (const line of partners)
      for (const s of symbols) {
        const inside = line.x1 < s.x && s.x + s.w < line.x2 && s.y < line.y && line.y < s.y + s.h;
        expect(inside ? `${line.id} through ${s.id}` : null).toBeNull();
      }
    // The text alternative holds the same people and relations.
    const table = await page.getByTestId('genogram-table').textContent();
    for (const name of [
      'Opa Henk',
      'Oma Truus',
      'Opa Piet',
      'Oma Ans',
      'Mark Bakker',
      'Lisa Bakker',
    ])
      expect(table).toContain(name);
    expect(table).toContain('2019');
    expect(await page.getByTestId('genogram-links-table').locator('tbody tr').count()).toBe(7);
    await expectNoA11yViolations(page, 'network page 1280');
    await screenshot(page, 'network-genogram-1280');
  });

  it('lets two people edit the ecogram at once: both changes land on both screens', async () => {
    const other = await session.newContext();
    const second = await other.newPage();
    second.setDefaultTimeout(10_000);
    await signIn(second, 'jeroen@voorbeeldstad.nl');
    await second.goto(`/huishoudens/${householdId}/netwerk`);
    await second.getByTestId('ecogram-add-form').waitFor();
    await page.getByTestId('ecogram-label').fill('Basisschool De Linde');
    await page.getByTestId('ecogram-code-P').check();
    await second.getByTestId('ecogram-category').selectOption('sport');
    await second.getByTestId('ecogram-label').fill('Hockeyclub Noord');
    await second.getByTestId('ecogram-strength').selectOption('stressvol');
    await Promise.all([
      page.getByTestId('ecogram-add-submit').click(),
      second.getByTestId('ecogram-add-submit').click(),
    ]);
    for (const p of [page, second])
      await waitUntil(
        async () => {
          const labels = await p
            .getByTestId('ecogram-tie')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
          return labels.includes('Basisschool De Linde') && labels.includes('Hockeyclub Noord');
        },
        'both ties on both screens',
        30_000,
      );
    expect(await second.getByTestId('ecogram-svg').textContent()).toContain('Basisschool D');
    await screenshot(second, 'network-ecogram-second-editor');
    await other.close();
  });

  it('saves a named version, shows it read-only and exports SVG', async () => {
    await page.getByTestId('version-name').fill('Voor het MDO');
    await page.getByTestId('version-save').click();
    await page.getByTestId('version-list').getByText('Voor het MDO').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-genogram-svg').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^genogram-.*\.svg$/);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-ecogram-png').click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/^ecogram-.*\.png$/);
    await page.getByTestId('version-list').getByRole('button').first().click();
    await page.getByTestId('network-viewing').waitFor();
    expect(await page.getByTestId('genogram-toolbar').count()).toBe(0);
    await page.getByTestId('network-back-to-live').click();
    await page.getByTestId('genogram-toolbar').waitFor();
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('is axe clean at 390 px', async () => {
    const narrow = await session.newContext({ width: 390, height: 844 });
    const small = await narrow.newPage();
    await signIn(small, 'fatima@voorbeeldstad.nl');
    await small.goto(`/huishoudens/${householdId}/netwerk`);
    await small.getByTestId('genogram-svg').waitFor();
    await small.getByTestId('ecogram-table').waitFor();
    await expectNoA11yViolations(small, 'network page 390');
    await screenshot(small, 'network-390');
    await narrow.close();
  });
});
