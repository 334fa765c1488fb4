import { describe, expect, it } from '@jest/globals';
import { anonymise } from './anonymise';
import { ageBand, isValidBsn, isValidIban } from './patterns';
import type { AnonymiseLabel, KnownEntities } from './types';

/** The spans of one label, as the texts they cover. */
function found(text: string, label: AnonymiseLabel, known: KnownEntities = {}): string[] {
  return anonymise(text, known)
    .spans.filter((span) => span.label === label)
    .map((span) => text.slice(span.start, span.end));
}

const family: KnownEntities = {
  names: ['Jan de Vries', 'Fatima el Amrani', 'Yusuf el Amrani', 'Roos Bos', 'Mohammed Öztürk'],
};

describe('anonymise: names known from the case record', () => {
  it('replaces full names, first names and surnames with their particle consistently', () => {
    const text = 'Jan de Vries belde. Later sprak ik Jan en mevrouw De Vries; de Vries is ziek.';
    const result = anonymise(text, family);
    expect(
      result.spans.filter((s) => s.label === 'name_known').map((s) => text.slice(s.start, s.end)),
    ).toEqual(['Jan de Vries', 'Jan', 'De Vries', 'de Vries']);
    const first = result.spans[0]?.replacement as string;
    const [pseudoFirst, pseudoSurname] = first.split(' ');
    expect(result.redacted).toBe(
      `${first} belde. Later sprak ik ${pseudoFirst} en mevrouw ${pseudoSurname}; ${pseudoSurname} is ziek.`,
    );
    expect(result.redacted).not.toMatch(/Jan|Vries/);
  });

  it('handles initials, lowercase, possessives and diacritics', () => {
    const text =
      'J. de Vries en J.P. de Vries. jan belde. Jans moeder. Fatima’s zoon. Mohammed Ozturk, öztürk.';
    const names = found(text, 'name_known', family);
    expect(names).toEqual([
      'J. de Vries',
      'J.P. de Vries',
      'jan',
      'Jans',
      'Fatima’s',
      'Mohammed Ozturk',
      'öztürk',
    ]);
    const redacted = anonymise(text, family).redacted;
    expect(redacted).not.toMatch(/vries|jan|fatima|ozturk|öztürk/i);
    expect(redacted).toMatch(/^[A-Z]\. \p{Lu}\p{L}+ en/u);
  });

  it('finds spelling variants of known names (transliterations, one typo)', () => {
    const known = { names: ['Mohammed Öztürk', 'Youssef Bakkali'] };
    expect(
      found('Mohamed kwam niet; Muhammad wel. Yusuf en Bakali ook.', 'name_known', known),
    ).toEqual(['Mohamed', 'Muhammad', 'Yusuf', 'Bakali']);
  });

  it('takes names that are also Dutch words by context', () => {
    // "Roos" is a known person; "roos" after an article is a flower
    expect(found('Roos belde. Zij kreeg een roos van roos.', 'name_known', family)).toEqual([
      'Roos',
      'roos',
    ]);
    // the known surname Bos after a title or first name, not "het bos"
    expect(found('mw. Bos liep in het bos met Roos Bos.', 'name_known', family)).toEqual([
      'Bos',
      'Roos Bos',
    ]);
    // "de haan" after the record's own particle is the family, not a rooster
    expect(
      found('de haan zelf zegt dat het meevalt', 'name_known', { names: ['Kevin de Haan'] }),
    ).toEqual(['de haan']);
    // "mw de jong" in a chat note is a surname with a particle
    expect(found('moeder (mw de jong) belde', 'name_known', { names: ['Noa de Jong'] })).toEqual([
      'de jong',
    ]);
  });

  it('takes a record entry that starts with a particle as a surname alone', () => {
    const result = anonymise('Gezin El Amrani: Fatima belde.', { names: ['El Amrani'] });
    expect(result.spans.map((span) => result.redacted && span.label)).toEqual([
      'name_known',
      'name',
    ]);
    expect(result.redacted).not.toContain('Amrani');
  });

  it('keeps the family link: shared surnames get one pseudonym', () => {
    const result = anonymise('Fatima el Amrani en Yusuf el Amrani', family);
    const [mother, son] = result.spans.map((span) => span.replacement);
    expect(mother?.split(' ')[1]).toBe(son?.split(' ')[1]);
    expect(mother?.split(' ')[0]).not.toBe(son?.split(' ')[0]);
  });
});

