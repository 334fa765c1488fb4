/**
 * Dutch readability, measured on plain text.
 *
 * Flesch-Douma (Douma 1960, the Dutch adaptation of Flesch's Reading Ease):
 *   206.835 − 0.93 · (words / sentences) − 77 · (syllables / words).
 * 60 and above reads as "vrij makkelijk" and is the usual bound for B1 texts; the family's
 * texts are kept at or above it (see `B1_FLESCH_DOUMA_MIN`). LIX (Björnsson) is computed too:
 *   words / sentences + 100 · (words longer than six letters) / words; 40 or below is "makkelijk".
 *
 * Syllables are counted as groups of vowels (a, e, i, o, u, y, and "ij" as one vowel), which
 * counts Dutch diphthongs (ei, ui, ou, au, oe, ie, eu) and long vowels (aa, ee, oo, uu) once;
 * a diaeresis (ë, ï, ö, ü) starts a new syllable ("geïnformeerd", "ideeën").
 */

/** Flesch-Douma at or above this reads at about B1. */
export const B1_FLESCH_DOUMA_MIN = 60;
/** LIX at or below this reads as easy. */
export const B1_LIX_MAX = 40;

export interface ReadabilityScore {
  words: number;
  sentences: number;
  syllables: number;
  /** Words of more than six letters (LIX). */
  longWords: number;
  fleschDouma: number;
  lix: number;
}

const VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûüý]/;
const DIAERESIS = /[äëïöü]/;

/** The words of a text: runs of letters (with inner hyphens or apostrophes), or numbers. */
export function dutchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Sentences end at . ! ? or a line break (headings and list items count as sentences). */
export function dutchSentenceCount(text: string): number {
  const parts = text
    .split(/(?<=[.!?:])\s+|\n+/u)
    .map((part) => part.trim())
    .filter((part) => dutchWords(part).length > 0);
  return parts.length;
}

/** Syllables of one Dutch word by vowel groups; at least one for any word. */
export function dutchSyllables(word: string): number {
  const lower = word.toLocaleLowerCase('nl').replace(/ij/g, 'y');
  let count = 0;
  let inGroup = false;
  for (const char of lower) {
    if (VOWEL.test(char)) {
      // A diaeresis marks a vowel that starts a new syllable even after another vowel.
      if (!inGroup || DIAERESIS.test(char)) count += 1;
      inGroup = true;
    } else {
      inGroup = false;
    }
  }
  return Math.max(1, count);
}

/** Flesch-Douma and LIX of a Dutch text; an empty text scores as perfectly easy (0 words). */
export function dutchReadability(text: string): ReadabilityScore {
  const words = dutchWords(text);
  const sentences = Math.max(1, dutchSentenceCount(text));
  if (words.length === 0)
    return { words: 0, sentences: 0, syllables: 0, longWords: 0, fleschDouma: 100, lix: 0 };
  const syllables = words.reduce((sum, word) => sum + dutchSyllables(word), 0);
  const longWords = words.filter((word) => [...word.replace(/['’-]/g, '')].length > 6).length;
  const wordsPerSentence = words.length / sentences;
  const fleschDouma = 206.835 - 0.93 * wordsPerSentence - 77 * (syllables / words.length);
  const lix = wordsPerSentence + (100 * longWords) / words.length;
  return {
    words: words.length,
    sentences,
    syllables,
    longWords,
    fleschDouma: Math.round(fleschDouma * 10) / 10,
    lix: Math.round(lix * 10) / 10,
  };
}

/** Whether a text reads at about B1 by Flesch-Douma. */
export function isB1(text: string): boolean {
  return dutchReadability(text).fleschDouma >= B1_FLESCH_DOUMA_MIN;
}
