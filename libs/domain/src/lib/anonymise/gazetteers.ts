/** Stages 1 and 3 of the anonymiser: known numbers, institutions, places and addresses. */
import {
  COMMON_WORDS,
  INSTITUTIONS,
  INSTITUTION_TYPES,
  NON_NAMES,
  PARTICLES,
  PLACES,
  STREET_SUFFIXES,
  STRONG_STREET_SUFFIXES,
  TITLES,
} from './lexicon';
import { fold, tokenize } from './text';
import type { Token } from './text';
import type { KnownEntities } from './types';
import { gapBetween, WORD_GAP } from './known-names';
import type { Claimed } from './known-names';

/** Find every occurrence of a folded phrase at word boundaries. */
function findPhrase(folded: string, phrase: string, from = 0): number[] {
  const found: number[] = [];
  if (phrase.length < 2) return found;
  let index = folded.indexOf(phrase, from);
  while (index !== -1) {
    const before = index === 0 ? ' ' : (folded[index - 1] as string);
    const after = folded[index + phrase.length] ?? ' ';
    if (!/[\p{L}\d]/u.test(before) && !/[\p{L}\d]/u.test(after)) found.push(index);
    index = folded.indexOf(phrase, index + 1);
  }
  return found;
}

/** Phrases indexed by their first word, so that a text is scanned once per gazetteer. */
type PhraseIndex = Map<string, string[][]>;

function phraseIndex(phrases: readonly string[]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const phrase of phrases) {
    const words = tokenize(phrase, fold(phrase)).map((token) => token.key);
    if (words.length === 0) continue;
    const list = index.get(words[0] as string) ?? [];
    list.push(words);
    index.set(words[0] as string, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

/** Longest gazetteer phrase starting at each token: [first token, last token] pairs. */
function matchPhrases(text: string, tokens: Token[], index: PhraseIndex): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = index.get((tokens[i] as Token).key);
    if (!candidates) continue;
    for (const words of candidates) {
      let ok = i + words.length <= tokens.length;
      for (let k = 1; ok && k < words.length; k++) {
        const token = tokens[i + k] as Token;
        ok =
          token.key === words[k] &&
          /^[\s-]*$/.test(text.slice((tokens[i + k - 1] as Token).end, token.start));
      }
      if (ok) {
        found.push([i, i + words.length - 1]);
        break;
      }
    }
  }
  return found;
}

const INSTITUTION_INDEX = phraseIndex(INSTITUTIONS);
const PLACE_INDEX = phraseIndex(PLACES);
const INSTITUTION_TAIL = new Set(
  'college lyceum gymnasium school academie ziekenhuis gasthuis mc kliniek praktijk zorg jeugdzorg groep stichting centrum huis'.split(
    ' ',
  ),
);

