/** Stages 4 and 5 of the anonymiser: names the record does not know, and candidates for review. */
import {
  COMMON_WORDS,
  FIRST_NAMES,
  INSTITUTION_TYPES,
  NON_NAMES,
  PARTICLES,
  RELATIONS,
  SURNAMES,
  TITLES,
} from './lexicon';
import type { Token } from './text';
import { gapBetween, INITIAL_GAP, skipParticles, WORD_GAP } from './known-names';
import type { Claimed } from './known-names';

function isNameLike(token: Token): boolean {
  return FIRST_NAMES.has(token.key) || SURNAMES.has(token.key);
}

/** Person names that the record does not know, and candidates for review. */
export function findOtherNames(text: string, tokens: Token[], out: Claimed): void {
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
      const j = skipParticles(text, tokens, end + 1);
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
