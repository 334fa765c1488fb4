import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { IntervisionMethod } from '@casustafel/domain';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { LiveSessionEntity } from '../live-session/live-session.entities';
import { IntervisionCaseEntity } from './intervision.entities';

/**
 * An intervision session (issue 14 §2): a live session (same id) run with a method on a
 * released intervision copy. It names the copy, never the source case. The method is stored
 * whole (a trainer's adapted copy has no other home), and `kind` is the session kind made from
 * it, by which any api instance finds the method again.
 */
@Entity({ name: 'intervision_session' })
@Index('IDX_intervision_session_kind', ['kind'])
@Index('IDX_intervision_session_team', ['teamId'])
export class IntervisionSessionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_intervision_session' })
  id!: string;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'FK_intervision_session_live' })
  live?: LiveSessionEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_intervision_session_team' })
  team?: TeamEntity;

  @Column({ name: 'intervision_case_id', type: 'uuid' })
  intervisionCaseId!: string;

  @ManyToOne(() => IntervisionCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'intervision_case_id',
    foreignKeyConstraintName: 'FK_intervision_session_copy',
  })
  copy?: IntervisionCaseEntity;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'jsonb' })
  method!: IntervisionMethod;

  @Column({ name: 'trainer_id', type: 'uuid' })
  trainerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainer_id', foreignKeyConstraintName: 'FK_intervision_session_trainer' })
  trainer?: UserEntity;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}

/**
 * One participant's attendance of an ended session, for accreditation: written once when the
 * trainer ends it, and kept as written (method and trainer as they were named that day).
 */
@Entity({ name: 'intervision_attendance' })
@Unique('UQ_intervision_attendance_session_user', ['sessionId', 'userId'])
@Index('IDX_intervision_attendance_user', ['userId'])
export class IntervisionAttendanceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_intervision_attendance' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => IntervisionSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_intervision_attendance_session' })
  session?: IntervisionSessionEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_intervision_attendance_user' })
  user?: UserEntity;

  @Column({ name: 'participant_name', type: 'varchar', length: 200 })
  participantName!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: string;

  /** The day of the session (Europe/Amsterdam), YYYY-MM-DD. */
  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ type: 'int' })
  minutes!: number;

  @Column({ name: 'method_id', type: 'varchar', length: 80 })
  methodId!: string;

  @Column({ name: 'method_version', type: 'int' })
  methodVersion!: number;

  @Column({ name: 'method_name', type: 'varchar', length: 120 })
  methodName!: string;

  @Column({ name: 'trainer_id', type: 'uuid' })
  trainerId!: string;

  @Column({ name: 'trainer_name', type: 'varchar', length: 200 })
  trainerName!: string;
}

export const INTERVISION_SESSION_ENTITIES = [IntervisionSessionEntity, IntervisionAttendanceEntity];
