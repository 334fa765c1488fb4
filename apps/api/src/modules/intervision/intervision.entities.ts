import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { IntervisionCaseStatus, IntervisionSection } from '@casustafel/contracts';
import { CaseEntity } from '../case-file/case.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * An intervision copy of a case: anonymised text only, with a fresh id and no column that
 * refers to the source case (issue 14 §3, "no route back"). The link lives in
 * `intervision_case_source`, which only the creator can read.
 */
@Entity({ name: 'intervision_case' })
@Index('IDX_intervision_case_team', ['teamId'])
export class IntervisionCaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intervision_case' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_intervision_case_team' })
  team?: TeamEntity;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: IntervisionCaseStatus;

  @Column({ type: 'jsonb' })
  sections!: IntervisionSection[];

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_intervision_case_created_by' })
  creator?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'released_by', foreignKeyConstraintName: 'FK_intervision_case_released_by' })
  releaser?: UserEntity;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}

/**
 * The creator-only link from a copy to its source case, with the recorded reason. Erasing the
 * case's household sets the link to null (the copy then has no source at all).
 */
@Entity({ name: 'intervision_case_source' })
@Index('IDX_intervision_case_source_case', ['caseId'])
export class IntervisionCaseSourceEntity {
  @PrimaryColumn('uuid', {
    name: 'intervision_case_id',
    primaryKeyConstraintName: 'PK_intervision_case_source',
  })
  intervisionCaseId!: string;

  @ManyToOne(() => IntervisionCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'intervision_case_id',
    foreignKeyConstraintName: 'FK_intervision_case_source_copy',
  })
  copy?: IntervisionCaseEntity;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_intervision_case_source_case' })
  sourceCase?: CaseEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const INTERVISION_ENTITIES = [IntervisionCaseEntity, IntervisionCaseSourceEntity];
