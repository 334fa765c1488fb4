import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { TeamRole } from '@casustafel/contracts';
import { TeamEntity } from './team.entity';
import { UserEntity } from './user.entity';

/** A user's place in a team, with one or more roles. */
@Entity({ name: 'membership' })
@Index('UQ_membership_team_user', ['teamId', 'userId'], { unique: true })
@Index('IDX_membership_user', ['userId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_membership' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'FK_membership_team' })
  team?: TeamEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_membership_user' })
  user?: UserEntity;

  @Column({ type: 'text', array: true })
  roles!: TeamRole[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
