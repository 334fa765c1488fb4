import { describe, expect, it } from '@jest/globals';
import { actionKey, EMPTY_FILTERS, localDayStart, toAuditQuery } from './audit-filters';

describe('audit filters', () => {
  it('sends only the filters that are filled in', () => {
    expect(toAuditQuery({ ...EMPTY_FILTERS, action: 'auth.', outcome: 'denied' })).toEqual({
      ok: true,
      filters: { action: 'auth.', outcome: 'denied' },
    });
  });

  it('turns "van" and "tot en met" into an inclusive start and an exclusive next-day end', () => {
    const query = toAuditQuery({ ...EMPTY_FILTERS, from: '2026-11-01', to: '2026-11-01' });
    expect(query).toEqual({
      ok: true,
      filters: { from: localDayStart('2026-11-01'), to: localDayStart('2026-11-02') },
    });
  });

  it('refuses a client id that is not a uuid and a reversed period', () => {
    expect(
      toAuditQuery({ ...EMPTY_FILTERS, clientId: 'Jansen', from: '2026-11-05', to: '2026-11-01' }),
    ).toEqual({ ok: false, problems: ['clientId', 'period'] });
  });

  it('translates known actions and leaves unknown codes raw', () => {
    expect(actionKey('user.totp-reset')).toBe('audit.actions.user.totp-reset');
    expect(actionKey('plan.export')).toBeNull();
  });
});
