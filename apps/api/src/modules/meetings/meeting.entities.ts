import type { AgendaItemKind, AgendaItemStatus, LiveRoomState } from '@casustafel/domain';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { MeetingStatus } from '@casustafel/contracts';
import { TeamEntity } from '../identity/team.entity';

/** A recurring casuïstiekoverleg: the domain's series (RRULE, time zone, duration, exceptions). */
@Entity({ name: 'meeting_series' })
@Index('IDX_meeting_series_team', ['teamId'])
export class MeetingSeriesEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting_series' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_meeting_series_team' })
  team?: TeamEntity;

  @Column({ type: 'jsonb' })
  schedule!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One meeting, with its roles, its published flag and the live room's state. */
@Entity({ name: 'meeting' })
@Index('IDX_meeting_team_starts', ['teamId', 'startsAt'])
@Index('IDX_meeting_series', ['seriesId'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_meeting_team' })
  team?: TeamEntity;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => MeetingSeriesEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_meeting_series' })
  series?: MeetingSeriesEntity;

  @Column({ type: 'varchar', length: 30 })
  type!: 'casuistiekoverleg';

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes!: number;

  @Column({ name: 'chair_id', type: 'uuid' })
  chairId!: string;

  @Column({ name: 'timekeeper_id', type: 'uuid', nullable: true })
  timekeeperId!: string | null;

  @Column({ name: 'minute_taker_id', type: 'uuid', nullable: true })
  minuteTakerId!: string | null;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ type: 'varchar', length: 12 })
  status!: MeetingStatus;

  /** The live room's state after the last event (null before the first command). */
  @Column({ name: 'live_state', type: 'jsonb', nullable: true })
  liveState!: LiveRoomState | null;

  @Column({ type: 'int', default: 0 })
  seq!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** An item on a meeting's agenda. */
@Entity({ name: 'agenda_item' })
@Index('IDX_agenda_item_meeting', ['meetingId'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_agenda_item' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_agenda_item_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'varchar', length: 20 })
  kind!: AgendaItemKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'presenter_id', type: 'uuid' })
  presenterId!: string;

  @Column({ name: 'time_box_minutes', type: 'int' })
  timeBoxMinutes!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: AgendaItemStatus;

  @Column({ name: 'preparation_id', type: 'uuid', nullable: true })
  preparationId!: string | null;

  @Column({ name: 'carried_from_item_id', type: 'uuid', nullable: true })
  carriedFromItemId!: string | null;

  /**
   * Why a case is discussed although no valid consent or legal basis for the meeting (purpose
   * mdo) covered it when it was put on the agenda; null when the ledger covered it.
   */
  @Column({ name: 'consent_justification', type: 'text', nullable: true })
  consentJustification!: string | null;

  @Column({ name: 'consent_justified_by', type: 'uuid', nullable: true })
  consentJustifiedBy!: string | null;

  @Column({ name: 'consent_justified_at', type: 'timestamptz', nullable: true })
  consentJustifiedAt!: Date | null;
}

/** One event of a meeting's live room: the append-only log that replays to its state. */
@Entity({ name: 'meeting_event' })
@Unique('UQ_meeting_event_seq', ['meetingId', 'seq'])
@Unique('UQ_meeting_event_command', ['meetingId', 'commandId'])
export class MeetingEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_meeting_event' })
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_meeting_event_meeting' })
  meeting?: MeetingEntity;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** The whole domain event (payload, patch, seq, actor, at). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

export const MEETING_ENTITIES = [
  MeetingSeriesEntity,
  MeetingEntity,
  AgendaItemEntity,
  MeetingEventEntity,
];
