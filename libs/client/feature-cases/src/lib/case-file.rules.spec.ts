import { describe, expect, it } from '@jest/globals';
import type { Consent } from '@casustafel/contracts';
import {
  bsnFeedback,
  consentState,
  consentSummary,
  issueAt,
  meldcodeErrorKey,
  outcomesFor,
  recordAfwegingen,
  today,
} from './case-file.rules';

const TEAM = '3e9c4f4b-ad88-4f4b-ac3d-4d5e6f7a8b93';
function consent(overrides: Partial<Consent>): Consent {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    basis: 'toestemming',
    legalBasis: null,
    personId: null,
    purpose: 'mdo',
    dataCategories: ['identificatie'],
    recipients: [{ kind: 'team', teamId: TEAM }],
    grantedByPersonId: '22222222-2222-4222-8222-222222222222',
    recordedByUserId: '33333333-3333-4333-8333-333333333333',
    grantedAt: '2026-01-01',
    expiresAt: null,
    withdrawnAt: null,
    note: '',
    state: 'geldig',
    ...overrides,
  };
}

describe('bsnFeedback', () => {
  it('tells while typing whether a BSN passes the 11-proef', () => {
    expect(bsnFeedback('')).toBe('empty');
    expect(bsnFeedback('1234')).toBe('incomplete');
    expect(bsnFeedback('123456782')).toBe('valid');
    expect(bsnFeedback('1234.56.782')).toBe('valid');
    expect(bsnFeedback('123 456 782')).toBe('valid');
    expect(bsnFeedback('123456789')).toBe('invalid');
    expect(bsnFeedback('000000000')).toBe('invalid');
    expect(bsnFeedback('12345678a')).toBe('characters');
  });
});

describe('consentSummary', () => {
  const on = '2026-11-20';
  /** Noon of that day in the Netherlands. */
  const now = new Date(`${on}T11:00:00Z`);
  const valid = consent({
    id: 'a',
    dataCategories: ['identificatie', 'financien'],
    expiresAt: '2026-12-01',
  });
  const other = consent({
    id: 'b',
    purpose: 'delen-met-organisatie',
    dataCategories: ['financien', 'wonen'],
    recipients: [
      { kind: 'organisatie', name: 'Schuldhulp' },
      { kind: 'team', teamId: TEAM },
    ],
  });
  const expired = consent({ id: 'c', purpose: 'familienetwerkberaad', expiresAt: '2026-11-19' });
  const withdrawn = consent({
    id: 'd',
    withdrawnAt: '2026-10-01T10:00:00.000Z',
    dataCategories: ['ggz'],
  });

  it('computes what valid entries cover, and which are expired or withdrawn', () => {
    const s = consentSummary([valid, other, expired, withdrawn], now);
    expect(s.valid.map((c) => c.id)).toEqual(['a', 'b']);
    expect(s.expired.map((c) => c.id)).toEqual(['c']);
    expect(s.withdrawn.map((c) => c.id)).toEqual(['d']);
    expect(s.purposes).toEqual(['mdo', 'delen-met-organisatie']);
    expect(s.categories).toEqual(['identificatie', 'financien', 'wonen']);
    expect(s.categories).not.toContain('ggz');
    expect(s.recipients).toEqual([
      { kind: 'team', teamId: TEAM },
      { kind: 'organisatie', name: 'Schuldhulp' },
    ]);
    expect(s.mdoCovered).toBe(true);
    expect(s.nextExpiry).toBe('2026-12-01');
    expect(s.expiringSoon.map((c) => c.id)).toEqual(['a']);
  });

  it('counts the expiry date itself as valid, the day after as expired', () => {
    expect(consentState(consent({ expiresAt: on }), now)).toBe('geldig');
    expect(consentState(consent({ expiresAt: '2026-11-19' }), now)).toBe('verlopen');
    expect(
      consentState(consent({ expiresAt: '2027-01-01', withdrawnAt: '2026-11-01T00:00:00Z' }), now),
    ).toBe('ingetrokken');
    // The Dutch day, whatever the browser's zone: 00:30 on 21 November in Amsterdam is still
    // 20 November in UTC, and a consent that ended on the 20th no longer covers it.
    expect(consentState(consent({ expiresAt: on }), new Date(`${on}T23:30:00Z`))).toBe('verlopen');
    expect(today(new Date(`${on}T23:30:00Z`))).toBe('2026-11-21');
  });

  it('says MDO is not covered when only expired or other purposes remain', () => {
    const s = consentSummary([expired, other], now);
    expect(s.mdoCovered).toBe(false);
    expect(s.expired).toHaveLength(1);
  });
});

describe('api field issues', () => {
  it('finds the issue for a field by exact or nested path, with a Dutch key', () => {
    const issues = [
      { path: 'members.1.bsn', issue: 'invalid-bsn' },
      { path: 'label', issue: 'too_small' },
      { path: 'x', issue: 'something-new' },
    ];
    expect(issueAt(issues, 'label')).toBe('caseFile.issues.too_small');
    expect(issueAt(issues, 'bsn')).toBe('caseFile.issues.invalid-bsn');
    expect(issueAt(issues, 'x')).toBe('caseFile.issues.invalid');
    expect(issueAt(issues, 'email')).toBeNull();
  });

  it('maps every Meldcode refusal to its own text', () => {
    expect(meldcodeErrorKey('outcome-not-allowed')).toBe('meldcode.errors.outcome-not-allowed');
    expect(meldcodeErrorKey('too_small')).toBe('caseFile.issues.too_small');
  });
});

describe('Meldcode outcomes', () => {
  it('merges answers from the record with the ones being given', () => {
    const earlier = recordAfwegingen({
      entries: [
        { step: 1, decision: 'x' },
        { step: 4, decision: 'y', afwegingen: { '1': true, '2': false } },
      ],
    });
    expect(earlier).toEqual({ 1: true, 2: false });
    expect(outcomesFor(earlier, {})).toEqual([]);
    expect(outcomesFor(earlier, { 3: false })).toEqual(['melden']);
    expect(outcomesFor(earlier, { 3: true, 4: true })).toEqual(['hulp-organiseren']);
    expect(outcomesFor({ 1: true, 2: true }, {})).toEqual(['melden', 'beide']);
    expect(outcomesFor({ 1: false }, {})).toEqual(['geen']);
  });
});