describe('anonymise: other person names', () => {
  it('finds names from the lists, after titles and after relation words', () => {
    expect(
      found('Gesprek met Ayşe Kaya en dhr. Van Dijk. Haar zus Ingrid in Gouda.', 'name'),
    ).toEqual(['Ayşe Kaya', 'Van Dijk', 'Ingrid']);
    expect(found('ik heb ahmed gesproken, zoon daan was er ook', 'name')).toEqual([
      'ahmed',
      'daan',
    ]);
    expect(found('Ik zag mw. R. Dekker en juf Petra.', 'name')).toEqual(['R. Dekker', 'Petra']);
  });

  it('flags unknown capitalised words for review, not ordinary sentence starts', () => {
    const text = 'Gisteren belde Xhevat over zijn broer. Afstemmingsoverleg volgt.';
    expect(found(text, 'candidate')).toEqual(['Xhevat']);
    expect(found(text, 'name')).toEqual([]);
    // candidates stay in the text unless asked otherwise
    expect(anonymise(text).redacted).toContain('Xhevat');
    expect(anonymise(text, {}, { redactCandidates: true }).redacted).not.toContain('Xhevat');
  });

  it('flags a sentence-initial unknown word when a verb follows it', () => {
    expect(
      found('Dirkje belde later. Begeleiding is gestart. Verslaving is een probleem.', 'candidate'),
    ).toEqual(['Dirkje']);
  });

  it('does not take acronyms, bodies and nationalities for names', () => {
    expect(anonymise('Het MDO met UWV, GGD en Veilig Thuis. Zij is Marokkaans.').spans).toEqual([]);
  });

  it('numbers unknown people consistently', () => {
    expect(anonymise('Ayşe Kaya belde. Daarna belde Ayşe Kaya weer.').redacted).toBe(
      '[persoon 1] belde. Daarna belde [persoon 1] weer.',
    );
  });
});

describe('anonymise: identifiers', () => {
  it('BSN with the 11-proef, with and without separators; a keyword rescues a typo', () => {
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(found('nummer 123456782 en 1234.56.782 en 123 456 782', 'bsn')).toEqual([
      '123456782',
      '1234.56.782',
      '123 456 782',
    ]);
    expect(found('BSN: 123456789', 'bsn')).toEqual(['123456789']);
  });

  it('postcodes, not units or words', () => {
    expect(
      found('3072 AP Rotterdam, 3072AP, 1234 ab en 500 mg, 2000 mg, in 2023 is', 'postcode'),
    ).toEqual(['3072 AP', '3072AP', '1234 ab']);
  });

  it('Dutch phone numbers in their usual shapes', () => {
    expect(
      found(
        '06-12345678, 06 12 34 56 78, 010-4127733, 0201234567, +31 6 24556781, 0031 6 14092876, +31 (0)20 123 4567, 0800-1234',
        'phone',
      ),
    ).toEqual([
      '06-12345678',
      '06 12 34 56 78',
      '010-4127733',
      '0201234567',
      '+31 6 24556781',
      '0031 6 14092876',
      '+31 (0)20 123 4567',
      '0800-1234',
    ]);
  });

  it('e-mail addresses and links', () => {
    expect(found('mail f.el-amrani@gmail.com of kijk op www.voorbeeld.nl.', 'email')).toEqual([
      'f.el-amrani@gmail.com',
    ]);
    expect(found('mail f.el-amrani@gmail.com of kijk op www.voorbeeld.nl.', 'url')).toEqual([
      'www.voorbeeld.nl',
    ]);
  });

  it('IBAN with mod 97, compact or grouped', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(found('NL91ABNA0417164300 loopt, NL41 INGB 0444 3225 26 ook', 'iban')).toEqual([
      'NL91ABNA0417164300',
      'NL41 INGB 0444 3225 26',
    ]);
  });

  it('case numbers by keyword, by shape and from the record', () => {
    expect(
      found('dossiernummer 2024-0012, zaaknr. Z-2023-114, WT-2024-0183 en 12345678', 'case_number'),
    ).toEqual(['2024-0012', 'Z-2023-114', 'WT-2024-0183', '12345678']);
    expect(found('zie ABC/77', 'case_number', { caseNumbers: ['ABC/77'] })).toEqual(['ABC/77']);
  });
});

