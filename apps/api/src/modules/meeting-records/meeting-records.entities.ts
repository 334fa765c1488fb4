import type {
  ActionStatus,
  DecisionType,
  MinutesDocument,
  MinutesStatus,
} from '@casustafel/domain';
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
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';

/** A decision on an agenda item. `commandId` makes a retried command idempotent. */
@Entity({ name: 'meeting_decision' })
@Unique('UQ_meeting_decision_command', ['meetingId', 'commandId'])
@Index('IDX_meeting_decision_item', ['agendaItemId'])
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting_decision' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_decision_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'FK_meeting_decision_item' })
  agendaItem?: AgendaItemEntity;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: DecisionType;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  rationale!: string;

  @Column({ name: 'decided_by_id', type: 'uuid' })
  decidedById!: string;

  @Column({ name: 'recorded_by_id', type: 'uuid' })
  recordedById!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}

/** An action on an agenda item: owner, due date, status. */
@Entity({ name: 'meeting_action' })
@Unique('UQ_meeting_action_command', ['meetingId', 'commandId'])
@Index('IDX_meeting_action_item', ['agendaItemId'])
@Index('IDX_meeting_action_owner', ['ownerId', 'status'])
@Index('IDX_meeting_action_team', ['teamId', 'status'])
// Management information: a team's actions due in a period.
@Index('IDX_meeting_action_team_due', ['teamId', 'due'])
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting_action' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_action_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'FK_meeting_action_item' })
  agendaItem?: AgendaItemEntity;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @ManyToOne(() => DecisionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'FK_meeting_action_decision' })
  decision?: DecisionEntity;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'date' })
  due!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ActionStatus;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A status change of an action, keyed by its command (idempotent retries). */
@Entity({ name: 'meeting_action_update' })
@Unique('UQ_meeting_action_update_command', ['meetingId', 'commandId'])
// When an action was done (management information: actions done by their due date).
@Index('IDX_meeting_action_update_action', ['actionId', 'status'])
export class ActionUpdateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting_action_update' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_action_update_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId!: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'FK_meeting_action_update_action' })
  action?: ActionEntity;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: ActionStatus;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

/** Open actions put on a next meeting's `opvolging-acties` item when the previous one closed. */
@Entity({ name: 'follow_up_action' })
export class FollowUpActionEntity {
  @PrimaryColumn({
    name: 'agenda_item_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_follow_up_action',
  })
  agendaItemId!: string;

  @PrimaryColumn({
    name: 'action_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_follow_up_action',
  })
  actionId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'FK_follow_up_action_item' })
  agendaItem?: AgendaItemEntity;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'FK_follow_up_action_action' })
  action?: ActionEntity;
}

/** Who joined the meeting's live room (attendance for the minutes). */
@Entity({ name: 'meeting_attendance' })
export class AttendanceEntity {
  @PrimaryColumn({
    name: 'meeting_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_meeting_attendance',
  })
  meetingId!: string;

  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_meeting_attendance',
  })
  userId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_attendance_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'first_joined_at', type: 'timestamptz' })
  firstJoinedAt!: Date;
}

/** The minutes of a meeting: a draft, then approved and locked. */
@Entity({ name: 'meeting_minutes' })
export class MinutesEntity {
  @PrimaryColumn({
    name: 'meeting_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_meeting_minutes',
  })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_minutes_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'varchar', length: 10 })
  status!: MinutesStatus;

  @Column({ type: 'jsonb' })
  document!: MinutesDocument;

  @Column({ name: 'generated_by_id', type: 'uuid' })
  generatedById!: string;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true })
  approvedById!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const MEETING_RECORD_ENTITIES = [
  DecisionEntity,
  ActionEntity,
  ActionUpdateEntity,
  FollowUpActionEntity,
  AttendanceEntity,
  MinutesEntity,
];
