import { describe, expect, it } from '@jest/globals';
import type { MinutesView } from '@casustafel/contracts';
import { pdfPages } from '../../../test/support/pdf-text';
import { renderPdf } from '../documents/pdf';
import { resolvePdfFonts } from '../documents/pdf-fonts';
import { type MinutesPdfInput, minutesPdfDefinition } from './minutes-pdf';

const CASE_ONE = '11111111-1111-4111-8111-111111111111';
const CASE_TWO = '22222222-2222-4222-8222-222222222222';
const NOTICE = '33333333-3333-4333-8333-333333333333';

function minutes(notes = 'Besproken met het gezin.'): MinutesView {
  const item = (itemId: string, order: number, kind: 'casusbespreking' | 'mededeling') => ({
    itemId,
    order,
    kind,
    title: kind === 'mededeling' ? 'Nieuwe collega' : '',
    status: 'besproken' as const,
    question: kind === 'casusbespreking' ? 'Welke hulp past het best?' : null,
    timeSpentMs: 17 * 60_000,
    ...(kind === 'casusbespreking'
      ? { phaseMs: { inbreng: 5 * 60_000, besluit: 12 * 60_000 } }
      : {}),
    notes,
    decisions: [],
    actions: [
      {
        actionId: `${itemId.slice(0, 35)}9`,
        description: 'Aanvraag indienen',
        ownerUserId: 'u-sukru',
        due: '2026-03-20',
        status: 'open' as const,
      },
    ],
  });
  return {
    meetingId: 'm-1',
    title: 'Casuïstiekoverleg 2026-03-03',
    start: '2026-03-03T08:30:00.000Z',
    end: '2026-03-03T10:00:00.000Z',
    status: 'draft',
    attendance: {
      present: [
        { userId: 'u-sukru', role: 'chair' },
        { userId: 'u-lukasz', role: 'minute-taker' },
        { userId: 'u-tijd', role: 'timekeeper' },
        { userId: 'u-lid', role: 'member' },
        { userId: 'u-gast', role: 'guest', name: 'Dr. Ayşe Öztürk' },
      ],
      absent: [{ userId: 'u-afwezig', role: 'member' }],
    },
    items: [
      item(CASE_ONE, 0, 'casusbespreking'),
      item(NOTICE, 1, 'mededeling'),
      item(CASE_TWO, 2, 'casusbespreking'),
    ],
    approvedByUserId: null,
    approvedAt: null,
    generatedAt: '2026-03-03T10:05:00.000Z',
    generatedByUserId: 'u-sukru',
    updatedAt: '2026-03-03T10:05:00.000Z',
  };
}

function input(language: 'nl' | 'en', notes?: string): MinutesPdfInput {
  return {
    minutes: minutes(notes),
    language,
    names: {
      'u-sukru': 'Şükrü Yılmaz',
      'u-lukasz': 'Łukasz Wałęsa',
      'u-tijd': 'Tijs Tijdhouder',
      'u-lid': 'Lidia Lid',
      'u-afwezig': 'Afra Afwezig',
    },
    team: 'Wijkteam Noord',
    organisation: 'Gemeente Voorbeeldstad',
    caseTitles: { [CASE_ONE]: 'Zorgen om gezin Dijkstra', [CASE_TWO]: 'Schulden familie Öztürk' },
  };
}

const render = (i: MinutesPdfInput) => renderPdf(minutesPdfDefinition(i), resolvePdfFonts());

describe('the minutes PDF', () => {
  it('keeps names with Turkish and Polish letters intact (embedded Unicode font)', async () => {
    const pdf = await render(input('nl'));
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('Şükrü Yılmaz');
    expect(text).toContain('Łukasz Wałęsa');
    expect(text).toContain('Dr. Ayşe Öztürk');
    // No standard (Windows-1252-only) font is used any more.
    expect(Buffer.from(pdf).toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/);
  });

  it('speaks Dutch: role words, the case per item, team, organisation, Vertrouwelijk, page numbers', async () => {
    const pages = await pdfPages(await render(input('nl')));
    const text = pages.join('\n');
    for (const words of [
      'Şükrü Yılmaz (voorzitter)',
      'Łukasz Wałęsa (notulist)',
      'Tijs Tijdhouder (tijdbewaker)',
      'Lidia Lid (lid)',
      'Dr. Ayşe Öztürk (gast)',
      'Afra Afwezig (lid)',
      '1. Casusbespreking: Zorgen om gezin Dijkstra',
      '2. Nieuwe collega',
      '3. Casusbespreking: Schulden familie Öztürk',
      'Team: Wijkteam Noord',
      'Organisatie: Gemeente Voorbeeldstad',
      'Tijd: 17 min (Inbreng 5 min, Besluit 12 min)',
    ])
      expect(text).toContain(words);
    expect(text).not.toMatch(/\((chair|member|minute-taker|timekeeper|guest)\)/);
    pages.forEach((page, i) => {
      expect(page).toContain('VERTROUWELIJK');
      expect(page).toContain(`pagina ${i + 1} van ${pages.length}`);
    });
  });

  it('speaks English when asked, and numbers every page of a long document', async () => {
    const pages = await pdfPages(await render(input('en', 'Lange aantekening. '.repeat(600))));
    expect(pages.length).toBeGreaterThan(2);
    const text = pages.join('\n');
    for (const words of [
      'Şükrü Yılmaz (chair)',
      'Łukasz Wałęsa (minute taker)',
      'Dr. Ayşe Öztürk (guest)',
      '1. Case discussion: Zorgen om gezin Dijkstra',
      'Organisation: Gemeente Voorbeeldstad',
      'Time: 17 min (Presentation 5 min, Decision 12 min)',
    ])
      expect(text).toContain(words);
    pages.forEach((page, i) => {
      expect(page).toContain('CONFIDENTIAL');
      expect(page).toContain(`page ${i + 1} of ${pages.length}`);
    });
  });
});
