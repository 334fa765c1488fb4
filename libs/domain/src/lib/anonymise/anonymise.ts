/**
 * The anonymiser (issue 14 §3): text + what the case record knows → spans with categories and the
 * redacted text. A pure function, rule based, in stages (security-research §3.4):
 *
 *  1. known entities from the record: names (initials, lowercase, possessives, spelling variants,
 *     diacritics-insensitive), addresses, BSN, case numbers, institutions, places;
 *  2. patterns: BSN (11-proef), postcode, phone, e-mail, URL, IBAN (mod 97), case numbers, dates,
 *     ages;
 *  3. gazetteers: institutions, schools (type word + name), places, street names;
 *  4. person names not in the record: name lists, titles and relation words as context;
 *  5. every other capitalised word that is not a known Dutch word is flagged as a candidate for
 *     the reviewer.
 *
 * Overlaps are resolved by priority (identifier patterns first, candidates last).
 */
import { findAges, findDates, findPatterns, ageBand, MONTH_NAMES } from './patterns';
import type { AgeSpan, DateParts, DateSpan } from './patterns';
import {
  COMMON_WORDS,
  FIRST_NAMES,
  INSTITUTIONS,
  INSTITUTION_TYPES,
  NON_NAMES,
  PARTICLES,
  PLACES,
  RELATIONS,
  STREET_SUFFIXES,
  SURNAMES,
  TITLES,
} from './lexicon';
import { fold, tokenize, variantKey, withinDistance } from './text';
import type { Token } from './text';
import type {
  AnonymiseLabel,
  AnonymiseOptions,
  AnonymiseResult,
  AnonymiseSpan,
  KnownEntities,
  RawSpan,
} from './types';

const PRIORITY: Record<AnonymiseLabel, number> = {
  email: 0,
  url: 1,
  iban: 2,
  phone: 3,
  bsn: 4,
  postcode: 5,
  date: 6,
  case_number: 7,
  address: 8,
  institution: 9,
  name_known: 10,
  place: 11,
  name: 12,
  age: 13,
  candidate: 14,
};

const PSEUDO_FIRST = [
  'Sam',
  'Noa',
  'Robin',
  'Kim',
  'Alex',
  'Lou',
  'Charlie',
  'Jip',
  'Sasha',
  'Dani',
  'Eli',
  'Jules',
  'Mika',
  'Quinn',
  'Luca',
  'Nour',
  'Ari',
  'Tamar',
  'Rowan',
  'Jesse',
];
const PSEUDO_SURNAMES = [
  'Akkerman',
  'Brinkhuis',
  'Everts',
  'Lammers',
  'Nijhuis',
  'Reinders',
  'Timmer',
  'Wolters',
  'Zijlstra',
  'Dekkers',
  'Gerritsen',
  'Oosterhof',
  'Hoekman',
  'Kroeze',
  'Veldkamp',
  'Wiersma',
];

interface KnownNameIndex {
  /** folded first name → pseudonym */
  first: Map<string, string>;
  /** folded surname core → pseudonym */
  surname: Map<string, string>;
  /** folded first name → folded surnames of the people with that first name */
  persons: { first: string; surname: string | null }[];
  firstVariants: { key: string; variant: string }[];
  surnameVariants: { key: string; variant: string }[];
  fuzzyCache: Map<string, NameTokenMatch | null>;
  /** folded surname core → its particles in the record ("haan" → "de") */
  surnameParticles: Map<string, string>;
}

