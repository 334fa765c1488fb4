/**
 * Clock maths shared by api and client. Meeting timers are stored as server time
 * (`startedAt` + accumulated `elapsedMs`), and every client renders them with its own
 * estimate of the offset to the server clock, so all screens show the same time.
 */

/** One round trip of a clock sync: client send time, server time, client receive time (ms). */
export interface ClockSample {
  clientSentAt: number;
  serverTime: number;
  clientReceivedAt: number;
}

export interface ClockOffset {
  /** Add to the client's `Date.now()` to get server time. */
  offsetMs: number;
  /** Round trip of the sample the estimate came from; the uncertainty is at most half of it. */
  roundTripMs: number;
}

/**
 * NTP-style estimate: the server read its clock halfway through the round trip. Of several
 * samples the one with the shortest round trip is the most precise. Samples whose receive
 * time lies before their send time are discarded (the client clock jumped).
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | null {
  let best: ClockOffset | null = null;
  for (const s of samples) {
    const roundTripMs = s.clientReceivedAt - s.clientSentAt;
    if (!Number.isFinite(roundTripMs) || roundTripMs < 0) continue;
    const offsetMs = Math.round(s.serverTime - (s.clientSentAt + roundTripMs / 2));
    if (best === null || roundTripMs < best.roundTripMs) best = { offsetMs, roundTripMs };
  }
  return best;
}

/** A server-authoritative timer: running since `startedAt` (server ms) or paused. */
export interface TimerState {
  /** Time box in ms. */
  durationMs: number;
  /** Time already elapsed before the current run (ms). */
  elapsedMs: number;
  /** Server time when the current run started; null while paused or not started. */
  startedAt: number | null;
}

export interface TimerReading {
  elapsedMs: number;
  remainingMs: number;
  overtime: boolean;
  running: boolean;
}

/** What a timer shows at server time `now`. Remaining time is negative when over time. */
export function readTimer(timer: TimerState, now: number): TimerReading {
  const running = timer.startedAt !== null;
  const current = running ? Math.max(0, now - (timer.startedAt as number)) : 0;
  const elapsedMs = timer.elapsedMs + current;
  const remainingMs = timer.durationMs - elapsedMs;
  return { elapsedMs, remainingMs, overtime: remainingMs < 0, running };
}

/** `mm:ss` (or `-mm:ss` over time) for a remaining time in ms, rounded towards zero seconds. */
export function formatCountdown(remainingMs: number): string {
  const negative = remainingMs < 0;
  const totalSeconds = Math.floor(Math.abs(remainingMs) / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${negative ? '-' : ''}${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
