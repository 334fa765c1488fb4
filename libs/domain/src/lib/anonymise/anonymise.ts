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
import { fold, tokenize } from './text';
import type {
  AnonymiseLabel,
  AnonymiseOptions,
  AnonymiseResult,
  AnonymiseSpan,
  KnownEntities,
  RawSpan,
} from './types';
import { buildKnownNames, findKnownNames } from './known-names';
import type { Claimed } from './known-names';
import { findGazetteers, findAddresses, findKnownNumbers } from './gazetteers';
import { findOtherNames } from './other-names';

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
