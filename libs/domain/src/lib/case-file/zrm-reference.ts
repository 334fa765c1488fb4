/**
 * Zelfredzaamheid-Matrix (ZRM, GGD Amsterdam) reference data and rules.
 *
 * Sources (domain-research.md §3.1): domains of ZRM 2017 from zrmtraining.nl/zrm/welke-domeinen-zrm-2017/
 * (citing the ZRM-Handleiding 2017); client-language labels from mijnzrm.nl/zrm/; ZRM 2013 domains
 * from instrumentwijzer.nl; official English SSM-NL names from selfsufficiencymatrix.org; score
 * labels from zrmtraining.nl/zrm/welke-niveaus-zelfredzaamheid-zrm/ and BMC Psychology (SSM-D).
 *
 * Not in the research document, so deliberately NOT shipped here (no invented official wording):
 * - the per-domain description of each score level (the 65 cells of ZRM 2017 / 55 of ZRM 2013);
 * - the indicator texts per cell (1–3 bullets each, in the ZRM-Handleiding). An organisation that
 *   holds the handleiding loads them as a `ZrmIndicatorCatalogue`; the built-in catalogue is empty;
 * - client-language (B1) labels for the score levels and for the ZRM 2013 domains;
 * - the answer categories of the zwaartefactoren on the Standaard Score Formulier.
 */
export const ZRM_VERSIONS = ['2013', '2017'] as const;
export type ZrmVersion = (typeof ZRM_VERSIONS)[number];

export const ZRM_DOMAIN_KEYS_2017 = [
  'financien',
  'werk-en-opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'middelengebruik',
  'basale-adl',
  'instrumentele-adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
] as const;

export const ZRM_DOMAIN_KEYS_2013 = [
  'financien',
  'dagbesteding',
  'huisvesting',
  'huiselijke-relaties',
  'geestelijke-gezondheid',
  'lichamelijke-gezondheid',
  'verslaving',
  'adl',
  'sociaal-netwerk',
  'maatschappelijke-participatie',
  'justitie',
] as const;

/**
 * Stable keys. Domains that carry the same name in both versions share a key (e.g. `financien`);
 * renamed or split domains get their own (`verslaving` 2013 vs `middelengebruik` 2017, `adl` vs
 * `basale-adl`/`instrumentele-adl`). No mapping between them is asserted: the research document
 * gives none, so scores of different versions are never silently treated as one series.
 */
export type ZrmDomainKey =
  (typeof ZRM_DOMAIN_KEYS_2017)[number] | (typeof ZRM_DOMAIN_KEYS_2013)[number];

export interface ZrmDomain {
  key: ZrmDomainKey;
  /** Official Dutch domain name. */
  name: string;
  /** Client-language label (Mijn ZRM); null where no source gives one. */
  clientLabel: string | null;
  /** English name; see `englishNameOfficial`. */
  englishName: string;
  /** False for the ZRM 2017 working translation (no official English found). */
  englishNameOfficial: boolean;
}