function buildKnownNames(names: readonly string[]): KnownNameIndex {
  const index: KnownNameIndex = {
    first: new Map(),
    surname: new Map(),
    persons: [],
    firstVariants: [],
    surnameVariants: [],
    fuzzyCache: new Map(),
    surnameParticles: new Map(),
  };
  const taken = new Set(names.flatMap((name) => fold(name).split(/[\s-]+/)));
  const firstPool = PSEUDO_FIRST.filter((name) => !taken.has(fold(name)));
  const surnamePool = PSEUDO_SURNAMES.filter((name) => !taken.has(fold(name)));
  const nextFirst = (): string =>
    firstPool[index.first.size % firstPool.length] +
    (index.first.size >= firstPool.length
      ? String(Math.floor(index.first.size / firstPool.length) + 1)
      : '');
  const nextSurname = (): string =>
    surnamePool[index.surname.size % surnamePool.length] +
    (index.surname.size >= surnamePool.length
      ? String(Math.floor(index.surname.size / surnamePool.length) + 1)
      : '');
  for (const raw of names) {
    const parts = raw.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const folded = parts.map((part) => fold(part));
    // first names: leading parts up to the first particle (at least one), unless it is the only part
    // "de Vries", "El Amrani" (a surname alone, starting with a particle): no first name
    let firstEnd = parts.length > 1 && PARTICLES.has(folded[0] as string) ? 0 : 1;
    while (
      firstEnd > 0 &&
      firstEnd < parts.length - 1 &&
      !PARTICLES.has(folded[firstEnd] as string)
    )
      firstEnd++;
    if (parts.length > 1 && firstEnd === parts.length) firstEnd = parts.length - 1;
    const firsts = folded.slice(0, firstEnd).filter((part) => !/^[a-z]\.?$/.test(part));
    const surnameParts = folded.slice(firstEnd).filter((part) => !PARTICLES.has(part));
    for (const first of firsts) {
      const key = first.replace(/\.$/, '');
      if (!index.first.has(key)) {
        index.first.set(key, nextFirst());
        index.firstVariants.push({ key, variant: variantKey(key) });
      }
    }
    const particles = folded
      .slice(firstEnd)
      .filter((part) => PARTICLES.has(part))
      .join(' ');
    const surnameKeys: string[] = [];
    for (const part of surnameParts) {
      if (particles) index.surnameParticles.set(part, particles);
      for (const key of [part, ...(part.includes('-') ? part.split('-') : [])]) {
        if (key.length < 2 || index.surname.has(key)) continue;
        index.surname.set(key, nextSurname());
        index.surnameVariants.push({ key, variant: variantKey(key) });
        surnameKeys.push(key);
      }
    }
    for (const first of firsts)
      index.persons.push({ first, surname: surnameParts[surnameParts.length - 1] ?? null });
  }
  return index;
}

type Role = 'first' | 'surname' | 'initial' | 'particle';

interface NameTokenMatch {
  role: Role;
  key: string;
  possessive: string;
}

const DETERMINERS = new Set(
  'de het een die deze dat dit geen mijn zijn haar onze jullie hun elke ieder veel weinig wat ik je jij ze zij hij we wij u men goede vol zonder'.split(
    ' ',
  ),
);

function stripPossessive(key: string): { stem: string; suffix: string }[] {
  const options = [{ stem: key, suffix: '' }];
  if (key.endsWith("'s")) options.push({ stem: key.slice(0, -2), suffix: "'s" });
  else if (key.endsWith("'")) options.push({ stem: key.slice(0, -1), suffix: "'" });
  else if (key.endsWith('s') && key.length > 3)
    options.push({ stem: key.slice(0, -1), suffix: 's' });
  return options;
}

function matchKnownToken(tokens: Token[], i: number, known: KnownNameIndex): NameTokenMatch | null {
  const token = tokens[i] as Token;
  const previous = tokens[i - 1];
  const beforePrevious = tokens[i - 2];
  // "mw de jong", "jan de vries": a particle after a title or a known first name is no article
  const particleInName =
    previous !== undefined &&
    PARTICLES.has(previous.key) &&
    beforePrevious !== undefined &&
    (TITLES.has(beforePrevious.key) || known.first.has(beforePrevious.key));
  for (const { stem, suffix } of stripPossessive(token.key)) {
    const common = COMMON_WORDS.has(stem) && suffix === '';
    const lowercaseAsWord =
      !token.cap &&
      common &&
      !particleInName &&
      (previous === undefined || DETERMINERS.has(previous.key));
    if (known.first.has(stem)) {
      if (lowercaseAsWord) return null;
      return { role: 'first', key: stem, possessive: suffix };
    }
    if (known.surname.has(stem)) {
      // "de haan" in a chat note about the family De Haan: the record's own particle before the
      // surname makes it the name, not "the rooster"
      const recordParticles = known.surnameParticles.get(stem);
      const ownParticle =
        recordParticles !== undefined &&
        tokens
          .slice(Math.max(0, i - recordParticles.split(' ').length), i)
          .map((t) => t.key)
          .join(' ') === recordParticles;
      if (lowercaseAsWord && !ownParticle) return null;
      return { role: 'surname', key: stem, possessive: suffix };
    }
  }
  // spelling variants: capitalised or not a Dutch word, at least 4 letters
  if (token.key.length < 4 || COMMON_WORDS.has(token.key) || NON_NAMES.has(token.key)) return null;
  const cached = known.fuzzyCache.get(token.key);
  if (cached !== undefined) return cached;
  const result = fuzzyKnown(token, known);
  known.fuzzyCache.set(token.key, result);
  return result;
}