export function findGazetteers(
  text: string,
  folded: string,
  tokens: Token[],
  known: KnownEntities,
  out: Claimed,
): void {
  const capitalAt = (index: number): boolean => {
    const char = text[index] as string;
    return char !== char.toLowerCase();
  };
  const quoteBefore = (index: number): number =>
    text[index - 1] === "'" || text[index - 1] === '’' ? index - 1 : index;
  for (const [first, last] of matchPhrases(text, tokens, INSTITUTION_INDEX)) {
    const start = (tokens[first] as Token).start;
    if (capitalAt(start))
      out.spans.push({
        start: quoteBefore(start),
        end: (tokens[last] as Token).end,
        label: 'institution',
      });
  }
  for (const [first, last] of matchPhrases(text, tokens, PLACE_INDEX)) {
    const start = (tokens[first] as Token).start;
    if (capitalAt(start) || text[start - 1] === "'")
      out.spans.push({
        start: quoteBefore(start),
        end: (tokens[last] as Token).end,
        label: 'place',
      });
  }
  for (const name of known.institutions ?? []) {
    const key = fold(name.trim());
    for (const index of findPhrase(folded, key))
      out.spans.push({ start: index, end: index + key.length, label: 'institution' });
  }
  for (const name of known.places ?? []) {
    const key = fold(name.trim());
    for (const index of findPhrase(folded, key))
      out.spans.push({ start: index, end: index + key.length, label: 'place' });
  }
  // type word + name: "basisschool De Regenboog", "OBS de Horizon", "huisartsenpraktijk Zuid"
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i] as Token;
    if (!INSTITUTION_TYPES.has(token.key)) continue;
    let j = i + 1;
    let end = -1;
    while (j < tokens.length && j <= i + 5) {
      const next = tokens[j] as Token;
      if (
        !/^[\s'’]*$/.test(gapBetween(text, tokens[j - 1] as Token, next)) &&
        !/^\s*'$/.test(gapBetween(text, tokens[j - 1] as Token, next))
      )
        break;
      if (next.cap && !COMMON_WORDS.has(next.key)) end = j;
      else if (next.cap && (next.key === 'de' || next.key === 'het' || next.key === "'t")) {
        /* article inside the name */
      } else if (next.cap && end === -1 && COMMON_WORDS.has(next.key) && j === i + 1) end = j;
      else if (
        ['de', 'het', "'t", 't', 'van', 'der', 'den', 'aan'].includes(next.key) &&
        end === -1
      ) {
        /* lower-case article before the name */
      } else if (next.cap) end = j;
      else break;
      j++;
    }
    if (end === -1) continue;
    let startToken = i + 1;
    // "'t Kompas": include the apostrophe
    let start = (tokens[startToken] as Token).start;
    if (text[start - 1] === "'" || text[start - 1] === '’') start--;
    while (
      startToken <= end &&
      !(tokens[startToken] as Token).cap &&
      !['de', 'het', 't', "'t"].includes((tokens[startToken] as Token).key)
    )
      startToken++;
    out.spans.push({ start, end: (tokens[end] as Token).end, label: 'institution' });
  }
  // name + tail word: "Einstein Lyceum", "Wilhelmina Kinderziekenhuis"
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (
      !token.cap ||
      !(
        INSTITUTION_TAIL.has(token.key) ||
        /(ziekenhuis|college|lyceum|school|kliniek|gasthuis|praktijk)$/.test(token.key)
      )
    )
      continue;
    let j = i - 1;
    let start = -1;
    while (j >= 0 && i - j <= 3) {
      const previous = tokens[j] as Token;
      if (!WORD_GAP.test(gapBetween(text, previous, tokens[j + 1] as Token))) break;
      if (previous.cap && !COMMON_WORDS.has(previous.key) && !previous.sentenceStart) start = j;
      else if (previous.cap && !COMMON_WORDS.has(previous.key)) {
        start = j;
        break;
      } else break;
      j--;
    }
    if (start !== -1)
      out.spans.push({
        start: (tokens[start] as Token).start,
        end: token.end,
        label: 'institution',
      });
  }
}

const STRONG_STREET = new Set([...STRONG_STREET_SUFFIXES, 'straatweg', 'burgwal']);
const HOUSE_NUMBER =
  /^\s+\d{1,5}(?:\s?-\s?\d{1,4}[a-zA-Z]?|\s?[a-zA-Z](?![\p{L}])|\s(?:hs|bis|bg|I{1,3}|huis|zw)\b|-(?:hs|bis|bg|I{1,3})\b)?/u;
const STREET_WORDS = new Set([
  'laan',
  'plein',
  'weg',
  'kade',
  'dreef',
  'singel',
  'dijk',
  'hof',
  'straat',
  'markt',
]);

