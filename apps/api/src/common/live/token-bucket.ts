/**
 * A token bucket: `burst` tokens, refilled at `perSecond`; each event takes one. Used per socket
 * (DESIGN.md "Limits: per-socket rate"), so one misbehaving client cannot flood a room or the
 * database while normal typing (a few updates a second plus cursors) never notices it.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token if there is one; false when the caller is over the rate. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
