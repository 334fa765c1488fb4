import { describe, expect, it } from '@jest/globals';
import type { AccessLog } from '@casustafel/contracts';
import { ACTION_WORDS, accessWords, OUTCOME_WORDS } from './access-log-words';
import { accessLogCsv, accessLogLanguage, csvField } from './households.controller';

const entry = (organisation: string): AccessLog['entries'][number] => ({
  at: '2026-03-02T09:05:07.000Z',
  role: accessWords.role('guest', 'nl'),
  organisation,
  action: accessWords.action('note.read', 'nl'),
  data: accessWords.data('note', 'nl'),
  purpose: accessWords.purpose('casuistiekoverleg', 'nl'),
  outcome: accessWords.outcome('allowed', 'nl'),
  codes: {
    role: 'guest',
    action: 'note.read',
    data: 'note',
    purpose: 'casuistiekoverleg',
    outcome: 'allowed',
  },
});

describe('access log CSV (AVG art. 15)', () => {
  it('is UTF-8 with BOM, semicolons, CRLF, every field quoted, local Dutch time', () => {
    const csv = accessLogCsv({
      householdId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      generatedAt: '2026-03-02T10:00:00.000Z',
      lang: 'nl',
      entries: [entry('GGZ "Oost"; Centraal')],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '"Datum en tijd";"Wie (rol)";"Organisatie";"Wat";"Welke gegevens";"Doel";"Resultaat"',
      '"2026-03-02 10:05:07";"Externe specialist (gast)";"GGZ ""Oost""; Centraal";"Gespreksaantekeningen bekeken";"Gespreksaantekeningen";"Bespreking in het casusoverleg";"Toegestaan"',
      '',
    ]);
  });

  it('neutralises every formula start (= + - @ tab CR)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvField(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    expect(csvField('Gemeente Voorbeeldstad')).toBe('"Gemeente Voorbeeldstad"');
    expect(csvField(null)).toBe('""');
  });

  it('follows the lang query, else Accept-Language, else Dutch', () => {
    expect(accessLogLanguage('en', 'nl-NL')).toBe('en');
    expect(accessLogLanguage(undefined, 'en-GB,en;q=0.9,nl;q=0.8')).toBe('en');
    expect(accessLogLanguage(undefined, 'nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(accessLogLanguage(undefined, 'de-DE')).toBe('nl');
    expect(accessLogLanguage(undefined, undefined)).toBe('nl');
  });

  it('has plain words for every action and outcome code, in Dutch and English', () => {
    const tables = { ...ACTION_WORDS, ...OUTCOME_WORDS };
    for (const [code, words] of Object.entries(tables)) {
      for (const lang of ['nl', 'en'] as const) {
        expect([code, lang, words[lang].trim().length > 3]).toEqual([code, lang, true]);
        expect(words[lang]).not.toMatch(/^[a-z-]+\.[a-z-]+$/);
      }
    }
    // A code this version does not know still gets words, never the code.
    expect(accessWords.action('note.awareness', 'nl')).toBe('Gegevens gebruikt');
    expect(accessWords.role(null, 'en')).toBe('The system');
  });
});
