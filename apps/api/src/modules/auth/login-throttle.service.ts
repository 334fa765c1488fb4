import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GUEST_CODE_MAX_ATTEMPTS } from '@casustafel/contracts';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';

export interface BucketLimit {
  /** Attempts admitted in a burst (a full bucket refuses). */
  capacity: number;
  /** Attempts the bucket forgets per second. */
  leakPerSecond: number;
}

/**
 * Per kind of key: `acct` is one account from one address (six tries, then one per two
 * minutes); `ip` is one address for every account and guest link (much wider, so one
 * colleague's typos do not lock out an office behind one NAT address, yet password spraying
 * from one address is slowed to six tries a minute); `tfa` is one account's second factor;
 * `link` is one guest invitation link (as many tries as its code allows).
 */
export const THROTTLE_LIMITS = {
  acct: { capacity: 6, leakPerSecond: 1 / 120 },
  ip: { capacity: 60, leakPerSecond: 1 / 10 },
  tfa: { capacity: 6, leakPerSecond: 1 / 120 },
  link: { capacity: GUEST_CODE_MAX_ATTEMPTS, leakPerSecond: 1 / 120 },
} as const satisfies Record<string, BucketLimit>;

export type ThrottleKind = keyof typeof THROTTLE_LIMITS;

/**
 * A refused attempt still fills the bucket, up to this many times its capacity: whoever keeps
 * knocking waits longer (at most `capacity × (factor − 1) + 1` leak periods).
 */
const OVERFLOW_FACTOR = 2;

/**
 * Leaky-bucket throttling of sign-in attempts, in the database so every api instance enforces
 * the same limits. An attempt is admitted *before* the credentials are checked, by one atomic
 * statement per key (insert or drain-and-increment, returning the new level): concurrent
 * attempts can never all pass, as a read-then-write counter let them. A failed attempt stays
 * counted; a successful one clears the account's bucket and gives the address its attempt back.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  key(kind: ThrottleKind, value: string): string {
    return `${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 40)}`;
  }

  /** The buckets of a password sign-in: this account from this address, and this address. */
  loginKeys(email: string, ip: string | null): string[] {
    if (!ip) return [this.key('acct', email)];
    return [this.key('acct', `${email}|${ip}`), this.key('ip', ip)];
  }

  /**
   * Takes one attempt from each bucket in order; throws RATE_LIMITED (with retry-after) at the
   * first full one. Call before checking anything the caller guesses.
   */
  async admit(keys: readonly string[]): Promise<void> {
    const now = this.clock.now();
    for (const key of keys) {
      const limit = THROTTLE_LIMITS[kindOf(key)];
      const ceiling = limit.capacity * OVERFLOW_FACTOR;
      const rows = (await this.dataSource.query(
        `INSERT INTO "login_throttle" AS t ("key", "level", "updated_at") VALUES ($1, 1, $2)
         ON CONFLICT ("key") DO UPDATE SET
           "level" = LEAST(
             GREATEST(0, t."level" - GREATEST(0, EXTRACT(EPOCH FROM ($2::timestamptz - t."updated_at")))::double precision * $3::double precision) + 1,
             $4::double precision),
           "updated_at" = GREATEST(t."updated_at", $2::timestamptz)
         RETURNING "level"`,
        [key, now, limit.leakPerSecond, ceiling],
      )) as { level: number | string }[];
      const level = Number(rows[0]?.level ?? ceiling);
      // (A hair of slack: the level is a float that drains in fractions.)
      if (level > limit.capacity + 1e-6) {
        // Admitted again once the level has drained to capacity - 1 (the next attempt adds one).
        const wait = (level - (limit.capacity - 1)) / limit.leakPerSecond;
        throw new DomainError(
          'RATE_LIMITED',
          'Too many failed attempts; try again later',
          undefined,
          Math.max(1, Math.ceil(wait)),
        );
      }
    }
  }

  /**
   * The attempt succeeded: the account's (and second factor's) bucket is emptied, the
   * address gets its attempt back (a busy office signing in is not a brute force).
   */
  async succeeded(keys: readonly string[]): Promise<void> {
    const personal = keys.filter((key) => kindOf(key) !== 'ip');
    const shared = keys.filter((key) => kindOf(key) === 'ip');
    if (personal.length > 0)
      await this.dataSource.query('DELETE FROM "login_throttle" WHERE "key" = ANY($1)', [personal]);
    if (shared.length > 0)
      await this.dataSource.query(
        'UPDATE "login_throttle" SET "level" = GREATEST(0, "level" - 1) WHERE "key" = ANY($1)',
        [shared],
      );
  }
}

function kindOf(key: string): ThrottleKind {
  const kind = key.slice(0, key.indexOf(':'));
  if (!Object.hasOwn(THROTTLE_LIMITS, kind)) throw new Error(`Unknown throttle key kind ${kind}`);
  return kind as ThrottleKind;
}
