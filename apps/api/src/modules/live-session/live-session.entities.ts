import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A live session of a kind other than the case meeting (which keeps its room on the meeting
 * row): keyed by kind + id, with its room state (small: the phase and the contributions) and
 * its seq. The events table is the replay log, as for meetings.
 */
@Entity({ name: 'live_session' })
export class LiveSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_live_session' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  /** The team whose members may be given a role in it. */
  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  @Column({ type: 'int', default: 0 })
  seq!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Who takes part in a session, in which of its kind's roles. */
@Entity({ name: 'live_session_member' })
export class LiveSessionMemberEntity {
  @PrimaryColumn({
    name: 'session_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_live_session_member',
  })
  sessionId!: string;

  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_live_session_member',
  })
  userId!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: string;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_live_session_member_session' })
  session?: LiveSessionEntity;
}

/** One event of a session: the append-only replay log; unique by session and command id. */
@Entity({ name: 'live_session_event' })
@Unique('UQ_live_session_event_seq', ['sessionId', 'seq'])
@Unique('UQ_live_session_event_command', ['sessionId', 'commandId'])
export class LiveSessionEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_live_session_event' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_live_session_event_session' })
  session?: LiveSessionEntity;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** The whole event, as the server decided it (projections are made when sending). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

export const LIVE_SESSION_ENTITIES = [
  LiveSessionEntity,
  LiveSessionMemberEntity,
  LiveSessionEventEntity,
];
