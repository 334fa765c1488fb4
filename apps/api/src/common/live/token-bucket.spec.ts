import { describe, expect, it } from '@jest/globals';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate, and refuses above it', () => {
    const bucket = new TokenBucket(10, 5, 0);
    const burst = Array.from({ length: 7 }, () => bucket.take(0));
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    // 100 ms later one token is back (10 per second).
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
    // Steady 10 per second for 2 s: every one allowed.
    const steady = Array.from({ length: 20 }, (_, i) => bucket.take(200 + i * 100));
    expect(steady.every(Boolean)).toBe(true);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(10, 3, 0);
    const afterIdle = Array.from({ length: 5 }, () => bucket.take(60_000));
    expect(afterIdle).toEqual([true, true, true, false, false]);
  });

  it('does not go backwards when the clock does', () => {
    const bucket = new TokenBucket(1, 1, 1000);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(500)).toBe(false);
  });
});
