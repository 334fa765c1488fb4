import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MeldcodeRecord, PreparationStatus, ZrmVersion } from '@casustafel/domain';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import type { CaseStatus, InvolvedProfessional } from './case-file.types';
import { HouseholdEntity } from './household.entity';

/** A case (casus) of a household, led by a casusregisseur. Table `client_case`: `case` is SQL. */
@Entity({ name: 'client_case' })
@Index('IDX_client_case_team', ['teamId'])
@Index('IDX_client_case_household', ['householdId'])
@Index('IDX_client_case_casusregisseur', ['casusregisseurId'])
@Index('IDX_client_case_procesregisseur', ['procesregisseurId'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_client_case' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_client_case_team' })
  team?: TeamEntity;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_client_case_household' })
  household?: HouseholdEntity;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'casusregisseur_id', type: 'uuid' })
  casusregisseurId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'casusregisseur_id',
    foreignKeyConstraintName: 'FK_client_case_casusregisseur',
  })
  casusregisseur?: UserEntity;

  @Column({ name: 'procesregisseur_id', type: 'uuid', nullable: true })
  procesregisseurId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'procesregisseur_id',
    foreignKeyConstraintName: 'FK_client_case_procesregisseur',
  })
  procesregisseur?: UserEntity;

  /** When the current casusregisseur was assigned; null for cases from before this was kept. */
  @Column({ name: 'casusregisseur_since', type: 'timestamptz', nullable: true })
  casusregisseurSince!: Date | null;

  /** Who assigned the current casusregisseur (a user id, no foreign key: accounts come and go). */
  @Column({ name: 'casusregisseur_assigned_by', type: 'uuid', nullable: true })
  casusregisseurAssignedBy!: string | null;

  @Column({ name: 'procesregisseur_since', type: 'timestamptz', nullable: true })
  procesregisseurSince!: Date | null;

  @Column({ name: 'procesregisseur_assigned_by', type: 'uuid', nullable: true })
  procesregisseurAssignedBy!: string | null;

  @Column({ type: 'jsonb' })
  involved!: InvolvedProfessional[];

  /** The current status (the last entry of the status history). */
  @Column({ type: 'varchar', length: 30 })
  status!: CaseStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every status transition with its time and user (lead times are computed from these). */
@Entity({ name: 'case_status_change' })
@Index('IDX_case_status_change_case', ['caseId'])
// Management information: transitions of one kind in a period (new and closed cases).
@Index('IDX_case_status_change_status_at', ['status', 'at'])
export class CaseStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_case_status_change' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_status_change_case' })
  case?: CaseEntity;

  @Column({ type: 'varchar', length: 30 })
  status!: CaseStatus;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_user_id', foreignKeyConstraintName: 'FK_case_status_change_user' })
  byUser?: UserEntity;
}

/** A ZRM assessment: a snapshot of one moment, scored by a trained professional. */
@Entity({ name: 'zrm_assessment' })
@Index('IDX_zrm_assessment_case', ['caseId'])
export class ZrmAssessmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_zrm_assessment' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_zrm_assessment_case' })
  case?: CaseEntity;

  @Column({ type: 'varchar', length: 4 })
  version!: ZrmVersion;

  @Column({ name: 'assessed_at', type: 'date' })
  assessedAt!: string;

  @Column({ name: 'assessor_id', type: 'uuid' })
  assessorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'FK_zrm_assessment_assessor' })
  assessor?: UserEntity;

  @Column({ type: 'jsonb' })
  domains!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  zwaartefactoren!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A guided Meldcode record (the domain's state machine, stored whole). One open per case. */
@Entity({ name: 'meldcode_record' })
@Index('IDX_meldcode_record_case', ['caseId'])
@Index('UQ_meldcode_record_open_case', ['caseId'], { unique: true, where: '"closed_at" IS NULL' })
export class MeldcodeRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meldcode_record' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_meldcode_record_case' })
  case?: CaseEntity;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by', foreignKeyConstraintName: 'FK_meldcode_record_opened_by' })
  opener?: UserEntity;

  @Column({ type: 'jsonb' })
  state!: MeldcodeRecord;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A casusvoorbereiding for a case meeting. */
@Entity({ name: 'preparation' })
@Index('IDX_preparation_case', ['caseId'])
export class PreparationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_preparation' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_preparation_case' })
  case?: CaseEntity;

  @Column({ type: 'varchar', length: 10 })
  status!: PreparationStatus;

  @Column({ name: 'meeting_date', type: 'date', nullable: true })
  meetingDate!: string | null;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_preparation_author' })
  author?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt!: Date | null;
}

/** A colleague's comment on a preparation, before the meeting. */
@Entity({ name: 'preparation_comment' })
@Index('IDX_preparation_comment_preparation', ['preparationId'])
export class PreparationCommentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_preparation_comment' })
  id!: string;

  @Column({ name: 'preparation_id', type: 'uuid' })
  preparationId!: string;

  @ManyToOne(() => PreparationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'preparation_id',
    foreignKeyConstraintName: 'FK_preparation_comment_preparation',
  })
  preparation?: PreparationEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_preparation_comment_author' })
  author?: UserEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
