import type {
  AgreementMethod,
  CostCategory,
  PlanGoalStatus,
  PlanItemSourceKind,
  PlanItemStatus,
  PlanItemType,
  PlanSnapshot,
  PlanVariant,
} from '@casustafel/domain';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { HouseholdEntity } from '../case-file/household.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { DecisionEntity } from '../meeting-records/meeting-records.entities';

/**
 * One support plan per household (1Gezin1Plan1Regisseur). The plan row holds the sections
 * (`basis`: variant, regisseur, evaluation date; `krachten`; `zorgen`), each with its own
 * revision, and `version`, the number of the latest version (every change makes one).
 */
@Entity({ name: 'support_plan' })
@Unique('UQ_support_plan_household', ['householdId'])
@Index('IDX_support_plan_team', ['teamId'])
export class SupportPlanEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_support_plan' })
  id!: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'FK_support_plan_household' })
  household?: HouseholdEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_support_plan_team' })
  team?: TeamEntity;

  @Column({ type: 'varchar', length: 10 })
  variant!: PlanVariant;

  @Column({ name: 'casusregisseur_id', type: 'uuid', nullable: true })
  casusregisseurId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'casusregisseur_id', foreignKeyConstraintName: 'FK_support_plan_regisseur' })
  casusregisseur?: UserEntity;

  @Column({ name: 'evaluation_date', type: 'date', nullable: true })
  evaluationDate!: string | null;

  @Column({ name: 'last_evaluated_on', type: 'date', nullable: true })
  lastEvaluatedOn!: string | null;

  @Column({ type: 'text' })
  krachten!: string;

  @Column({ type: 'text' })
  zorgen!: string;

  @Column({ name: 'basis_rev', type: 'int' })
  basisRev!: number;

  @Column({ name: 'krachten_rev', type: 'int' })
  krachtenRev!: number;

  @Column({ name: 'zorgen_rev', type: 'int' })
  zorgenRev!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A goal on one ZRM domain, with its score when set (the latest comes from the case's ZRM). */
@Entity({ name: 'support_plan_goal' })
@Index('IDX_support_plan_goal_plan', ['planId'])
export class SupportPlanGoalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_support_plan_goal' })
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => SupportPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_goal_plan' })
  plan?: SupportPlanEntity;

  @Column({ name: 'zrm_domain', type: 'varchar', length: 40 })
  zrmDomain!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'evaluation_date', type: 'date', nullable: true })
  evaluationDate!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanGoalStatus;

  @Column({ name: 'baseline_score', type: 'smallint', nullable: true })
  baselineScore!: number | null;

  @Column({ type: 'int' })
  rev!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** An arrangement item: who does what when, at what cost, and where it came from. */
@Entity({ name: 'support_plan_item' })
@Index('IDX_support_plan_item_plan', ['planId'])
@Index('IDX_support_plan_item_decision', ['decisionId'])
export class SupportPlanItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_support_plan_item' })
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => SupportPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_item_plan' })
  plan?: SupportPlanEntity;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId!: string | null;

  @ManyToOne(() => SupportPlanGoalEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'FK_support_plan_item_goal' })
  goal?: SupportPlanGoalEntity;

  @Column({ type: 'varchar', length: 24 })
  type!: PlanItemType;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 120 })
  owner!: string;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'varchar', length: 12 })
  status!: PlanItemStatus;

  @Column({
    name: 'cost_cents',
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | number | null) => (v === null ? null : Number(v)),
    },
  })
  costCents!: number | null;

  @Column({ name: 'cost_category', type: 'varchar', length: 8, nullable: true })
  costCategory!: CostCategory | null;

  @Column({ name: 'source_kind', type: 'varchar', length: 12 })
  sourceKind!: PlanItemSourceKind;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @ManyToOne(() => DecisionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'FK_support_plan_item_decision' })
  decision?: DecisionEntity;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_support_plan_item_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'FK_support_plan_item_agenda' })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'int' })
  rev!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every change makes a version: who, when, what kind of change, and the whole plan after it. */
@Entity({ name: 'support_plan_version' })
@Unique('UQ_support_plan_version_number', ['planId', 'number'])
export class SupportPlanVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_support_plan_version' })
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => SupportPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_version_plan' })
  plan?: SupportPlanEntity;

  @Column({ type: 'int' })
  number!: number;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_support_plan_version_author' })
  author?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  change!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject!: string | null;

  @Column({ type: 'jsonb' })
  snapshot!: PlanSnapshot;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The family's agreement (or not) with one version: when, how, by whom, with a comment. */
@Entity({ name: 'support_plan_agreement' })
@Index('IDX_support_plan_agreement_plan', ['planId'])
export class SupportPlanAgreementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_support_plan_agreement' })
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @ManyToOne(() => SupportPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_agreement_plan' })
  plan?: SupportPlanEntity;

  @Column({ name: 'version_number', type: 'int' })
  versionNumber!: number;

  @Column({ name: 'agreed_on', type: 'date' })
  agreedOn!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: AgreementMethod;

  @Column({ name: 'by_name', type: 'varchar', length: 120 })
  byName!: string;

  @Column({ type: 'boolean' })
  agreed!: boolean;

  @Column({ type: 'text' })
  comment!: string;

  /** The professional who recorded it; null when the family recorded it themselves. */
  @Column({ name: 'recorded_by_id', type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'FK_support_plan_agreement_by' })
  recordedBy?: UserEntity;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

export const SUPPORT_PLAN_ENTITIES = [
  SupportPlanEntity,
  SupportPlanGoalEntity,
  SupportPlanItemEntity,
  SupportPlanVersionEntity,
  SupportPlanAgreementEntity,
];