/** First letters that transliterations swap (Chaima / Shaima / Kaoutar / Qaoutar). */
const SIBILANT = /^[cskq]/;

function sameOnset(a: string, b: string): boolean {
  return a[0] === b[0] || (SIBILANT.test(a) && SIBILANT.test(b));
}

function fuzzyKnown(token: Token, known: KnownNameIndex): NameTokenMatch | null {
  let variant: string | null = null;
  const lists: [NameTokenMatch['role'], { key: string; variant: string }[]][] = [
    ['first', known.firstVariants],
    ['surname', known.surnameVariants],
  ];
  for (const [role, entries] of lists)
    for (const entry of entries) {
      // cheap filters first: length, and the first sound (typos rarely change it)
      if (entry.key.length < 4 || Math.abs(entry.key.length - token.key.length) > 3) continue;
      if (!sameOnset(entry.key, token.key)) continue;
      const max = entry.key.length >= 8 ? 2 : 1;
      if (withinDistance(token.key, entry.key, max))
        return { role, key: entry.key, possessive: '' };
      variant ??= variantKey(token.key);
      if (entry.variant === variant && withinDistance(token.key, entry.key, 3))
        return { role, key: entry.key, possessive: '' };
    }
  return null;
}

function gapBetween(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

const INITIAL_GAP = /^\.?\s*$/;
const WORD_GAP = /^\s+$/;

interface Claimed {
  spans: (RawSpan & { replacement?: string })[];
}

/** Known names: build groups of initials, first names, particles and surnames. */
function findKnownNames(
  text: string,
  tokens: Token[],
  known: KnownNameIndex,
  out: Claimed,
  pseudonyms: Record<string, string>,
): void {
  const matches = tokens.map((_, i) => matchKnownToken(tokens, i, known));
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!matches[i] || used.has(i)) continue;
    // extend backwards over initials, first names and particles
    let start = i;
    while (start > 0) {
      const previous = tokens[start - 1] as Token;
      const gap = gapBetween(text, previous, tokens[start] as Token);
      const isInitial = previous.text.length === 1 && previous.cap && INITIAL_GAP.test(gap);
      const isParticle =
        PARTICLES.has(previous.key) && WORD_GAP.test(gap) && matches[start]?.role === 'surname';
      const isParticleChain =
        PARTICLES.has(previous.key) &&
        WORD_GAP.test(gap) &&
        tokens[start] &&
        PARTICLES.has((tokens[start] as Token).key);
      const isFirst = matches[start - 1]?.role === 'first' && WORD_GAP.test(gap);
      if (isInitial || isParticle || isParticleChain || isFirst) start--;
      else break;
    }
    // extend forwards over particles and surnames
    let end = i;
    while (end + 1 < tokens.length) {
      const next = tokens[end + 1] as Token;
      const gap = gapBetween(text, tokens[end] as Token, next);
      if (!WORD_GAP.test(gap) && gap !== '-') break;
      if (matches[end + 1]) {
        end++;
        continue;
      }
      // particles followed by a known surname
      let j = end + 1;
      while (
        j < tokens.length &&
        PARTICLES.has((tokens[j] as Token).key) &&
        WORD_GAP.test(gapBetween(text, tokens[j - 1] as Token, tokens[j] as Token))
      )
        j++;
      if (j > end + 1 && j < tokens.length && matches[j]?.role === 'surname') {
        end = j;
        continue;
      }
      break;
    }
    // a leading particle without a surname after it is not part of the name
    while (
      start < i &&
      PARTICLES.has((tokens[start] as Token).key) &&
      !(tokens[start] as Token).cap &&
      start === i
    )
      start++;
    for (let k = start; k <= end; k++) used.add(k);
    const group = tokens.slice(start, end + 1);
    const roles = group.map((token, k) => matches[start + k] ?? null);
    const firstMatch = roles.find((role) => role?.role === 'first');
    const surnameMatch = [...roles].reverse().find((role) => role?.role === 'surname');
    const initials = group.filter(
      (token, k) => !roles[k] && token.text.length === 1 && !PARTICLES.has(token.key),
    );
    const parts: string[] = [];
    if (firstMatch) parts.push(known.first.get(firstMatch.key) as string);
    else if (initials.length > 0 && surnameMatch) {
      const person =
        known.persons.find(
          (entry) =>
            entry.surname === surnameMatch.key &&
            entry.first.startsWith((initials[0] as Token).key),
        ) ?? known.persons.find((entry) => entry.surname === surnameMatch.key);
      const pseudoFirst = person ? known.first.get(person.first) : undefined;
      parts.push(`${(pseudoFirst ?? 'X').charAt(0)}.`);
    }
    if (surnameMatch) parts.push(known.surname.get(surnameMatch.key) as string);
    let replacement = parts.join(' ');
    const last = roles[roles.length - 1];
    if (last?.possessive)
      replacement += /[aeiouy]$/i.test(replacement) ? "'s" : last.possessive === "'" ? "'" : 's';
    const firstToken = group[0] as Token;
    const nameToken = group.find((token) => !PARTICLES.has(token.key)) ?? firstToken;
    if (!nameToken.cap && nameToken.text === nameToken.text.toLowerCase())
      replacement = replacement.toLowerCase();
    let spanEnd = (group[group.length - 1] as Token).end;
    if (
      roles[roles.length - 1] === null &&
      (group[group.length - 1] as Token).text.length === 1 &&
      text[spanEnd] === '.'
    )
      spanEnd++;
    out.spans.push({ start: firstToken.start, end: spanEnd, label: 'name_known', replacement });
    for (const role of roles) {
      if (role?.role === 'first') pseudonyms[role.key] = known.first.get(role.key) as string;
      if (role?.role === 'surname') pseudonyms[role.key] = known.surname.get(role.key) as string;
    }
    i = end;
  }
}

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

