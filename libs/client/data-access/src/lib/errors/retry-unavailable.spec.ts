import { describe, expect, it } from '@jest/globals';
import {
  retryWhileUnavailable,
  UNAVAILABLE_BACKOFF_MS,
  UNAVAILABLE_MAX_WAIT_MS,
  unavailableRetryDelay,
} from './retry-unavailable';

type Ack =
  | { ok: true; data: string }
  | { ok: false; timeout: true }
  | { ok: false; error: { code: 'SERVICE_UNAVAILABLE' | 'FORBIDDEN'; message: string } };

const unavailable: Ack = { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'x' } };

describe('unavailableRetryDelay', () => {
  it('backs off, honours retry-after within a bound, and stops', () => {
    expect(unavailableRetryDelay(0)).toBe(UNAVAILABLE_BACKOFF_MS[0]);
    expect(unavailableRetryDelay(1)).toBeGreaterThan(unavailableRetryDelay(0) as number);
    expect(unavailableRetryDelay(0, 3)).toBe(3000);
    expect(unavailableRetryDelay(0, 3600)).toBe(UNAVAILABLE_MAX_WAIT_MS);
    expect(unavailableRetryDelay(UNAVAILABLE_BACKOFF_MS.length)).toBeNull();
  });
});

describe('retryWhileUnavailable', () => {
  const noSleep = () => {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
  };

  it('sends the same command again while the api is unavailable, then returns its answer', async () => {
    const answers: Ack[] = [unavailable, unavailable, { ok: true, data: 'done' }];
    const sent: string[] = [];
    const { waits, sleep } = noSleep();
    const ack = await retryWhileUnavailable(async () => {
      sent.push('command-1');
      return answers.shift() as Ack;
    }, sleep);
    expect(ack).toEqual({ ok: true, data: 'done' });
    expect(sent).toEqual(['command-1', 'command-1', 'command-1']);
    expect(waits).toEqual(UNAVAILABLE_BACKOFF_MS.slice(0, 2));
  });

  it('gives up after the back-off schedule, with the last answer', async () => {
    let sends = 0;
    const { waits, sleep } = noSleep();
    const ack = await retryWhileUnavailable(async () => {
      sends += 1;
      return unavailable;
    }, sleep);
    expect(ack).toBe(unavailable);
    expect(sends).toBe(UNAVAILABLE_BACKOFF_MS.length + 1);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(15_000);
  });

  it('does not retry other refusals, nor timeouts (the caller handles those)', async () => {
    for (const answer of [
      { ok: false, error: { code: 'FORBIDDEN', message: 'x' } },
      { ok: false, timeout: true },
    ] as Ack[]) {
      let sends = 0;
      const ack = await retryWhileUnavailable(async () => {
        sends += 1;
        return answer;
      }, noSleep().sleep);
      expect(ack).toBe(answer);
      expect(sends).toBe(1);
    }
  });
});
