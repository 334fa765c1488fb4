/** The consent ledger's cover of a purpose: a valid entry, only expired ones, or none. */
export type ConsentCover = 'gedekt' | 'verlopen' | 'ontbreekt';

/** Shortest justification a chair records for discussing a case without cover. */
export const CONSENT_JUSTIFICATION_MIN = 10;

/**
 * Putting a case on a meeting's agenda: `covered` when the ledger holds a valid consent or
 * legal basis for the meeting (purpose mdo); otherwise the chair's justification makes it
 * `justified`, and without one it is refused (`justification-required`).
 */
export function agendaConsentDecision(
  cover: ConsentCover,
  justification: string | null | undefined,
): 'covered' | 'justified' | 'justification-required' {
  if (cover === 'gedekt') return 'covered';
  const text = justification?.trim() ?? '';
  return text.length >= CONSENT_JUSTIFICATION_MIN ? 'justified' : 'justification-required';
}

/** A consent ledger entry's state: withdrawn wins, then expiry. */
export type ConsentLedgerState = 'geldig' | 'verlopen' | 'ingetrokken';

/** What the ledger's rules read of an entry (the api's row and the wire's entry both fit). */
export interface ConsentDates {
  /** `YYYY-MM-DD`: the first day covered. */
  grantedAt: string;
  /** `YYYY-MM-DD`: the last day covered, or null when unlimited. */
  expiresAt: string | null;
  /** The instant of withdrawal (a Date on the api, an ISO string on the wire), or null. */
  withdrawnAt: Date | string | null;
}

const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (`YYYY-MM-DD`) in the Netherlands at `at`. Consent dates are whole Dutch
 * days: a consent that expires on 30 June no longer covers a meeting at 00:30 on 1 July, although
 * that is still 30 June in UTC.
 */
export function dutchDate(at: Date): string {
  return DUTCH_DATE.format(at);
}

/**
 * The one rule for an entry's state at `at`, used by the api (coverage, guests, the ledger's
 * answers) and the client (the household page) alike: withdrawn once the withdrawal's instant
 * has passed; expired after its expiry date (the expiry date itself is still covered).
 */
export function consentStateAt(entry: ConsentDates, at: Date): ConsentLedgerState {
  if (entry.withdrawnAt !== null && new Date(entry.withdrawnAt).getTime() <= at.getTime())
    return 'ingetrokken';
  if (entry.expiresAt !== null && entry.expiresAt < dutchDate(at)) return 'verlopen';
  return 'geldig';
}

/** Whether an entry covers `at`: granted on or before that Dutch day and still valid then. */
export function consentCoversAt(entry: ConsentDates, at: Date): boolean {
  return entry.grantedAt <= dutchDate(at) && consentStateAt(entry, at) === 'geldig';
}