const DOMAINS_2017: readonly ZrmDomain[] = [
  // Client labels from mijnzrm.nl/zrm/. That page lists them in a slightly different order
  // ("Relaties thuis, Woning"); the pairing with domains below is by meaning [verify].
  d('financien', 'Financiën', 'Geldzaken', 'Finances'),
  d('werk-en-opleiding', 'Werk & Opleiding', 'Werk en opleiding', 'Work & education'),
  d('tijdsbesteding', 'Tijdsbesteding', 'Tijdsbesteding', 'Time use'),
  d('huisvesting', 'Huisvesting', 'Woning', 'Housing'),
  d('huiselijke-relaties', 'Huiselijke relaties', 'Relaties thuis', 'Domestic relations'),
  d('geestelijke-gezondheid', 'Geestelijke gezondheid', 'Geestelijke gezondheid', 'Mental health'),
  d(
    'lichamelijke-gezondheid',
    'Lichamelijke gezondheid',
    'Lichamelijke gezondheid',
    'Physical health',
  ),
  d('middelengebruik', 'Middelengebruik', 'Verslaving', 'Substance use'),
  d('basale-adl', 'Basale ADL (Activiteiten Dagelijks Leven)', 'Zelfzorg', 'Basic ADL'),
  d(
    'instrumentele-adl',
    'Instrumentele ADL (Activiteiten Dagelijks Leven)',
    'Dagelijkse activiteiten',
    'Instrumental ADL',
  ),
  d('sociaal-netwerk', 'Sociaal netwerk', 'Sociaal netwerk', 'Social network'),
  d(
    'maatschappelijke-participatie',
    'Maatschappelijke participatie',
    'Inzet voor de maatschappij',
    'Community participation',
  ),
  d('justitie', 'Justitie', 'Justitie', 'Justice'),
].map((x) => ({ ...x, englishNameOfficial: false }));

const DOMAINS_2013: readonly ZrmDomain[] = [
  // The source writes the names in lower case; capitalised here as sentence case.
  d('financien', 'Financiën', null, 'Income'),
  d('dagbesteding', 'Dagbesteding', null, 'Day-time activities'),
  d('huisvesting', 'Huisvesting', null, 'Housing'),
  d('huiselijke-relaties', 'Huiselijke relaties', null, 'Domestic relations'),
  d('geestelijke-gezondheid', 'Geestelijke gezondheid', null, 'Mental health'),
  d('lichamelijke-gezondheid', 'Lichamelijke gezondheid', null, 'Physical health'),
  d('verslaving', 'Verslaving', null, 'Addiction'),
  d('adl', 'ADL', null, 'Daily life skills'),
  d('sociaal-netwerk', 'Sociaal netwerk', null, 'Social network'),
  d(
    'maatschappelijke-participatie',
    'Maatschappelijke participatie',
    null,
    'Community participation',
  ),
  d('justitie', 'Justitie', null, 'Judiciary'),
].map((x) => ({ ...x, englishNameOfficial: true }));

function d(key: ZrmDomainKey, name: string, clientLabel: string | null, englishName: string) {
  return { key, name, clientLabel, englishName };
}

export const ZRM_SCORES = [1, 2, 3, 4, 5] as const;
export type ZrmScore = (typeof ZRM_SCORES)[number];
/** A domain that was deliberately not scored in an assessment (no information, not relevant). */
export const ZRM_NOT_SCORED = 'niet-gescoord';

export interface ZrmScoreLevel {
  score: ZrmScore;
  /** Dutch label (zrmtraining.nl). */
  label: string;
  /** Alternative Dutch wording found in sources (mijnzrm.nl uses "acuut probleem"). */
  alternativeLabel: string | null;
  /** English label of the SSM-D (BMC Psychology 2015). */
  englishLabel: string;
}

/** Ordinal, one level per domain, no half scores. */
export const ZRM_SCORE_LEVELS: readonly ZrmScoreLevel[] = [
  {
    score: 1,
    label: 'acute problematiek',
    alternativeLabel: 'acuut probleem',
    englishLabel: 'Acute problem',
  },
  {
    score: 2,
    label: 'niet zelfredzaam',
    alternativeLabel: null,
    englishLabel: 'Not self-sufficient',
  },
  {
    score: 3,
    label: 'beperkt zelfredzaam',
    alternativeLabel: null,
    englishLabel: 'Barely self-sufficient',
  },
  {
    score: 4,
    label: 'voldoende zelfredzaam',
    alternativeLabel: null,
    englishLabel: 'Adequately self-sufficient',
  },
  {
    score: 5,
    label: 'volledig zelfredzaam',
    alternativeLabel: null,
    englishLabel: 'Completely self-sufficient',
  },
];

