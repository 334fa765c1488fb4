import { describe, expect, it } from '@jest/globals';
import { bsnSchema, isValidBsn, maskBsn, normaliseBsn } from './bsn';

describe('isValidBsn', () => {
  it('accepts numbers that pass the 11-proef', () => {
    // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−1·2 = 154 = 14·11
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('111222333')).toBe(true);
    // leading zero: 0·9+1·8+2·7+3·6+4·5+5·4+6·3+7·2−1·2 = 110 = 10·11
    expect(isValidBsn('012345672')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidBsn('123456781')).toBe(false);
    expect(isValidBsn('123456783')).toBe(false);
    expect(isValidBsn('111222334')).toBe(false);
  });

  it('refuses wrong lengths', () => {
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('1234567820')).toBe(false);
    expect(isValidBsn('')).toBe(false);
  });

  it('refuses non-digits, separators and non-strings', () => {
    expect(isValidBsn('12345678a')).toBe(false);
    expect(isValidBsn('1234.56.782')).toBe(false);
    expect(isValidBsn(' 123456782')).toBe(false);
    expect(isValidBsn('１２３４５６７８２')).toBe(false); // full-width digits
    expect(isValidBsn(123456782)).toBe(false);
    expect(isValidBsn(null)).toBe(false);
  });

  it('refuses all zeros, although the sum is divisible by 11', () => {
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('00000000', { padEightDigits: true })).toBe(false);
  });

  it('pads an 8-digit value with a leading zero only when asked', () => {
    expect(isValidBsn('12345672')).toBe(false);
    expect(isValidBsn('12345672', { padEightDigits: true })).toBe(true);
    expect(isValidBsn('12345671', { padEightDigits: true })).toBe(false);
    expect(isValidBsn('1234567', { padEightDigits: true })).toBe(false);
  });
});

describe('normaliseBsn', () => {
  it('strips spaces, tabs and dots but nothing else', () => {
    expect(normaliseBsn(' 1234.56.782 ')).toBe('123456782');
    expect(normaliseBsn('123 456\t782')).toBe('123456782');
    expect(normaliseBsn('123-456-782')).toBe('123-456-782');
  });
});

describe('maskBsn', () => {
  it('shows only the last four digits', () => {
    expect(maskBsn('123456782')).toBe('*****6782');
    expect(maskBsn('1234.56.782')).toBe('*****6782');
  });

  it('masks malformed values completely', () => {
    expect(maskBsn('6782')).toBe('*********');
    expect(maskBsn('12345678')).toBe('*********');
    expect(maskBsn('abc')).toBe('*********');
  });

  it('pads 8-digit values only when asked', () => {
    expect(maskBsn('12345672', { padEightDigits: true })).toBe('*****5672');
  });
});

describe('bsnSchema', () => {
  it('normalises valid input and refuses invalid input', () => {
    expect(bsnSchema.parse('1234.56.782')).toBe('123456782');
    expect(bsnSchema.safeParse('123456781').success).toBe(false);
  });
});
