/** Categories of the anonymiser's spans (issue 14 §3). */
export const ANONYMISE_LABELS = [
  'name_known',
  'name',
  'candidate',
  'bsn',
  'postcode',
  'address',
  'phone',
  'email',
  'iban',
  'url',
  'case_number',
  'date',
  'age',
  'institution',
  'place',
] as const;
export type AnonymiseLabel = (typeof ANONYMISE_LABELS)[number];

/** Plain Dutch words for the review screen. */
export const ANONYMISE_LABEL_WORDS: Record<AnonymiseLabel, string> = {
  name_known: 'naam uit het dossier',
  name: 'naam',
  candidate: 'mogelijk een naam: beoordelen',
  bsn: 'BSN',
  postcode: 'postcode',
  address: 'adres',
  phone: 'telefoonnummer',
  email: 'e-mailadres',
  iban: 'IBAN',
  url: 'link of account',
  case_number: 'dossier- of zaaknummer',
  date: 'datum',
  age: 'leeftijd',
  institution: 'school of instelling',
  place: 'plaats of wijk',
};

export interface RawSpan {
  start: number;
  end: number;
  label: AnonymiseLabel;
}

export interface AnonymiseSpan extends RawSpan {
  /** The text that replaces the span in `redacted` (for a candidate: the original text). */
  replacement: string;
}

/** What the case record knows; every field is optional except the names. */
export interface KnownEntities {
  /** "Voornaam Achternaam", "Fatima el Amrani", "Daan" … */
  names?: readonly string[];
  addresses?: readonly string[];
  /** Any format: 2015-04-03, 3-4-2015, 3 april 2015. */
  birthDates?: readonly string[];
  bsns?: readonly string[];
  caseNumbers?: readonly string[];
  /** Schools, employers, GP practices and other institutions named in the record. */
  institutions?: readonly string[];
  places?: readonly string[];
}

export interface AnonymiseOptions {
  /** Shift dates by this many days (keeps intervals); without it dates are generalised. */
  dateShiftDays?: number;
  /** Replace flagged candidates too (default: leave them for the reviewer). */
  redactCandidates?: boolean;
}

export interface AnonymiseResult {
  redacted: string;
  spans: AnonymiseSpan[];
  /** Pseudonyms used, keyed by the original (folded) name part: for the creator's eyes only. */
  pseudonyms: Record<string, string>;
}
