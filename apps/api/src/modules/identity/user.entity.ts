import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Discipline } from '@casustafel/contracts';
import { OrganisationEntity } from './organisation.entity';

/** A professional's account. Secrets are stored hashed (password, activation token) or sealed (TOTP). */
@Entity({ name: 'app_user' })
@Index('UQ_app_user_email', ['email'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_app_user' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_app_user_organisation' })
  organisation?: OrganisationEntity;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 40 })
  discipline!: Discipline;

  /**
   * `staff`: a professional of the organisation; `guest`: an invited external specialist (no
   * password, no team); `family`: a household member with a link + code to their own plan;
   * `conference`: a family or network member with a link + code to one family conference.
   */
  @Column({ type: 'varchar', length: 10, default: 'staff' })
  kind!: 'staff' | 'guest' | 'family' | 'conference';

  /** Organisation administrator: manages teams and accounts, reads no client data by that role. */
  @Column({ name: 'org_admin', type: 'boolean', default: false })
  orgAdmin!: boolean;

  /** argon2id; null until the account is activated (or for SSO-only accounts). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /** TOTP secret sealed with the SecretBox; null when no second factor is enrolled. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 255, nullable: true })
  totpSecret!: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt!: Date | null;

  /** Last accepted TOTP time step: a code is accepted once (replay protection). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  /** SHA-256 of the pending activation (invitation) token; null once activated. */
  @Column({ name: 'activation_token_hash', type: 'varchar', length: 64, nullable: true })
  activationTokenHash!: string | null;

  @Column({ name: 'activation_expires_at', type: 'timestamptz', nullable: true })
  activationExpiresAt!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * The sign-in columns of a new account: no organisation admin, no password, no second factor,
 * no activation pending, not disabled, never signed in. Spread first into
 * `create(UserEntity, …)`; what the new account has differently follows it.
 */
export const NEW_ACCOUNT: Pick<
  UserEntity,
  | 'orgAdmin'
  | 'passwordHash'
  | 'totpSecret'
  | 'totpEnabledAt'
  | 'totpLastStep'
  | 'activationTokenHash'
  | 'activationExpiresAt'
  | 'disabledAt'
  | 'lastLoginAt'
> = {
  orgAdmin: false,
  passwordHash: null,
  totpSecret: null,
  totpEnabledAt: null,
  totpLastStep: null,
  activationTokenHash: null,
  activationExpiresAt: null,
  disabledAt: null,
  lastLoginAt: null,
};
