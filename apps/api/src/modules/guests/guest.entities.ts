import type { Discipline, GuestItemBasis } from '@casustafel/contracts';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';

/**
 * An external specialist invited to agenda items of one meeting. The guest signs in as the
 * `guest_user` (an account of kind `guest`, no password, no team) with the link token plus a
 * one-time code; both are stored hashed only.
 */
@Entity({ name: 'guest_invitation' })
@Index('IDX_guest_invitation_meeting', ['meetingId'])
@Index('UQ_guest_invitation_token', ['tokenHash'], { unique: true })
@Index('UQ_guest_invitation_user', ['guestUserId'], { unique: true })
export class GuestInvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_guest_invitation' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'FK_guest_invitation_organisation',
  })
  organisation?: OrganisationEntity;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'FK_guest_invitation_meeting' })
  meeting?: MeetingEntity;

  @Column({ name: 'guest_user_id', type: 'uuid' })
  guestUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'guest_user_id', foreignKeyConstraintName: 'FK_guest_invitation_user' })
  guestUser?: UserEntity;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Lower-cased; where the one-time code is sent when mail is configured. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 40 })
  discipline!: Discipline;

  @Column({ name: 'organisation_name', type: 'varchar', length: 120 })
  organisationName!: string;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  /** SHA-256 of the link token. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  /** SHA-256 of the invitation id and the current one-time code; null once used. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ name: 'code_attempts', type: 'integer', default: 0 })
  codeAttempts!: number;

  @Column({ type: 'varchar', length: 12 })
  delivery!: 'e-mail' | 'uitnodiger';

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'signed_in_at', type: 'timestamptz', nullable: true })
  signedInAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One invited agenda item, with what grounds sharing it with this guest. */
@Entity({ name: 'guest_invitation_item' })
@Index('IDX_guest_invitation_item_item', ['agendaItemId'])
export class GuestInvitationItemEntity {
  @PrimaryColumn({
    name: 'invitation_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_guest_invitation_item',
  })
  invitationId!: string;

  @ManyToOne(() => GuestInvitationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'invitation_id',
    foreignKeyConstraintName: 'FK_guest_invitation_item_invitation',
  })
  invitation?: GuestInvitationEntity;

  @PrimaryColumn({
    name: 'agenda_item_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_guest_invitation_item',
  })
  agendaItemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'agenda_item_id',
    foreignKeyConstraintName: 'FK_guest_invitation_item_item',
  })
  agendaItem?: AgendaItemEntity;

  @Column({ type: 'varchar', length: 30 })
  basis!: GuestItemBasis;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;
}

export const GUEST_ENTITIES = [GuestInvitationEntity, GuestInvitationItemEntity];
