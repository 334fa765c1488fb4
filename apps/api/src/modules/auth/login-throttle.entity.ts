import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in counters per account and per source address, shared by every api instance.
 * Keys are hashes (`acct:<sha256(email)>`, `ip:<sha256(ip)>`): no e-mail or address is stored.
 */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 80, primaryKeyConstraintName: 'PK_login_throttle' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
