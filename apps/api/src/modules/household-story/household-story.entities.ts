import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HouseholdEntity } from '../case-file/household.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * A household's access to its own plan: the guest mechanism scoped to one household. The
 * family signs in as `family_user` (an account of kind `family`, no password, no team) with
 * the link token plus a one-time code; both are stored hashed only.
 */
@Entity({ name: 'family_invitation' })
@Index('IDX_family_invitation_household', ['householdId'])
@Index('UQ_family_invitation_token', ['tokenHash'], { unique: true })
@Index('UQ_family_invitation_user', ['familyUserId'], { unique: true })
export class FamilyInvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_invitation' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'FK_family_invitation_organisation',
  })
  organisation?: OrganisationEntity;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_family_invitation_household' })
  household?: HouseholdEntity;

  @Column({ name: 'family_user_id', type: 'uuid' })
  familyUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_user_id', foreignKeyConstraintName: 'FK_family_invitation_user' })
  familyUser?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** SHA-256 of the link token. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** SHA-256 of the invitation id and the current one-time code; null once used. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ name: 'code_attempts', type: 'integer', default: 0 })
  codeAttempts!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'signed_in_at', type: 'timestamptz', nullable: true })
  signedInAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * The family's agreement or disagreement with their plan, with a comment; kept as a history
 * (the newest counts). Once the household has a support plan, it names the version agreed to.
 */
@Entity({ name: 'family_agreement' })
@Index('IDX_family_agreement_household', ['householdId'])
export class FamilyAgreementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_agreement' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_family_agreement_household' })
  household?: HouseholdEntity;

  @Column({ name: 'invitation_id', type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => FamilyInvitationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'invitation_id',
    foreignKeyConstraintName: 'FK_family_agreement_invitation',
  })
  invitation?: FamilyInvitationEntity;

  @Column({ name: 'plan_version_id', type: 'uuid', nullable: true })
  planVersionId!: string | null;

  @Column({ type: 'boolean' })
  agrees!: boolean;

  @Column({ type: 'text' })
  comment!: string;

  /** SHA-256 of the B1 texts the family saw when they answered (which content they judged). */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const HOUSEHOLD_STORY_ENTITIES = [FamilyInvitationEntity, FamilyAgreementEntity];
