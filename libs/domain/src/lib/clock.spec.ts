import { describe, expect, it } from '@jest/globals';
import { estimateClockOffset, formatCountdown, readTimer } from './clock';

describe('estimateClockOffset', () => {
  it('puts the server reading halfway through the round trip', () => {
    expect(
      estimateClockOffset([{ clientSentAt: 1000, serverTime: 6050, clientReceivedAt: 1100 }]),
    ).toEqual({
      offsetMs: 5000,
      roundTripMs: 100,
    });
  });

  it('prefers the sample with the shortest round trip', () => {
    const offset = estimateClockOffset([
      { clientSentAt: 0, serverTime: 900, clientReceivedAt: 800 },
      { clientSentAt: 1000, serverTime: 1510, clientReceivedAt: 1020 },
    ]);
    expect(offset).toEqual({ offsetMs: 500, roundTripMs: 20 });
  });

  it('discards samples taken while the client clock jumped back, and returns null without any', () => {
    expect(
      estimateClockOffset([{ clientSentAt: 2000, serverTime: 1, clientReceivedAt: 1000 }]),
    ).toBeNull();
    expect(estimateClockOffset([])).toBeNull();
  });
});

describe('readTimer', () => {
  it('adds the current run to the time elapsed before a pause', () => {
    expect(
      readTimer({ durationMs: 60_000, elapsedMs: 10_000, startedAt: 100_000 }, 130_000),
    ).toEqual({
      elapsedMs: 40_000,
      remainingMs: 20_000,
      overtime: false,
      running: true,
    });
  });

  it('stands still while paused and signals overtime past the time box', () => {
    const paused = readTimer({ durationMs: 60_000, elapsedMs: 75_000, startedAt: null }, 999_999);
    expect(paused).toEqual({
      elapsedMs: 75_000,
      remainingMs: -15_000,
      overtime: true,
      running: false,
    });
  });

  it('never counts backwards when the server time lies before the start', () => {
    expect(readTimer({ durationMs: 1000, elapsedMs: 0, startedAt: 5000 }, 4000).elapsedMs).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('formats minutes and seconds, with a sign over time', () => {
    expect(formatCountdown(125_900)).toBe('02:05');
    expect(formatCountdown(-61_000)).toBe('-01:01');
    expect(formatCountdown(0)).toBe('00:00');
  });
});
