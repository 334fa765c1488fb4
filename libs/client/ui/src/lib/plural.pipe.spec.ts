import { describe, expect, it } from '@jest/globals';
import { PluralKeyPipe, pluralKey } from './plural.pipe';

describe('pluralKey', () => {
  it('chooses the one form for 1 only', () => {
    expect(pluralKey('cases.days', 1)).toBe('cases.days.one');
    expect(pluralKey('cases.days', 0)).toBe('cases.days.other');
    expect(pluralKey('cases.days', 2)).toBe('cases.days.other');
    expect(pluralKey('cases.days', 1.5)).toBe('cases.days.other');
    expect(new PluralKeyPipe().transform('x', 1)).toBe('x.one');
  });
});
