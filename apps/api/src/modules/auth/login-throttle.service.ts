import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { LoginThrottleEntity } from './login-throttle.entity';

/** Failures allowed before back-off starts, per kind of key. */
const FREE_FAILURES = { acct: 5, ip: 20, tfa: 5 } as const;
const BASE_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 15 * 60;

export type ThrottleKind = keyof typeof FREE_FAILURES;

/**
 * Exponential back-off on failed sign-ins per account, per source address and per second-factor
 * attempt, in the database so every api instance enforces the same limits. After the free
 * failures each further failure doubles the wait (5 s, 10 s, 20 s … at most 15 minutes).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottleEntity)
    private readonly throttles: Repository<LoginThrottleEntity>,
    private readonly clock: Clock,
  ) {}

  key(kind: ThrottleKind, value: string): string {
    return `${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 40)}`;
  }

  /** Throws RATE_LIMITED (with retry-after) while any of the keys is blocked. */
  async assertAllowed(keys: string[]): Promise<void> {
    const rows = await this.throttles.findBy({ key: In(keys) });
    const now = this.clock.now().getTime();
    const blockedUntil = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
    if (blockedUntil > now) {
      throw new DomainError(
        'RATE_LIMITED',
        'Too many failed attempts; try again later',
        undefined,
        Math.ceil((blockedUntil - now) / 1000),
      );
    }
  }

  async recordFailure(keys: string[]): Promise<void> {
    const now = this.clock.now();
    for (const key of keys) {
      const kind = key.split(':')[0] as ThrottleKind;
      const row =
        (await this.throttles.findOneBy({ key })) ??
        this.throttles.create({ key, failures: 0, blockedUntil: null });
      row.failures += 1;
      row.updatedAt = now;
      const over = row.failures - FREE_FAILURES[kind];
      row.blockedUntil =
        over > 0
          ? new Date(
              now.getTime() +
                Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (over - 1)) * 1000,
            )
          : null;
      await this.throttles.save(row);
    }
  }

  async reset(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.throttles.delete({ key: In(keys) });
  }
}
