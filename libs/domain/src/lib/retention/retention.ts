/**
 * Retention periods per record type, with their legal source (issue 16 §9; sources in
 * security-research.md §1.3). The api's retention sweep reads this table; nothing else decides
 * how long a record lives.
 */
export const RETENTION_RECORD_TYPES = [
  'case-file',
  'audit-event',
  'guest-invitation',
  'guest-account',
  'session',
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

export interface RetentionRule {
  /** How long after `startsAt`. */
  period: { years?: number; days?: number };
  /** The moment the period starts. */
  startsAt: 'last-change-of-closed-file' | 'written' | 'expired';
  /** What the sweep does once the period has passed. */
  action: 'anonymise' | 'delete' | 'keep';
  /** The legal source. */
  source: string;
}

export const RETENTION_RULES: Readonly<Record<RetentionRecordType, RetentionRule>> = {
  /**
   * A household's case file (persons, network, consents, cases, ZRM, Meldcode, preparations):
   * 20 years from the last change, once every case of the household is closed. The Jeugdwet
   * term (raised from 15 to 20 years on 1 January 2020) is the longest that applies to a
   * sociaal wijkteam's integrated file; the sweep never removes it one day earlier.
   */
  'case-file': {
    period: { years: 20 },
    startsAt: 'last-change-of-closed-file',
    action: 'anonymise',
    source: 'Jeugdwet art. 7.3.8 (20 jaar); WGBO art. 7:454 BW',
  },
  /**
   * The NEN 7513 access log: at least 5 years. The sweep never touches it: the rows are an
   * append-only hash chain and hold ids and codes only, so they outlive the records they
   * describe without personal data. Removing rows older than the term is an archiving step
   * (export, then a new chain), not part of the sweep.
   */
  'audit-event': {
    period: { years: 5 },
    startsAt: 'written',
    action: 'keep',
    source: 'NEN 7513:2018 (ten minste 5 jaar); AVG art. 5 lid 2 (verantwoording)',
  },
  /** An invitation of an external specialist: removed 30 days after it expired. */
  'guest-invitation': {
    period: { days: 30 },
    startsAt: 'expired',
    action: 'delete',
    source: 'AVG art. 5 lid 1 sub e (opslagbeperking)',
  },
  /** A guest's account: anonymised once its last invitation is removed. */
  'guest-account': {
    period: { days: 30 },
    startsAt: 'expired',
    action: 'anonymise',
    source: 'AVG art. 5 lid 1 sub e (opslagbeperking)',
  },
  /** A sign-in session: removed as soon as it expired (idle or absolute timeout, or ended). */
  session: {
    period: { days: 0 },
    startsAt: 'expired',
    action: 'delete',
    source: 'AVG art. 5 lid 1 sub e (opslagbeperking); BIO 8.5 (sessiebeheer)',
  },
};

/**
 * The moment before which `rule`'s period has passed, at `now`: a record whose period started
 * before this instant is due. Calendar arithmetic in UTC (20 years back from 29 February is
 * 1 March).
 */
export function retentionCutoff(rule: RetentionRule, now: Date): Date {
  const cutoff = new Date(now.getTime());
  if (rule.period.years) cutoff.setUTCFullYear(cutoff.getUTCFullYear() - rule.period.years);
  if (rule.period.days) cutoff.setUTCDate(cutoff.getUTCDate() - rule.period.days);
  return cutoff;
}

/**
 * The legal exceptions to the right to erasure (AVG art. 17 lid 3) an assessor records: any of
 * them refuses the request.
 */
export const ERASURE_EXCEPTIONS = [
  /** Jeugdwet art. 7.3.8/7.3.9: kept when of considerable importance to another, or by law. */
  'jeugdwet-bewaarplicht',
  /** An open Meldcode record (Wet verplichte meldcode): detected by the api itself. */
  'meldcode-open',
  /** AVG art. 17 lid 3 sub e: needed for a legal claim. */
  'rechtsvordering',
  /** AVG art. 17 lid 3 sub b: another legal obligation. */
  'wettelijke-verplichting',
  /** AVG art. 17 lid 3 sub d: archiving in the public interest. */
  'archiefbelang',
] as const;
export type ErasureException = (typeof ERASURE_EXCEPTIONS)[number];
