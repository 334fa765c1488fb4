import type {
  Consent,
  ConsentRecipient,
  MeldcodeRecordView,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  type AfwegingAnswers,
  allowedOutcomes,
  consentStateAt,
  dutchDate,
  isValidBsn,
  type MeldcodeOutcome,
  normaliseBsn,
} from '@casustafel/domain';
import { refusalKeyOf } from '@casustafel/client/data-access';

/* ---------- BSN ---------- */

/** Instant feedback on a BSN while it is typed (the api checks again). */
export type BsnFeedback = 'empty' | 'characters' | 'incomplete' | 'valid' | 'invalid';

export function bsnFeedback(input: string): BsnFeedback {
  const value = normaliseBsn(input.trim());
  if (value === '') return 'empty';
  if (!/^\d+$/.test(value)) return 'characters';
  if (value.length < 9) return 'incomplete';
  return isValidBsn(value) ? 'valid' : 'invalid';
}

/* ---------- consent ledger ---------- */

export type ConsentState = Consent['state'];
type ConsentPurpose = Consent['purpose'];
type DataCategory = Consent['dataCategories'][number];

/** Today as `YYYY-MM-DD`: the Dutch calendar date, as the api counts consent days. */
export function today(now = new Date()): string {
  return dutchDate(now);
}

/** An entry's state at `now`: the domain's one rule, the api's too. */
export function consentState(consent: Consent, now: Date): ConsentState {
  return consentStateAt(consent, now);
}

export interface ConsentSummary {
  valid: Consent[];
  expired: Consent[];
  withdrawn: Consent[];
  /** What the valid entries cover together. */
  purposes: ConsentPurpose[];
  categories: DataCategory[];
  recipients: ConsentRecipient[];
  /** Discussing the household in a case meeting (mdo) is covered. */
  mdoCovered: boolean;
  /** Valid entries that end within `soonDays` days. */
  expiringSoon: Consent[];
  /** The first expiry date among valid entries. */
  nextExpiry: string | null;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function consentSummary(
  consents: readonly Consent[],
  now: Date,
  soonDays = 30,
): ConsentSummary {
  const on = dutchDate(now);
  const by = (state: ConsentState) => consents.filter((c) => consentStateAt(c, now) === state);
  const valid = by('geldig');
  const unique = <T>(items: T[]) => [...new Set(items)];
  const recipients = new Map<string, ConsentRecipient>();
  for (const r of valid.flatMap((c) => c.recipients)) recipients.set(JSON.stringify(r), r);
  const expiries = valid
    .map((c) => c.expiresAt)
    .filter((d): d is string => d !== null)
    .sort();
  const horizon = addDays(on, soonDays);
  return {
    valid,
    expired: by('verlopen'),
    withdrawn: by('ingetrokken'),
    purposes: unique(valid.map((c) => c.purpose)),
    categories: unique(valid.flatMap((c) => c.dataCategories)),
    recipients: [...recipients.values()],
    mdoCovered: valid.some((c) => c.purpose === 'mdo'),
    expiringSoon: valid.filter((c) => c.expiresAt !== null && c.expiresAt <= horizon),
    nextExpiry: expiries[0] ?? null,
  };
}

/* ---------- field issues from the api ---------- */

const KNOWN_ISSUES = new Set([
  'required',
  'out-of-range',
  'before-granted',
  'invalid-bsn',
  'not-allowed',
  'control-characters',
  'too-long',
  'invalid-date',
  'missing-domain',
  'source-required',
  'in-the-future',
  'before-2000',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'invalid_string',
]);

/**
 * Translation key of an api field issue: the case file's own text (`caseFile.issues.<issue>`),
 * else the refusal's (`refusals.<code>`), else a general one.
 */
export function issueKey(issue: string): string {
  if (KNOWN_ISSUES.has(issue)) return `caseFile.issues.${issue}`;
  return refusalKeyOf(issue) ?? 'caseFile.issues.invalid';
}

/** The issue for a field: exact path, or the first issue below it (`members.0.bsn` for `bsn`). */
export function issueAt(issues: readonly ValidationIssue[], path: string): string | null {
  const hit =
    issues.find((i) => i.path === path) ??
    issues.find((i) => i.path.startsWith(`${path}.`) || i.path.endsWith(`.${path}`));
  return hit ? issueKey(hit.issue) : null;
}

/* ---------- Meldcode ---------- */

/** The afwegingen answered so far in a record (steps 4 and 5; later answers win). */
export function recordAfwegingen(
  record: Pick<MeldcodeRecordView, 'entries'> | null,
): AfwegingAnswers {
  const answers: AfwegingAnswers = {};
  for (const entry of record?.entries ?? []) {
    const given = entry['afwegingen'];
    if ((entry['step'] === 4 || entry['step'] === 5) && given && typeof given === 'object') {
      for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
        if (typeof value === 'boolean') answers[Number(key) as keyof AfwegingAnswers] = value;
      }
    }
  }
  return answers;
}

/** Outcomes the afwegingskader allows for the record's answers plus the ones being given. */
export function outcomesFor(earlier: AfwegingAnswers, now: AfwegingAnswers): MeldcodeOutcome[] {
  return allowedOutcomes({ ...earlier, ...now });
}

export const MELDCODE_ERROR_CODES = [
  'record-closed',
  'step-out-of-order',
  'clock-went-back',
  'missing-user',
  'empty-decision',
  'consultation-required',
  'veilig-thuis-required',
  'reason-required',
  'afwegingen-inconsistent',
  'afwegingskader-incomplete',
  'outcome-not-allowed',
  'cannot-close-help-pending',
  'monitoring-agreements-required',
] as const;

/** Dutch text per Meldcode refusal (`meldcode.errors.<code>`). */
export function meldcodeErrorKey(issue: string): string {
  return (MELDCODE_ERROR_CODES as readonly string[]).includes(issue)
    ? `meldcode.errors.${issue}`
    : issueKey(issue);
}