const ADDRESS_CONTEXT =
  /\b(?:woonachtig|adres|woont|wonen|wonend|verhuisd naar|postadres|verblijft|verblijven)\s*:?\s+(?:(?:aan|op|in)\s+(?:de|het)\s+|aan\s+|op\s+)?((?:[A-Z][\p{L}'’.-]+\s+(?:(?:van|de|der|den|het|ter|ten)\s+)*){1,3}\d{1,5}(?:\s?-\s?\d{1,4}|\s?[a-zA-Z](?![\p{L}]))?)/gu;

function streetSuffix(key: string): string | null {
  for (const suffix of STREET_SUFFIXES)
    if (key.length >= suffix.length + 2 && key.endsWith(suffix)) return suffix;
  return null;
}

export function findAddresses(
  text: string,
  folded: string,
  tokens: Token[],
  known: KnownEntities,
  out: Claimed,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const suffix = streetSuffix(token.key);
    let startIndex = -1;
    let endIndex = -1;
    if (suffix && !COMMON_WORDS.has(token.key) && !NON_NAMES.has(token.key)) {
      const number = HOUSE_NUMBER.exec(text.slice(token.end));
      const strong = STRONG_STREET.has(suffix);
      if (number || (token.cap && strong)) {
        startIndex = i;
        endIndex = token.end + (number ? number[0].length : 0);
      }
    } else if (token.cap && STREET_WORDS.has(token.key)) {
      // "Laan van Meerdervoort 12", "Plein 1940"
      let j = i + 1;
      while (j < tokens.length && PARTICLES.has((tokens[j] as Token).key)) j++;
      const name = tokens[j];
      if (name && name.cap) {
        const number = HOUSE_NUMBER.exec(text.slice(name.end));
        if (number) {
          startIndex = i;
          endIndex = name.end + number[0].length;
        }
      }
    }
    if (startIndex === -1) continue;
    // extend backwards: "Burgemeester de Withstraat", "Jan van Galenstraat"
    let s = startIndex;
    while (s > 0) {
      const previous = tokens[s - 1] as Token;
      if (!WORD_GAP.test(gapBetween(text, previous, tokens[s] as Token))) break;
      if (
        PARTICLES.has(previous.key) &&
        s - 2 >= 0 &&
        (tokens[s - 2] as Token).cap &&
        WORD_GAP.test(gapBetween(text, tokens[s - 2] as Token, previous))
      ) {
        s -= 2;
        continue;
      }
      if (
        previous.cap &&
        !previous.sentenceStart &&
        !COMMON_WORDS.has(previous.key) &&
        !TITLES.has(previous.key)
      ) {
        s--;
        continue;
      }
      break;
    }
    out.spans.push({ start: (tokens[s] as Token).start, end: endIndex, label: 'address' });
  }
  // "woonachtig Kerkelanden 18", "woont aan de Zonnehof 3": a name and a house number after a
  // word that introduces an address
  for (const match of text.matchAll(ADDRESS_CONTEXT)) {
    const value = match[1] as string;
    const start = match.index + match[0].length - value.length;
    out.spans.push({ start, end: start + value.length, label: 'address' });
  }
  for (const address of known.addresses ?? []) {
    for (const part of address.split(/,/)) {
      const key = fold(part.trim());
      if (key.length < 3) continue;
      for (const index of findPhrase(folded, key))
        out.spans.push({ start: index, end: index + key.length, label: 'address' });
      const street = key.replace(/\s*\d.*$/, '').trim();
      if (street !== key && street.length >= 4)
        for (const index of findPhrase(folded, street)) {
          const number = HOUSE_NUMBER.exec(text.slice(index + street.length));
          out.spans.push({
            start: index,
            end: index + street.length + (number ? number[0].length : 0),
            label: 'address',
          });
        }
    }
  }
}

export function findKnownNumbers(
  text: string,
  folded: string,
  known: KnownEntities,
  out: Claimed,
): void {
  for (const bsn of known.bsns ?? []) {
    const digits = bsn.replace(/\D/g, '');
    if (digits.length < 8) continue;
    const pattern = new RegExp(`(?<!\\d)${digits.split('').join('[\\s.-]?')}(?!\\d)`, 'g');
    for (const match of text.matchAll(pattern))
      out.spans.push({ start: match.index, end: match.index + match[0].length, label: 'bsn' });
  }
  for (const caseNumber of known.caseNumbers ?? []) {
    const key = fold(caseNumber.trim());
    for (const index of findPhrase(folded, key))
      out.spans.push({ start: index, end: index + key.length, label: 'case_number' });
  }
}
