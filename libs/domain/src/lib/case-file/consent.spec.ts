import { describe, expect, it } from '@jest/globals';
import {
  agendaConsentDecision,
  type ConsentDates,
  consentCoversAt,
  consentStateAt,
  dutchDate,
} from './consent';

describe('agendaConsentDecision', () => {
  it('lets a covered case on the agenda without a justification', () => {
    expect(agendaConsentDecision('gedekt', null)).toBe('covered');
    expect(agendaConsentDecision('gedekt', 'ook met een tekst erbij')).toBe('covered');
  });

  it.each(['verlopen', 'ontbreekt'] as const)(
    'requires a justification when the cover is %s',
    (cover) => {
      expect(agendaConsentDecision(cover, null)).toBe('justification-required');
      expect(agendaConsentDecision(cover, '   kort   ')).toBe('justification-required');
      expect(agendaConsentDecision(cover, 'Acute zorg om de veiligheid van de kinderen')).toBe(
        'justified',
      );
    },
  );
});

describe('consentStateAt — one rule on the api and in the browser', () => {
  const entry = (over: Partial<ConsentDates> = {}): ConsentDates => ({
    grantedAt: '2026-01-10',
    expiresAt: '2026-06-30',
    withdrawnAt: null,
    ...over,
  });

  it('counts Dutch calendar days: the expiry date is covered, the next Dutch day is not', () => {
    // 30 June 23:59 in Amsterdam (CEST, UTC+2) is 21:59 UTC.
    expect(consentStateAt(entry(), new Date('2026-06-30T21:59:00Z'))).toBe('geldig');
    // 1 July 00:30 in Amsterdam is still 30 June in UTC: the consent has expired all the same.
    expect(consentStateAt(entry(), new Date('2026-06-30T22:30:00Z'))).toBe('verlopen');
    expect(dutchDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    // Winter time (CET, UTC+1).
    expect(dutchDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(dutchDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('is withdrawn from the instant of withdrawal, as a Date or an ISO string', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(consentStateAt(entry({ withdrawnAt: new Date('2026-03-01T09:59:59Z') }), at)).toBe(
      'ingetrokken',
    );
    expect(consentStateAt(entry({ withdrawnAt: '2026-03-01T10:00:00.000Z' }), at)).toBe(
      'ingetrokken',
    );
    expect(consentStateAt(entry({ withdrawnAt: '2026-03-01T10:00:01.000Z' }), at)).toBe('geldig');
    // Withdrawal wins over expiry.
    expect(
      consentStateAt(
        entry({ withdrawnAt: '2026-02-01T00:00:00Z' }),
        new Date('2026-08-01T00:00:00Z'),
      ),
    ).toBe('ingetrokken');
  });

  it('covers only from the Dutch day it was granted, and never when unlimited but withdrawn', () => {
    // 10 January 00:15 in Amsterdam is 9 January 23:15 UTC: granted that day, so covered.
    expect(consentCoversAt(entry(), new Date('2026-01-09T23:15:00Z'))).toBe(true);
    expect(consentCoversAt(entry(), new Date('2026-01-09T22:45:00Z'))).toBe(false);
    expect(consentCoversAt(entry({ expiresAt: null }), new Date('2030-01-01T12:00:00Z'))).toBe(
      true,
    );
    expect(
      consentCoversAt(
        entry({ expiresAt: null, withdrawnAt: '2027-01-01T00:00:00Z' }),
        new Date('2030-01-01T12:00:00Z'),
      ),
    ).toBe(false);
  });
});
