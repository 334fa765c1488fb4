import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgendaItemEntity } from '../meetings/meeting.entities';

/**
 * One stored Yjs update of an agenda item's note (appended in batches; several updates of one
 * item in a batch are merged into one row). Compaction folds them into `note_snapshot`.
 */
@Entity({ name: 'note_update' })
@Index('IDX_note_update_item_seq', ['itemId', 'seq'])
export class NoteUpdateEntity {
  /** Global order of appends (Yjs updates commute; the order only helps compaction). */
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'PK_note_update',
  })
  seq!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_note_update_item' })
  item?: AgendaItemEntity;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The compacted state of an item's note: every update up to `lastSeq`, merged. */
@Entity({ name: 'note_snapshot' })
export class NoteSnapshotEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'PK_note_snapshot' })
  itemId!: string;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_note_snapshot_item' })
  item?: AgendaItemEntity;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const NOTE_ENTITIES = [NoteUpdateEntity, NoteSnapshotEntity];
