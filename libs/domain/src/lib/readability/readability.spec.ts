import { describe, expect, it } from '@jest/globals';
import {
  B1_FLESCH_DOUMA_MIN,
  dutchReadability,
  dutchSentenceCount,
  dutchSyllables,
  dutchWords,
  isB1,
} from './readability';

describe('Dutch syllables by vowel groups', () => {
  it.each([
    ['huis', 1],
    ['kind', 1],
    ['school', 1],
    ['maken', 2],
    ['geldzaken', 3],
    ['afspraak', 2],
    ['vrijwilliger', 4],
    ['ijs', 1],
    ['eeuw', 1],
    ['geïnformeerd', 4],
    ['ideeën', 3],
    ['zelfredzaamheid', 4],
    ['ondersteuningsplan', 5],
    ['2026', 1],
    ['Şükrü', 2],
  ])('%s has %i', (word, expected) => {
    expect(dutchSyllables(word)).toBe(expected);
  });
});

describe('words and sentences', () => {
  it('counts words with inner hyphens and apostrophes as one', () => {
    expect(dutchWords("Wie doet wat? Oma's hulp, e-mail en 12 mei.")).toEqual([
      'Wie',
      'doet',
      'wat',
      "Oma's",
      'hulp',
      'e-mail',
      'en',
      '12',
      'mei',
    ]);
  });
  it('ends sentences at punctuation and line breaks, ignoring empty parts', () => {
    expect(dutchSentenceCount('Dit is een zin. En nog een! Klopt dat?\nKop\n\n')).toBe(4);
    expect(dutchSentenceCount('')).toBe(0);
  });
});

describe('Flesch-Douma and LIX', () => {
  it('computes the formula exactly', () => {
    // 5 words, 1 sentence, 5 syllables: 206.835 − 0.93·5 − 77·1 = 125.2
    const score = dutchReadability('Wij gaan met de bus.\n');
    expect(score.words).toBe(5);
    expect(score.sentences).toBe(1);
    expect(score.syllables).toBe(5);
    expect(score.fleschDouma).toBeCloseTo(206.835 - 0.93 * 5 - 77, 1);
    expect(score.lix).toBe(5);
  });

  it('rates a short plain text as B1 and officialese as not', () => {
    const plain =
      'Wij maken samen een plan. U zegt wat goed gaat. U zegt ook wat moeilijk is. Daarna spreken we af wie wat doet.';
    const officialese =
      'De multidisciplinaire ondersteuningsbehoefte wordt geïnventariseerd teneinde de maatwerkvoorzieningen conform de verordening maatschappelijke ondersteuning te indiceren, waarbij zelfredzaamheidsproblematiek integraal wordt geëvalueerd.';
    expect(dutchReadability(plain).fleschDouma).toBeGreaterThanOrEqual(B1_FLESCH_DOUMA_MIN);
    expect(isB1(plain)).toBe(true);
    expect(dutchReadability(officialese).fleschDouma).toBeLessThan(B1_FLESCH_DOUMA_MIN);
    expect(isB1(officialese)).toBe(false);
    expect(dutchReadability(officialese).lix).toBeGreaterThan(dutchReadability(plain).lix);
  });

  it('treats an empty text as easy and never divides by zero', () => {
    expect(dutchReadability('')).toEqual({
      words: 0,
      sentences: 0,
      syllables: 0,
      longWords: 0,
      fleschDouma: 100,
      lix: 0,
    });
  });
});
