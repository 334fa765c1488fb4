import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ConferenceRole, ConferenceStatus, PlanEntryKind } from '@casustafel/domain';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * A familienetwerkberaad of a household. While it runs, its phase lives in its session on the
 * live engine (`session_id`, not a foreign key: the engine owns its tables); `status` is the
 * conference's own: voorbereiding → bezig (started) → afgerond (accepted).
 */
@Entity({ name: 'family_conference' })
@Index('IDX_family_conference_household', ['householdId'])
export class FamilyConferenceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_conference' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'FK_family_conference_organisation',
  })
  organisation?: OrganisationEntity;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_family_conference_household' })
  household?: HouseholdEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_family_conference_team' })
  team?: TeamEntity;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'varchar', length: 14 })
  status!: ConferenceStatus;

  @Column({ type: 'varchar', length: 500 })
  question!: string;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'varchar', length: 200 })
  place!: string;

  @Column({ name: 'coordinator_id', type: 'uuid' })
  coordinatorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'coordinator_id',
    foreignKeyConstraintName: 'FK_family_conference_coordinator',
  })
  coordinator?: UserEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_family_conference_created_by' })
  creator?: UserEntity;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_by', foreignKeyConstraintName: 'FK_family_conference_accepted_by' })
  acceptor?: UserEntity;

  /** Four weeks after acceptance: the coordinator calls the family. */
  @Column({ name: 'follow_up_on', type: 'date', nullable: true })
  followUpOn!: string | null;

  /** When the follow-up reminder went to the coordinator. */
  @Column({ name: 'follow_up_sent_at', type: 'timestamptz', nullable: true })
  followUpSentAt!: Date | null;

  /** When the follow-up was done (the coordinator or a professional records it). */
  @Column({ name: 'follow_up_done_at', type: 'timestamptz', nullable: true })
  followUpDoneAt!: Date | null;

  @Column({ name: 'follow_up_done_by', type: 'uuid', nullable: true })
  followUpDoneBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'follow_up_done_by',
    foreignKeyConstraintName: 'FK_family_conference_follow_up_by',
  })
  followUpAuthor?: UserEntity;

  /** How the plan is going, in a few words (no client data beyond what the plan holds). */
  @Column({ name: 'follow_up_note', type: 'varchar', length: 1000, default: '' })
  followUpNote!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * Someone in the conference: the coordinator and the professionals (staff accounts), and the
 * circle — family and network — drawn from the household and its ecogram, or added by hand.
 * A circle member gets an account of kind `conference` once invited.
 */
@Entity({ name: 'family_conference_participant' })
@Index('IDX_family_conference_participant_conference', ['conferenceId'])
export class ConferenceParticipantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_conference_participant' })
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => FamilyConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'conference_id',
    foreignKeyConstraintName: 'FK_family_conference_participant_conference',
  })
  conference?: FamilyConferenceEntity;

  @Column({ type: 'varchar', length: 12 })
  role!: ConferenceRole;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 80, default: '' })
  relation!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'user_id',
    foreignKeyConstraintName: 'FK_family_conference_participant_user',
  })
  user?: UserEntity;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'FK_family_conference_participant_person',
  })
  person?: PersonEntity;

  @Column({ name: 'network_person_id', type: 'uuid', nullable: true })
  networkPersonId!: string | null;

  @ManyToOne(() => NetworkPersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'network_person_id',
    foreignKeyConstraintName: 'FK_family_conference_participant_network_person',
  })
  networkPerson?: NetworkPersonEntity;

  /** A network member's consent to take part, given when signing in. */
  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt!: Date | null;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A circle member's access by link + one-time code (the shared rule of `auth/link-code.ts`):
 * both stored hashed only; the account it opens reaches this conference and nothing else.
 */
@Entity({ name: 'family_conference_invitation' })
@Index('UQ_family_conference_invitation_token', ['tokenHash'], { unique: true })
@Index('UQ_family_conference_invitation_participant', ['participantId'], { unique: true })
@Index('UQ_family_conference_invitation_user', ['userId'], { unique: true })
export class ConferenceInvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_conference_invitation' })
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => FamilyConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'conference_id',
    foreignKeyConstraintName: 'FK_family_conference_invitation_conference',
  })
  conference?: FamilyConferenceEntity;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => ConferenceParticipantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'participant_id',
    foreignKeyConstraintName: 'FK_family_conference_invitation_participant',
  })
  participant?: ConferenceParticipantEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_family_conference_invitation_user' })
  user?: UserEntity;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ name: 'code_attempts', type: 'integer', default: 0 })
  codeAttempts!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'signed_in_at', type: 'timestamptz', nullable: true })
  signedInAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A bottom line (safety condition) set by the professional, and its check at the presentation. */
@Entity({ name: 'family_conference_bottom_line' })
@Index('IDX_family_conference_bottom_line_conference', ['conferenceId'])
export class BottomLineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_family_conference_bottom_line' })
  id!: string;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => FamilyConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'conference_id',
    foreignKeyConstraintName: 'FK_family_conference_bottom_line_conference',
  })
  conference?: FamilyConferenceEntity;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 500 })
  text!: string;

  /** null: not checked yet. */
  @Column({ type: 'boolean', nullable: true })
  met!: boolean | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ name: 'checked_by', type: 'uuid', nullable: true })
  checkedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'checked_by',
    foreignKeyConstraintName: 'FK_family_conference_bottom_line_checked_by',
  })
  checker?: UserEntity;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One agreement of the familiegroepsplan, as stored in the plan's `entries`. */
export interface StoredPlanEntry {
  who: string;
  what: string;
  when: string;
  kind: PlanEntryKind;
  supportPlanItemId: string | null;
}

/** The familiegroepsplan: drafted by the family in besloten tijd, recorded by the coordinator. */
@Entity({ name: 'family_conference_plan' })
export class ConferencePlanEntity {
  @PrimaryColumn({
    name: 'conference_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_family_conference_plan',
  })
  conferenceId!: string;

  @ManyToOne(() => FamilyConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'conference_id',
    foreignKeyConstraintName: 'FK_family_conference_plan_conference',
  })
  conference?: FamilyConferenceEntity;

  @Column({ type: 'integer' })
  rev!: number;

  @Column({ type: 'jsonb' })
  entries!: StoredPlanEntry[];

  @Column({ name: 'family_lead', type: 'varchar', length: 120 })
  familyLead!: string;

  @Column({ type: 'varchar', length: 120 })
  monitor!: string;

  @Column({ name: 'evaluation_on', type: 'date', nullable: true })
  evaluationOn!: string | null;

  @Column({ name: 'if_different', type: 'text' })
  ifDifferent!: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'updated_by',
    foreignKeyConstraintName: 'FK_family_conference_plan_updated_by',
  })
  updater?: UserEntity;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const FAMILY_CONFERENCE_ENTITIES = [
  FamilyConferenceEntity,
  ConferenceParticipantEntity,
  ConferenceInvitationEntity,
  BottomLineEntity,
  ConferencePlanEntity,
];
