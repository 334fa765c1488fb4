import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Leaky buckets of sign-in attempts per account + address, per address and per second-factor
 * attempt, shared by every api instance. Keys are hashes (`acct:<sha256(email|ip)>`,
 * `ip:<sha256(ip)>`): no e-mail or address is stored. `level` drains continuously from
 * `updated_at` on (see `LoginThrottleService`).
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 80, primaryKeyConstraintName: 'PK_login_throttle' })
  key!: string;

  @Column({ type: 'double precision', default: 0 })
  level!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
