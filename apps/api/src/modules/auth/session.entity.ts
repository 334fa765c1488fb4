import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../identity/user.entity';

export type SessionEndReason =
  | 'logout'
  | 'idle'
  | 'expired'
  | 'rotated'
  | 'disabled'
  | 'admin'
  | 'second-factor-reset'
  | 'guest-revoked';

/**
 * A server-side browser session. The browser holds only an opaque random token in an HttpOnly
 * cookie; the database holds its SHA-256, so a database leak yields no usable session.
 */
@Entity({ name: 'session' })
@Index('UQ_session_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_session_user', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_session' })
  id!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_session_user' })
  user?: UserEntity;

  @Column({ name: 'auth_method', type: 'varchar', length: 20 })
  /** `guest-code`: an invited guest's link plus one-time code. */
  authMethod!: 'password' | 'oidc' | 'activation' | 'guest-code';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'absolute_expires_at', type: 'timestamptz' })
  absoluteExpiresAt!: Date;

  /** When the second factor was passed (or waived in demo mode); null = not yet. */
  @Column({ name: 'second_factor_at', type: 'timestamptz', nullable: true })
  secondFactorAt!: Date | null;

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp!: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 30, nullable: true })
  endReason!: SessionEndReason | null;
}
