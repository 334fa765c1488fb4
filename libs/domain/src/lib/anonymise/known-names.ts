/**
 * Stage 1 of the anonymiser: the names the case record knows, with their variants and pseudonyms.
 */
import { COMMON_WORDS, NON_NAMES, PARTICLES, TITLES } from './lexicon';
import { fold, variantKey, withinDistance } from './text';
import type { Token } from './text';
import type { RawSpan } from './types';

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

export function buildKnownNames(names: readonly string[]): KnownNameIndex {
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

export function gapBetween(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

export const INITIAL_GAP = /^\.?\s*$/;
export const WORD_GAP = /^\s+$/;

export interface Claimed {
  spans: (RawSpan & { replacement?: string })[];
}

/** The index of the first token from `from` on that is not a particle one space after the last. */
export function skipParticles(text: string, tokens: Token[], from: number): number {
  let j = from;
  while (
    j < tokens.length &&
    PARTICLES.has((tokens[j] as Token).key) &&
    WORD_GAP.test(gapBetween(text, tokens[j - 1] as Token, tokens[j] as Token))
  )
    j++;
  return j;
}

/** Known names: build groups of initials, first names, particles and surnames. */
export function findKnownNames(
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
      const j = skipParticles(text, tokens, end + 1);
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