function findGazetteers(
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

const STRONG_STREET = new Set([
  'straat',
  'laan',
  'weg',
  'plein',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'dreef',
  'steeg',
  'plantsoen',
  'straatweg',
  'burgwal',
]);
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

function findAddresses(
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

function isNameLike(token: Token): boolean {
  return FIRST_NAMES.has(token.key) || SURNAMES.has(token.key);
}

/** Person names that the record does not know, and candidates for review. */
function findOtherNames(text: string, tokens: Token[], out: Claimed): void {
  const strong = new Array<boolean>(tokens.length).fill(false);
  const candidate = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const previous = tokens[i - 1];
    const stemKey = token.key.replace(/'s$|'$/, '');
    const listed = FIRST_NAMES.has(stemKey) || SURNAMES.has(stemKey);
    const common = COMMON_WORDS.has(token.key) || NON_NAMES.has(token.key);
    let t = i - 1;
    while (t >= 0 && t >= i - 3 && PARTICLES.has((tokens[t] as Token).key)) t--;
    const titleToken = tokens[t];
    const afterTitle =
      titleToken !== undefined &&
      TITLES.has(titleToken.key) &&
      !/[\n]/.test(text.slice(titleToken.end, token.start));
    const afterRelation =
      previous !== undefined &&
      RELATIONS.has(previous.key) &&
      WORD_GAP.test(gapBetween(text, previous, token));
    if (token.allCaps && !listed) continue;
    if (PARTICLES.has(token.key) || TITLES.has(token.key)) continue;
    if (token.cap) {
      if (afterTitle && !NON_NAMES.has(token.key)) strong[i] = true;
      else if (listed && !common) strong[i] = true;
      else if (listed && common && !token.sentenceStart) strong[i] = true;
      else if (
        afterRelation &&
        !NON_NAMES.has(token.key) &&
        (listed || !COMMON_WORDS.has(token.key))
      )
        strong[i] = true;
      else if (listed && common && token.sentenceStart) candidate[i] = true;
      else if (
        !common &&
        !token.sentenceStart &&
        !INSTITUTION_TYPES.has(token.key) &&
        !RELATIONS.has(token.key) &&
        !isDutchCompound(token.key)
      )
        candidate[i] = true;
      else if (
        !common &&
        token.sentenceStart &&
        !looksDutch(token.key) &&
        !RELATIONS.has(token.key) &&
        !INSTITUTION_TYPES.has(token.key)
      )
        candidate[i] = true;
      else if (
        // "Dirkje belde": a sentence-initial word followed by a verb is probably the subject
        !common &&
        token.sentenceStart &&
        SUBJECT_VERBS.has(tokens[i + 1]?.key ?? '') &&
        !ABSTRACT_NOUN.test(token.key) &&
        !isDutchCompound(token.key) &&
        !RELATIONS.has(token.key) &&
        !INSTITUTION_TYPES.has(token.key)
      )
        candidate[i] = true;
    } else {
      // lower case (chat style): listed names that are no Dutch word, or after a title/relation
      if (
        FIRST_NAMES.has(stemKey) &&
        !common &&
        !COMMON_WORDS.has(stemKey) &&
        token.key.length >= 3
      )
        strong[i] = true;
      else if ((afterTitle || afterRelation) && listed) strong[i] = true;
      else if (afterTitle && !common && !RELATIONS.has(token.key)) candidate[i] = true;
    }
  }
  // group: initials + strong/candidate names joined by particles
  for (let i = 0; i < tokens.length; i++) {
    if (!strong[i] && !candidate[i]) continue;
    let start = i;
    let end = i;
    let isStrong = strong[i] as boolean;
    while (start > 0) {
      const previous = tokens[start - 1] as Token;
      const gap = gapBetween(text, previous, tokens[start] as Token);
      if (previous.text.length === 1 && previous.cap && INITIAL_GAP.test(gap)) {
        start--;
        isStrong = true;
      } else if (
        PARTICLES.has(previous.key) &&
        WORD_GAP.test(gap) &&
        start - 2 >= 0 &&
        (strong[start - 2] ||
          candidate[start - 2] ||
          ((tokens[start - 2] as Token).text.length === 1 && (tokens[start - 2] as Token).cap))
      ) {
        start -= 1;
      } else if (PARTICLES.has(previous.key) && WORD_GAP.test(gap)) {
        // "mw. De Graaf", "dhr. van der Linden": particles after a title belong to the surname
        let t = start - 1;
        while (t > 0 && PARTICLES.has((tokens[t - 1] as Token).key)) t--;
        const before = tokens[t - 1];
        if (before && TITLES.has(before.key)) start = t;
        break;
      } else break;
    }
    while (end + 1 < tokens.length) {
      const next = tokens[end + 1] as Token;
      const gap = gapBetween(text, tokens[end] as Token, next);
      if (!WORD_GAP.test(gap) && gap !== '-') break;
      if (strong[end + 1] || candidate[end + 1]) {
        end++;
        if (strong[end]) isStrong = true;
        continue;
      }
      if (
        next.cap &&
        !next.allCaps &&
        isNameLike(tokens[end] as Token) &&
        !COMMON_WORDS.has(next.key) &&
        !NON_NAMES.has(next.key) &&
        !INSTITUTION_TYPES.has(next.key)
      ) {
        end++;
        continue;
      }
      let j = end + 1;
      while (
        j < tokens.length &&
        PARTICLES.has((tokens[j] as Token).key) &&
        WORD_GAP.test(gapBetween(text, tokens[j - 1] as Token, tokens[j] as Token))
      )
        j++;
      const after = tokens[j];
      if (
        j > end + 1 &&
        after &&
        after.cap &&
        !NON_NAMES.has(after.key) &&
        WORD_GAP.test(gapBetween(text, tokens[j - 1] as Token, after))
      ) {
        end = j;
        if (strong[j] || isNameLike(after)) isStrong = true;
        continue;
      }
      break;
    }
    // leading particles belong to the surname only when something precedes them in the group
    while (
      start < end &&
      PARTICLES.has((tokens[start] as Token).key) &&
      !(tokens[start] as Token).cap
    )
      start++;
    let spanEnd = (tokens[end] as Token).end;
    out.spans.push({
      start: (tokens[start] as Token).start,
      end: spanEnd,
      label: isStrong ? 'name' : 'candidate',
    });
    spanEnd = 0;
    i = end;
  }
}

const DUTCH_SUFFIXES =
  /(ing|ingen|heid|heden|tie|ties|isch|ische|lijk|lijke|schap|baar|bare|atie|eren|elen|enen|igen|ig|ige|tje|pje|je|aal|ale|eel|ele|iek|ieke|ist|isten|teit|iteit|uur|ment|ness|sel|nis|st|en|er|de|te|ten|den|ers|ijk|ief|ieve)$/;

/** Verbs that follow a person as subject at the start of a sentence. */
const SUBJECT_VERBS = new Set(
  'belde belt zei zegt kwam komt is was heeft had wil wilde gaat ging vertelde vertelt vindt vond woont woonde werkt werkte moet moest kan kon mag mocht zal zou wordt werd gaf geeft vroeg vraagt liet laat huilde lacht lachte reageerde reageert stuurde stuurt appte mailde sprak spreekt zit zat staat stond weet wist denkt dacht voelt voelde'.split(
    ' ',
  ),
);
const ABSTRACT_NOUN = /(ing|heid|tie|schap|isme|teit|ment|nis|sel)$/;

/** Heads of Dutch compounds in case notes: "Intakeverslag", "Afstemmingsoverleg", "Postadres". */
const COMPOUND_HEADS = [
  'verslag',
  'overleg',
  'adres',
  'klachten',
  'klacht',
  'persoon',
  'dienst',
  'bespreking',
  'gesprek',
  'plan',
  'probleem',
  'zorg',
  'hulp',
  'school',
  'werk',
  'team',
  'bureau',
  'kantoor',
  'traject',
  'regeling',
  'uitkering',
  'toeslag',
  'aanvraag',
  'melding',
  'dossier',
  'afspraak',
  'contact',
  'telefoon',
  'nummer',
  'datum',
  'moment',
  'vraag',
  'situatie',
  'schulden',
  'schuld',
  'groep',
  'ronde',
  'fase',
  'huis',
  'woning',
  'kamer',
  'opvang',
  'beleid',
  'raad',
  'overzicht',
  'lijst',
  'formulier',
  'indicatie',
  'beschikking',
  'verzuim',
  'gedrag',
  'ouders',
  'kinderen',
  'gezin',
  'netwerk',
  'middag',
  'ochtend',
  'avond',
  'dag',
  'week',
  'maand',
  'punt',
  'punten',
  'doel',
  'doelen',
  'actie',
  'acties',
  'notitie',
  'besluit',
  'evaluatie',
  'analyse',
  'advies',
  'signaal',
];

function looksDutch(key: string): boolean {
  if (DUTCH_SUFFIXES.test(key)) return true;
  return isDutchCompound(key);
}

function isDutchCompound(key: string): boolean {
  const bare = key.replace(/-.*$/, '');
  if (key.includes('-') && COMMON_WORDS.has(key.slice(key.lastIndexOf('-') + 1))) return true;
  for (const head of COMPOUND_HEADS)
    if (bare.length >= head.length + 3 && bare.endsWith(head)) return true;
  return false;
}

function findKnownNumbers(text: string, folded: string, known: KnownEntities, out: Claimed): void {
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

function dateReplacement(parts: DateParts, options: AnonymiseOptions): string {
  if (options.dateShiftDays !== undefined && parts.year !== undefined) {
    const date = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
    date.setUTCDate(date.getUTCDate() + options.dateShiftDays);
    const d = date.getUTCDate();
    const m = date.getUTCMonth() + 1;
    const y = date.getUTCFullYear();
    if (parts.style === 'iso')
      return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (parts.style === 'text') return `${d} ${MONTH_NAMES[m]} ${y}`;
    return `${d}-${m}-${y}`;
  }
  return parts.year !== undefined
    ? `${MONTH_NAMES[parts.month]} ${parts.year}`
    : `[datum in ${MONTH_NAMES[parts.month]}]`;
}

const PLACEHOLDER: Record<AnonymiseLabel, string> = {
  name_known: '[naam]',
  name: '[naam]',
  candidate: '',
  bsn: '[BSN]',
  postcode: '[postcode]',
  address: '[adres]',
  phone: '[telefoonnummer]',
  email: '[e-mailadres]',
  iban: '[IBAN]',
  url: '[link]',
  case_number: '[dossiernummer]',
  date: '[datum]',
  age: '[leeftijd]',
  institution: '[instelling]',
  place: '[plaats]',
};

const TRAILING_PARTICLES = /(?:\s+(?:van|de|der|den|het|in|op|te|ter|ten|'t|uit|en))+\s*$|\s+$/i;

/** A name that runs into a span of higher priority keeps its free beginning ("Hoekstra van [Portaal]"). */
function trimToFree(text: string, occupied: Uint8Array, span: RawSpan): number | null {
  if (span.label !== 'name' && span.label !== 'name_known' && span.label !== 'candidate')
    return null;
  if (occupied[span.start]) return null;
  let end = span.start;
  while (end < span.end && !occupied[end]) end++;
  const prefix = text.slice(span.start, end).replace(TRAILING_PARTICLES, '');
  return prefix.length >= 2 && /\p{L}/u.test(prefix) ? span.start + prefix.length : null;
}

/**
 * Anonymise one text. Offsets are JavaScript string indices in `text`. The same `known` and
 * `options` give the same pseudonyms for every text of one case.
 */
export function anonymise(
  text: string,
  known: KnownEntities = {},
  options: AnonymiseOptions = {},
): AnonymiseResult {
  const folded = fold(text);
  const tokens = tokenize(text, folded);
  const knownNames = buildKnownNames(known.names ?? []);
  const pseudonyms: Record<string, string> = {};
  const claimed: Claimed = { spans: [] };

  const dates: DateSpan[] = findDates(text);
  const ages: AgeSpan[] = findAges(text);
  claimed.spans.push(...findPatterns(text));
  findKnownNumbers(text, folded, known, claimed);
  findKnownNames(text, tokens, knownNames, claimed, pseudonyms);
  findAddresses(text, folded, tokens, known, claimed);
  findGazetteers(text, folded, tokens, known, claimed);
  findOtherNames(text, tokens, claimed);

  const all: (RawSpan & {
    replacement?: string;
    date?: DateParts;
    age?: number;
    template?: string;
  })[] = [...claimed.spans, ...dates, ...ages];
  all.sort(
    (a, b) =>
      PRIORITY[a.label] - PRIORITY[b.label] ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const accepted: typeof all = [];
  const occupied = new Uint8Array(text.length + 1);
  for (const span of all) {
    if (span.end <= span.start) continue;
    let free = true;
    for (let k = span.start; k < span.end; k++)
      if (occupied[k]) {
        free = false;
        break;
      }
    if (!free) {
      const trimmed = trimToFree(text, occupied, span);
      if (!trimmed) continue;
      span.end = trimmed;
    }
    for (let k = span.start; k < span.end; k++) occupied[k] = 1;
    accepted.push(span);
  }
  accepted.sort((a, b) => a.start - b.start);

  const otherNames = new Map<string, string>();
  const spans: AnonymiseSpan[] = accepted.map((span) => {
    const original = text.slice(span.start, span.end);
    let replacement: string;
    switch (span.label) {
      case 'name_known':
        replacement = span.replacement ?? '[naam]';
        break;
      case 'name': {
        const key = fold(original);
        if (!otherNames.has(key)) otherNames.set(key, `[persoon ${otherNames.size + 1}]`);
        replacement = otherNames.get(key) as string;
        break;
      }
      case 'candidate':
        replacement = options.redactCandidates ? '[naam?]' : original;
        break;
      case 'date':
        replacement = span.date ? dateReplacement(span.date, options) : '[datum]';
        break;
      case 'age':
        replacement =
          span.age !== undefined && span.template
            ? span.template.replace('{band}', ageBand(span.age))
            : '[leeftijd]';
        break;
      case 'institution': {
        const before = text.slice(Math.max(0, span.start - 30), span.start).toLowerCase();
        replacement =
          /(school|obs|cbs|rkbs|ikc|college|lyceum|kindcentrum|sbo|opvang)\s*$/.test(before) ||
          /(college|lyceum|school|gymnasium)$/i.test(original)
            ? '[school]'
            : '[instelling]';
        break;
      }
      default:
        replacement = PLACEHOLDER[span.label];
    }
    return { start: span.start, end: span.end, label: span.label, replacement };
  });

  let redacted = '';
  let cursor = 0;
  for (const span of spans) {
    redacted += text.slice(cursor, span.start) + span.replacement;
    cursor = span.end;
  }
  redacted += text.slice(cursor);
  return { redacted, spans, pseudonyms };
}

/** Parse "Voornaam Achternaam" lists from a case record into `KnownEntities.names` (trimmed, unique). */
export function knownNamesFrom(names: readonly (string | null | undefined)[]): string[] {
  return [...new Set(names.map((name) => (name ?? '').trim()).filter((name) => name.length > 0))];
}
