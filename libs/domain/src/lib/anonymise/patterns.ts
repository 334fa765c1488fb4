/** Pattern detectors: identifiers with a fixed shape (issue 14 §3). Each returns raw spans. */
import type { RawSpan } from './types';

/** BSN 11-proef: weights 9..2 and −1; the sum must be divisible by 11 (and not 0). */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9 || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** IBAN check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const chunk = code >= 65 ? String(code - 55) : char;
    for (const digit of chunk) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function push(spans: RawSpan[], start: number, end: number, label: RawSpan['label']): void {
  spans.push({ start, end, label });
}

const EMAIL = /^[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,}$/iu;
const EMAIL_LOCAL = /[\p{L}\d._%+-]/u;
const EMAIL_DOMAIN = /[\p{L}\d.-]/u;
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')]+[^\s<>"').,;:!?]/gi;
const HANDLE = /(?<![\p{L}\d.])@[a-z0-9_.]{3,30}\b/giu;
const IBAN_NL = /\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}\b/gi;
const IBAN_GROUPED = /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?\b/g;
const IBAN_COMPACT = /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g;
const PHONE_INTL = /(?<![\w+])(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}(?!\d)/g;
const PHONE_NATIONAL =
  /(?<![\w+])0[1-9](?:[\s.-]?\d){8}(?!\d)|(?<![\w+])0[1-9]\d{1,2}\s?-\s?\d{6,7}(?!\d)/g;
const PHONE_SERVICE = /(?<![\w+])0[89]00[\s-]?\d{4}(?:\d{3})?(?!\d)/g;
const BSN =
  /(?<![\w.-])(?:\d{4}[.\s]\d{2}[.\s]\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3}|\d{9})(?![\w-]|\.\d)/g;
const POSTCODE = /(?<![\w-])[1-9]\d{3}[ \u00a0]?([A-Za-z]{2})(?![\p{L}\d])/gu;
const POSTCODE_LOWER_STOP = new Set(
  'mg kg gr ml cl dl km cm mm ha uu st pp en is na op om in te al ik je ze we de er nu zo ja of uw tv ca nr jr wk dd ok hé he ho ma di wo do vr za zo pm am'.split(
    ' ',
  ),
);
const POSTCODE_UPPER_STOP = new Set(['SA', 'SD', 'SS', 'KG', 'MG', 'GR', 'ML', 'KM', 'CM', 'MM']);
const CASE_CONTEXT =
  /\b(?:dossier|zaak|cli[eë]nt|registratie|referentie|casus|kenmerk|aanvraag|beschikking|klant|huurder|contract|relatie|verwijs|melding|ref|dossiernr|zaaknr|casusnr|cliëntnr|clientnr)(?:[-\s]?(?:nummer|nr|no|id))?\.?\s*(?::|is|#)?\s*([A-Za-z]{0,5}[-/]?\d[A-Za-z\d\-/.]*\d|\d)/giu;
const CASE_SHAPE = /\b[A-Z]{1,5}-\d{2,4}-\d{2,7}\b|\b[A-Z]{1,4}\d{6,10}\b/g;
const LONG_NUMBER = /(?<![\w.,-])\d{7,}(?![\w,]|\.\d)/g;

export function findPatterns(text: string): RawSpan[] {
  const spans: RawSpan[] = [];
  // e-mail: expand around each "@" (a regex scan from every word start is slow on long texts)
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && EMAIL_LOCAL.test(text[start - 1] as string)) start--;
    let end = at + 1;
    while (end < text.length && EMAIL_DOMAIN.test(text[end] as string)) end++;
    while (end > at && text[end - 1] === '.') end--;
    const candidate = text.slice(start, end);
    if (start < at && EMAIL.test(candidate)) push(spans, start, end, 'email');
  }
  for (const match of text.matchAll(URL_PATTERN))
    push(spans, match.index, match.index + match[0].length, 'url');
  for (const match of text.matchAll(HANDLE))
    if (!/@[a-z0-9_.]+\.[a-z]{2,}/i.test(match[0]))
      push(spans, match.index, match.index + match[0].length, 'url');
  for (const pattern of [IBAN_NL, IBAN_GROUPED, IBAN_COMPACT])
    for (const match of text.matchAll(pattern)) {
      const compact = match[0].replace(/\s/g, '');
      if (isValidIban(compact) || /^NL\d{2}[A-Z]{4}\d{10}$/i.test(compact))
        push(spans, match.index, match.index + match[0].length, 'iban');
    }
  for (const pattern of [PHONE_INTL, PHONE_NATIONAL, PHONE_SERVICE])
    for (const match of text.matchAll(pattern))
      push(spans, match.index, match.index + match[0].length, 'phone');
  for (const match of text.matchAll(BSN)) {
    const before = text.slice(Math.max(0, match.index - 25), match.index).toLowerCase();
    if (isValidBsn(match[0]) || /\b(?:bsn|burgerservicenummer|sofi)/.test(before))
      push(spans, match.index, match.index + match[0].length, 'bsn');
  }
  for (const match of text.matchAll(POSTCODE)) {
    const letters = match[1] as string;
    const upper = letters === letters.toUpperCase();
    if (upper ? POSTCODE_UPPER_STOP.has(letters) : POSTCODE_LOWER_STOP.has(letters)) continue;
    if (!upper && letters !== letters.toLowerCase()) continue; // "1234 Ab" is no postcode
    push(spans, match.index, match.index + match[0].length, 'postcode');
  }
  for (const match of text.matchAll(CASE_CONTEXT)) {
    const value = match[1] as string;
    if (value.replace(/\D/g, '').length < 3) continue;
    const start = match.index + match[0].length - value.length;
    push(spans, start, start + value.length, 'case_number');
  }
  for (const match of text.matchAll(CASE_SHAPE))
    push(spans, match.index, match.index + match[0].length, 'case_number');
  for (const match of text.matchAll(LONG_NUMBER))
    push(spans, match.index, match.index + match[0].length, 'case_number');
  const postbus = /\bpostbus\s+\d{1,6}\b/gi;
  for (const match of text.matchAll(postbus))
    push(spans, match.index, match.index + match[0].length, 'address');
  return spans;
}

