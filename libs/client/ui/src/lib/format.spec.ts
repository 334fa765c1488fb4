import { describe, expect, it } from '@jest/globals';
import { formatDateTime, formatDuration, formatOffset } from './format';

describe('format', () => {
  it('formats an uptime with days only when there are any', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(3_725.9)).toBe('01:02:05');
    expect(formatDuration(2 * 86_400 + 59)).toBe('2 d 00:00:59');
  });

  it('formats a clock offset with its sign', () => {
    expect(formatOffset(12.4)).toBe('+12 ms');
    expect(formatOffset(-3)).toBe('\u22123 ms');
    expect(formatOffset(0.2)).toBe('0 ms');
  });

  it('formats a date in the requested language and ignores garbage', () => {
    const date = new Date(Date.UTC(2026, 10, 22, 12, 0));
    expect(formatDateTime(date, 'nl')).toContain('november');
    expect(formatDateTime(date, 'en')).toContain('November');
    expect(formatDateTime('not a date', 'nl')).toBe('');
  });
});
