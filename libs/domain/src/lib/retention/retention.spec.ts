import { describe, expect, it } from '@jest/globals';
import { RETENTION_RULES, retentionCutoff } from './retention';

describe('retention rules', () => {
  it('case files: 20 years back on the calendar, to the millisecond', () => {
    const now = new Date('2046-03-10T12:00:00.000Z');
    expect(retentionCutoff(RETENTION_RULES['case-file'], now).toISOString()).toBe(
      '2026-03-10T12:00:00.000Z',
    );
  });

  it('every rule names its legal source; access logs are kept at least 5 years', () => {
    for (const rule of Object.values(RETENTION_RULES))
      expect(rule.source.length).toBeGreaterThan(5);
    expect(RETENTION_RULES['audit-event']).toMatchObject({ action: 'keep', period: { years: 5 } });
    expect(RETENTION_RULES['case-file'].source).toContain('Jeugdwet art. 7.3.8');
  });

  it('sessions are due the moment they expired; invitations 30 days later', () => {
    const now = new Date('2026-12-07T00:00:00.000Z');
    expect(retentionCutoff(RETENTION_RULES.session, now)).toEqual(now);
    expect(retentionCutoff(RETENTION_RULES['guest-invitation'], now).toISOString()).toBe(
      '2026-11-07T00:00:00.000Z',
    );
  });
});