export const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  febr: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
export const MONTH_NAMES = [
  '',
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

export interface DateParts {
  day: number;
  month: number;
  year?: number;
  style: 'numeric' | 'iso' | 'text';
}

const DATE_NUMERIC = /(?<![\d.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d-]|\.\d)/g;
const DATE_ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const DATE_TEXT = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:e|ste|de)?\\s+(${Object.keys(MONTHS)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\.?(?![\\p{L}])(?:\\s+('\\d{2}|\\d{4}))?(?!\\d)`,
  'giu',
);
const DATE_SHORT =
  /(?<![\d.-])(?:d\.d\.|op|per|sinds|vanaf|tot|voor|v[oó][oó]r|na|ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+(\d{1,2})[-/](\d{1,2})(?![\d/-])/gi;

export interface DateSpan extends RawSpan {
  date: DateParts;
}

/** A date span from `start` to the end of the match. */
function dateSpan(start: number, match: RegExpExecArray, date: DateParts): DateSpan {
  return { start, end: match.index + match[0].length, label: 'date', date };
}

export function findDates(text: string): DateSpan[] {
  const spans: DateSpan[] = [];
  for (const match of text.matchAll(DATE_NUMERIC)) {
    const day = Number(match[1]);
    const month = Number(match[3]);
    let year = Number(match[4]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    if ((match[4] as string).length === 2) year += year > 40 ? 1900 : 2000;
    spans.push(dateSpan(match.index, match, { day, month, year, style: 'numeric' }));
  }
  for (const match of text.matchAll(DATE_ISO)) {
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    spans.push(dateSpan(match.index, match, { day, month, year: Number(match[1]), style: 'iso' }));
  }
  for (const match of text.matchAll(DATE_TEXT)) {
    const day = Number(match[1]);
    const month = MONTHS[(match[2] as string).toLowerCase()] as number;
    if (day < 1 || day > 31) continue;
    const rawYear = match[3];
    let year: number | undefined;
    if (rawYear) year = rawYear.startsWith("'") ? 2000 + Number(rawYear.slice(1)) : Number(rawYear);
    spans.push(dateSpan(match.index, match, { day, month, year, style: 'text' }));
  }
  for (const match of text.matchAll(DATE_SHORT)) {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    const start = match.index + match[0].length - `${match[1]}-${match[2]}`.length;
    spans.push(dateSpan(start, match, { day, month, style: 'numeric' }));
  }
  return spans;
}

export interface AgeSpan extends RawSpan {
  age: number;
  /** Text around the number to keep in the replacement: "{band} jaar". */
  template: string;
}

const AGE_JARIG = /(?<![\d.])(\d{1,3})\s?-?\s?(jarige?n?)\b/gi;
const AGE_JAAR = /(?<![\d.,])(\d{1,3})\s?(jaar|jr\.?|jaar oud)(?![\p{L}])/giu;
const AGE_BRACKET = /([\p{L}])\s?\((\d{1,2})(?:\s?(?:jr\.?|jaar|j))?\)/gu;
const AGE_RELATION =
  /\b(?:zoon|dochter|kind|kinderen|jongen|meisje|broer|zus|broertje|zusje|moeder|vader|man|vrouw|tweeling|baby|leeftijd)\s+(?:van\s+)?(?:is\s+)?(\d{1,2})(?:\s+en\s+(\d{1,2}))?(?![\d\p{L}]|\s?(?:jaar|jr|uur|minuten|euro|keer|%))/giu;
/** "ze is 17 en …", "Ama is 71." (a person or pronoun, a form of zijn, a bare number). */
const AGE_IS =
  /\b(?:ze|zij|hij|die|[A-Z][\p{L}]+)\s+(?:is|was|wordt|werd)\s+(?:nu\s+|inmiddels\s+|pas\s+|al\s+)?(\d{1,3})(?=\s*(?:[.,;)]|$|\s+en\b|\s+jaar\b))/gmu;
/** "(de oudste, 16)" */
const AGE_COMMA_BRACKET = /,\s?(\d{1,2})\)/g;
const NOT_AGE_BEFORE = new Set([
  'al',
  'sinds',
  'afgelopen',
  'laatste',
  'na',
  'over',
  'binnen',
  'per',
  'elke',
  'om',
  'voor',
  'ruim',
  'zo’n',
  "zo'n",
  'bijna',
  'nog',
  'komende',
  'eerste',
  'de',
  'het',
  'die',
  'tot',
  'vanaf',
  'minstens',
  'maximaal',
  'minimaal',
]);
const AGE_BEFORE = new Set([
  'is',
  'was',
  'wordt',
  'werd',
  'van',
  'leeftijd',
  'en',
  'oud',
  'inmiddels',
]);

function wordBefore(text: string, index: number): string {
  const match = /([\p{L}’']+)[\s:]*$/u.exec(text.slice(Math.max(0, index - 20), index));
  return match ? (match[1] as string).toLowerCase() : '';
}

/** The age `value` at `start`, replaced by its band alone. */
function bareAge(start: number, value: string): AgeSpan {
  return { start, end: start + value.length, label: 'age', age: Number(value), template: '{band}' };
}

export function findAges(text: string): AgeSpan[] {
  const spans: AgeSpan[] = [];
  for (const match of text.matchAll(AGE_JARIG)) {
    const age = Number(match[1]);
    spans.push({
      start: match.index,
      end: match.index + match[0].length,
      label: 'age',
      age,
      template: `{band}-${(match[2] as string).toLowerCase()}`,
    });
  }
  for (const match of text.matchAll(AGE_JAAR)) {
    const age = Number(match[1]);
    const before = wordBefore(text, match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12);
    const beforeChar = text.slice(Math.max(0, match.index - 2), match.index).trim();
    if (
      /^\s*(?:geleden|lang|later|eerder|terug|getrouwd|samen|in|bij|werkzaam|gewerkt)/i.test(after)
    )
      continue;
    const ageContext =
      /^\s*oud/.test(after) ||
      (match[2] as string).toLowerCase() === 'jaar oud' ||
      AGE_BEFORE.has(before) ||
      beforeChar === '(' ||
      beforeChar === ',';
    if (!ageContext || NOT_AGE_BEFORE.has(before)) continue;
    spans.push({
      start: match.index,
      end: match.index + match[0].length,
      label: 'age',
      age,
      template: `{band} ${match[2] as string}`,
    });
  }
  for (const match of text.matchAll(AGE_BRACKET)) {
    const start = match.index + match[0].indexOf('(');
    spans.push({
      start,
      end: match.index + match[0].length,
      label: 'age',
      age: Number(match[2]),
      template: '({band})',
    });
  }
  for (const match of text.matchAll(AGE_IS)) {
    const value = match[1] as string;
    const start = match.index + match[0].length - value.length;
    spans.push(bareAge(start, value));
  }
  for (const match of text.matchAll(AGE_COMMA_BRACKET)) {
    const value = match[1] as string;
    const start = match.index + match[0].indexOf(value, 1);
    spans.push(bareAge(start, value));
  }
  for (const match of text.matchAll(AGE_RELATION)) {
    const first = match[1] as string;
    const firstStart =
      match.index +
      match[0].lastIndexOf(first, match[0].length - (match[2] ? match[2].length + 4 : 0));
    spans.push(bareAge(firstStart, first));
    if (match[2]) {
      const second = match[2];
      const secondStart = match.index + match[0].length - second.length;
      spans.push(bareAge(secondStart, second));
    }
  }
  return spans;
}

export function ageBand(age: number): string {
  if (age < 1) return '0';
  const low = Math.floor(age / 5) * 5;
  return `${low}–${low + 4}`;
}