export interface ZrmVersionDefinition {
  version: ZrmVersion;
  /** Domains in the official order. */
  domains: readonly ZrmDomain[];
  scoreLevels: readonly ZrmScoreLevel[];
  source: string;
}

const VERSIONS: Record<ZrmVersion, ZrmVersionDefinition> = {
  '2017': {
    version: '2017',
    domains: DOMAINS_2017,
    scoreLevels: ZRM_SCORE_LEVELS,
    source: 'https://zrmtraining.nl/zrm/welke-domeinen-zrm-2017/',
  },
  '2013': {
    version: '2013',
    domains: DOMAINS_2013,
    scoreLevels: ZRM_SCORE_LEVELS,
    source: 'http://instrumentwijzer.nl/pages/52/instrument/30/Zelfredzaamheid-Matrix-ZRM.html',
  },
};

export function isZrmVersion(value: unknown): value is ZrmVersion {
  return typeof value === 'string' && (ZRM_VERSIONS as readonly string[]).includes(value);
}

export function zrmVersion(version: ZrmVersion): ZrmVersionDefinition {
  return VERSIONS[version];
}

export function zrmDomains(version: ZrmVersion): readonly ZrmDomain[] {
  return VERSIONS[version].domains;
}

export function isValidZrmScore(value: unknown): value is ZrmScore {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Zwaartefactoren ("weighting factors") from the Standaard Score Formulier. They are context,
 * not scores, and are kept apart from the domains.
 * Source: https://zrmtraining.nl/zrm/zwaartefactoren-zrm-waarmee-houd-rekening-uitleg-score/
 */
export const ZWAARTEFACTOR_KEYS = [
  'zorgverzekering',
  'cognitief-vermogen',
  'beheersing-nederlandse-taal',
  'digitale-vaardigheden',
  'bereiken-van-bestemmingen-buitenshuis',
  'vrijstelling-van-arbeid',
  'verantwoordelijkheid-voor-kinderen',
] as const;
export type ZwaartefactorKey = (typeof ZWAARTEFACTOR_KEYS)[number];

export interface Zwaartefactor {
  key: ZwaartefactorKey;
  name: string;
}

export const ZWAARTEFACTOREN: readonly Zwaartefactor[] = [
  { key: 'zorgverzekering', name: 'Zorgverzekering' },
  { key: 'cognitief-vermogen', name: 'Cognitief vermogen' },
  { key: 'beheersing-nederlandse-taal', name: 'Beheersing Nederlandse taal' },
  { key: 'digitale-vaardigheden', name: 'Digitale vaardigheden' },
  { key: 'bereiken-van-bestemmingen-buitenshuis', name: 'Bereiken van bestemmingen buitenshuis' },
  { key: 'vrijstelling-van-arbeid', name: 'Vrijstelling van arbeid' },
  { key: 'verantwoordelijkheid-voor-kinderen', name: 'Verantwoordelijkheid voor kinderen' },
];

/** The four aspects of language mastery recorded separately on the SSF. */
export const TAALBEHEERSING_ASPECTEN = ['spreken', 'lezen', 'schrijven', 'begrijpen'] as const;
export type TaalbeheersingAspect = (typeof TAALBEHEERSING_ASPECTEN)[number];

/** "n.t.b." — the SSF allows it for language mastery. Read as "nog te bepalen" [verify expansion]. */
export const NOG_TE_BEPALEN = 'n.t.b.';

/** Who or what the information for a domain score came from. */
export const ZRM_SOURCES = ['client', 'professional', 'netwerk', 'dossier'] as const;
export type ZrmSource = (typeof ZRM_SOURCES)[number];

/**
 * Indicator ids per domain, per version, loaded from the licensed ZRM-Handleiding by the
 * organisation. Empty by default (see the header comment).
 */
export type ZrmIndicatorCatalogue = Partial<
  Record<ZrmVersion, Partial<Record<ZrmDomainKey, readonly string[]>>>
>;
