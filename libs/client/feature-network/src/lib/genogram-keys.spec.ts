import { describe, expect, it } from '@jest/globals';
import { nextSpot, parseYear } from './genogram-keys';

describe('arrow keys between persons', () => {
  const spots = [
    { id: 'opa', x: 100, y: 0 },
    { id: 'oma', x: 220, y: 0 },
    { id: 'mark', x: 160, y: 170 },
    { id: 'sandra', x: 280, y: 170 },
    { id: 'tim', x: 220, y: 340 },
  ];
  it('moves along the row and between generations', () => {
    expect(nextSpot(spots, 'opa', 'ArrowRight')).toBe('oma');
    expect(nextSpot(spots, 'oma', 'ArrowLeft')).toBe('opa');
    expect(nextSpot(spots, 'oma', 'ArrowRight')).toBe('sandra');
    expect(nextSpot(spots, 'tim', 'ArrowDown')).toBeNull();
    expect(nextSpot(spots, 'opa', 'ArrowDown')).toBe('mark');
    expect(nextSpot(spots, 'tim', 'ArrowUp')).toBe('mark');
    expect(nextSpot(spots, 'mark', 'ArrowRight')).toBe('sandra');
  });
  it('starts at the first person when nothing is chosen', () => {
    expect(nextSpot(spots, 'gone', 'ArrowDown')).toBe('opa');
  });
});

describe('years typed in a form', () => {
  it('accepts empty and plausible years only', () => {
    expect(parseYear('')).toBeNull();
    expect(parseYear(' 1965 ')).toBe(1965);
    expect(parseYear('65')).toBeNaN();
    expect(parseYear('19a5')).toBeNaN();
  });
});
