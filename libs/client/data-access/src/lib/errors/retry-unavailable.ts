import type { ErrorCode } from '@casustafel/contracts';

/**
 * Waits between retries of a call the api refused with 503 SERVICE_UNAVAILABLE (the database
 * or another dependency is briefly gone): about 15 s in all, the length of a usual restart or
 * failover. A `retry-after` from the api replaces the planned wait (within a bound).
 */
export const UNAVAILABLE_BACKOFF_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];

/** The longest wait a `retry-after` may impose on one retry. */
export const UNAVAILABLE_MAX_WAIT_MS = 15_000;

/**
 * The wait before retry number `attempt` (0-based) of a call refused as unavailable, or null
 * when it should not be retried any more. `retryAfterSeconds` is the api's hint, when given.
 */
export function unavailableRetryDelay(
  attempt: number,
  retryAfterSeconds?: number | null,
): number | null {
  const planned = UNAVAILABLE_BACKOFF_MS[attempt];
  if (planned === undefined) return null;
  if (retryAfterSeconds && retryAfterSeconds > 0)
    return Math.min(retryAfterSeconds * 1000, UNAVAILABLE_MAX_WAIT_MS);
  return planned;
}

/** The ack of a live command, as far as the retry decision needs it. */
type AckLike =
  { ok: true } | { ok: false; timeout: true } | { ok: false; error: { code: ErrorCode } };

/**
 * Sends a live command again (the same payload, so the same command id) while the api answers
 * SERVICE_UNAVAILABLE, with the back-off above; returns the first other answer, or the last.
 * Sending the same command id is safe: the api answers a repeated id with its first result.
 */
export async function retryWhileUnavailable<A extends AckLike>(
  send: () => Promise<A>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<A> {
  let ack = await send();
  for (let attempt = 0; ; attempt += 1) {
    if (ack.ok || !('error' in ack) || ack.error.code !== 'SERVICE_UNAVAILABLE') return ack;
    const wait = unavailableRetryDelay(attempt);
    if (wait === null) return ack;
    await sleep(wait);
    ack = await send();
  }
}
