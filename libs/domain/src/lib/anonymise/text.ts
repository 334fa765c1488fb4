/** Text helpers for the anonymiser: folding that keeps offsets, tokens, sentence starts. */

const SPECIAL_FOLDS: Record<string, string> = {
  ı: 'i',
  İ: 'i',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  ß: 's',
  æ: 'a',
  Æ: 'a',
  œ: 'o',
  đ: 'd',
  '’': "'",
  '‘': "'",
  '`': "'",
};

const foldCache = new Map<string, string>();

function foldChar(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded = SPECIAL_FOLDS[char];
  if (folded === undefined) {
    const base = char.normalize('NFD').charAt(0).toLowerCase();
    folded = base.length === 1 ? base : char;
  }
  foldCache.set(char, folded);
  return folded;
}

/**
 * Lower case without diacritics, one UTF-16 unit per input unit, so that an offset in the folded
 * text is the same offset in the input.
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += text[i];
    } else {
      out += foldChar(text[i] as string);
    }
  }
  return out;
}

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Folded text of the token. */
  key: string;
  /** First letter upper case. */
  cap: boolean;
  /** Two or more letters, all upper case (an acronym such as MDO or GGZ). */
  allCaps: boolean;
  /** The token starts a sentence, a line or a list item. */
  sentenceStart: boolean;
  index: number;
}

const TOKEN = /(?<![\d])[\p{L}\p{M}](?:[\p{L}\p{M}]|['’](?=[\p{L}])|-(?=[\p{L}]))*/gu;
const ABBREVIATIONS = new Set([
  'dhr',
  'mw',
  'mevr',
  'mr',
  'dr',
  'drs',
  'ir',
  'ing',
  'prof',
  'ds',
  'fam',
  'bijv',
  'ca',
  'nr',
  'tel',
  'o.a',
  'i.v.m',
  'z.s.m',
  'resp',
  'evt',
  'incl',
  'excl',
  'st',
  'jl',
  'vlg',
  'mvr',
  'dd',
  'd.d',
  'm.b.t',
  'juf',
  'ivm',
  'zsm',
  'vnl',
  'vz',
]);

export function tokenize(text: string, folded: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(text)) !== null) {
    const word = match[0];
    const start = match.index;
    const first = word.charAt(0);
    const cap = first !== first.toLowerCase() && first === first.toUpperCase();
    const letters = word.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length >= 2 && letters === letters.toUpperCase() && cap;
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      key: folded.slice(start, start + word.length),
      cap,
      allCaps,
      sentenceStart: false,
      index: tokens.length,
    });
  }
  for (const token of tokens) token.sentenceStart = isSentenceStart(text, tokens, token);
  return tokens;
}

function isSentenceStart(text: string, tokens: Token[], token: Token): boolean {
  let i = token.start - 1;
  while (i >= 0 && /[ \t"'“”‘’(*•\u00a0[]/.test(text[i] as string)) i--;
  if (i < 0) return true;
  const char = text[i] as string;
  if (char === '\n' || char === '\r') return true;
  if (char === '-' || char === '–' || char === '>') {
    // a list item "- Daan …" at the start of a line
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    return j < 0 || text[j] === '\n';
  }
  if (char === '!' || char === '?' || char === '…' || char === ';') return true;
  if (char === ':') {
    // "Aanwezig: Fatima" is not a sentence start; a line "Zorgen:" followed by text is
    return false;
  }
  if (char === '.') {
    const previous = tokens[token.index - 1];
    if (!previous) return true;
    if (previous.end !== i) return true;
    if (previous.text.length === 1) return false; // an initial: "J. de Vries"
    if (ABBREVIATIONS.has(previous.key)) return false;
    return true;
  }
  if (/\d/.test(char)) {
    // "1. Opening" at the start of a line
    let j = i;
    while (j >= 0 && /[\d.)]/.test(text[j] as string)) j--;
    return j < 0 || text[j] === '\n';
  }
  return false;
}

/** Edit distance with an early exit above `max`. */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const previous = new Array<number>(b.length + 1);
  const current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    for (let j = 0; j <= b.length; j++) previous[j] = current[j] as number;
  }
  return (previous[b.length] as number) <= max;
}

/**
 * A phonetic-ish key for spelling variants of names across transliterations:
 * Mohammed / Mohamed / Muhammad, Youssef / Yusuf, Aïcha / Aisha, Chaimae / Shaima.
 */
export function variantKey(folded: string): string {
  return folded
    .replace(/[-' ]/g, '')
    .replace(/ij/g, 'y')
    .replace(/oe|ou/g, 'u')
    .replace(/sch/g, 's')
    .replace(/ch|sh|sj|kh/g, 's')
    .replace(/ph/g, 'f')
    .replace(/dj/g, 'j')
    .replace(/ck|c(?=[aou])|q/g, 'k')
    .replace(/ee|ei|ey/g, 'e')
    .replace(/aa/g, 'a')
    .replace(/(.)\1+/g, '$1')
    .replace(/h(?![aeiouy])/g, '')
    .replace(/[aeiouy]/g, 'a');
}