describe('anonymise: dates, ages, addresses, institutions, places', () => {
  it('generalises dates to month and year, or shifts them', () => {
    const text = 'Op 12-03-2024 en 3 april 2015, en op 2024-05-06.';
    expect(anonymise(text).redacted).toBe('Op maart 2024 en april 2015, en op mei 2024.');
    expect(anonymise(text, {}, { dateShiftDays: 10 }).redacted).toBe(
      'Op 22-3-2024 en 13 april 2015, en op 2024-05-16.',
    );
  });

  it('turns exact ages into five-year bands, but leaves durations alone', () => {
    expect(ageBand(14)).toBe('10–14');
    expect(anonymise('Moeder (34) en een 14-jarige zoon; vader is 52 jaar oud.').redacted).toBe(
      'Moeder (30–34) en een 10–14-jarige zoon; vader is 50–54 jaar oud.',
    );
    expect(
      found('Ze woont al 3 jaar hier, sinds 2 jaar werkloos, 5 jaar geleden verhuisd.', 'age'),
    ).toEqual([]);
  });

  it('addresses: street and number, multi-word streets, known addresses', () => {
    expect(
      found(
        'Woont aan de Kerkstraat 12, later Burgemeester de Withstraat 12-2 en Laan van Meerdervoort 112.',
        'address',
      ),
    ).toEqual(['Kerkstraat 12', 'Burgemeester de Withstraat 12-2', 'Laan van Meerdervoort 112']);
    expect(found('woonachtig Kerkelanden 18 te Hilversum', 'address')).toEqual(['Kerkelanden 18']);
    expect(
      found('bij de Zonnewende 4', 'address', { addresses: ['Zonnewende 4, 1234 AB Ergens'] }),
    ).toEqual(['Zonnewende 4']);
  });

  it('schools and institutions: type word + name, gazetteer, record', () => {
    expect(found('Zij zit op basisschool De Regenboog en OBS ’t Kompas.', 'institution')).toEqual([
      'De Regenboog',
      '’t Kompas',
    ]);
    expect(found('Behandeling bij Parnassia, daarna het Einstein Lyceum.', 'institution')).toEqual([
      'Parnassia',
      'Einstein Lyceum',
    ]);
    expect(anonymise('op basisschool De Regenboog').redacted).toBe('op basisschool [school]');
    expect(
      found('werkt bij Bakkerij Snel', 'institution', { institutions: ['Bakkerij Snel'] }),
    ).toEqual(['Bakkerij Snel']);
  });

  it('places from the gazetteer (multi-word too)', () => {
    expect(found('Ze verhuist van Capelle aan den IJssel naar Den Haag.', 'place')).toEqual([
      'Capelle aan den IJssel',
      'Den Haag',
    ]);
  });
});

describe('anonymise: the whole', () => {
  it('gives offsets in JavaScript string indices and a consistent redacted text', () => {
    const text = '😀 Jan de Vries 😀 06-12345678';
    const result = anonymise(text, family);
    for (const span of result.spans) expect(span.end).toBeGreaterThan(span.start);
    expect(text.slice(result.spans[0]?.start, result.spans[0]?.end)).toBe('Jan de Vries');
    expect(result.redacted.startsWith('😀 ')).toBe(true);
    expect(result.redacted.endsWith('[telefoonnummer]')).toBe(true);
  });

  it('is pure: the same input gives the same output', () => {
    const text = 'Fatima el Amrani (34) woont aan de Kerkstraat 12.';
    expect(anonymise(text, family)).toEqual(anonymise(text, family));
  });

  it('copes with empty and odd input', () => {
    expect(anonymise('')).toEqual({ redacted: '', spans: [], pseudonyms: {} });
    expect(anonymise('   \n\n').spans).toEqual([]);
    expect(anonymise('a'.repeat(10_000)).spans).toEqual([]);
    expect(anonymise('Jan', { names: ['', '  ', 'Jan'] }).spans).toHaveLength(1);
  });

  it('does not use a pseudonym that is itself a known name', () => {
    const result = anonymise('Sam Akkerman belde met Noa.', {
      names: ['Sam Akkerman', 'Noa Timmer'],
    });
    expect(result.redacted).not.toMatch(/Sam|Akkerman|Noa/);
  });
});
