import { describe, expect, it } from '@jest/globals';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path inside the application', () => {
    expect(safeReturnPath('/teams/abc?x=1')).toBe('/teams/abc?x=1');
  });

  it.each([
    null,
    undefined,
    '',
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'teams',
    '/inloggen/code',
  ])('falls back to the start page for %p', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});
