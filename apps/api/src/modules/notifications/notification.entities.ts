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
import type { NotificationKind, NotificationParams } from '@casustafel/contracts';
import { UserEntity } from '../identity/user.entity';

/** One notification for one user: a kind and safe parameters (ids, dates, a team's name). */
@Entity({ name: 'notification' })
@Unique('UQ_notification_dedup', ['userId', 'dedupKey'])
@Index('IDX_notification_user_created', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notification' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 30 })
  kind!: NotificationKind;

  @Column({ type: 'jsonb' })
  params!: NotificationParams;

  /** What makes it unique per user (`action-due:<id>:<date>`): a producer running twice adds nothing. */
  @Column({ name: 'dedup_key', type: 'varchar', length: 200 })
  dedupKey!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;
}

/** A user's notification choices; no row = the defaults. */
@Entity({ name: 'notification_preference' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_notification_preference',
  })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_preference_user' })
  user?: UserEntity;

  @Column({ name: 'email_kinds', type: 'jsonb' })
  emailKinds!: NotificationKind[];

  @Column({ type: 'varchar', length: 2 })
  language!: 'nl' | 'en';

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const NOTIFICATION_ENTITIES = [NotificationEntity, NotificationPreferenceEntity];
