import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import type { Clock } from '../../common/time/clock';
import { buildNoteDoc } from './note-doc';
import { NoteSnapshotEntity, NoteUpdateEntity } from './note.entities';

/**
 * Folds the stored updates of a note into its snapshot and deletes them, in one
 * transaction, under a row lock on the agenda item (one compactor per note at a time).
 * The snapshot is the state of a garbage-collecting doc: deleted text is gone from it (a BSN
 * typed and deleted is not kept), and parts that cannot be applied are left out. `rewrite`
 * also rewrites a snapshot without new rows. Returns how many update rows were folded.
 */
export function compactNote(
  manager: EntityManager,
  itemId: string,
  rewrite: boolean,
  clock: Clock,
): Promise<number> {
  return manager.transaction(async (tx: EntityManager) => {
    const locked = (await tx.query('SELECT "id" FROM "agenda_item" WHERE "id" = $1 FOR UPDATE', [
      itemId,
    ])) as unknown[];
    if (locked.length === 0) return 0;
    const rows = await tx.find(NoteUpdateEntity, { where: { itemId }, order: { seq: 'ASC' } });
    const snapshot = await tx.findOneBy(NoteSnapshotEntity, { itemId });
    if (rows.length === 0 && !(rewrite && snapshot)) return 0;
    const parts = [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.bytes)];
    const { doc } = buildNoteDoc(parts.map((part) => new Uint8Array(part)));
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const lastSeq = rows.reduce(
      (max, r) => (BigInt(r.seq) > max ? BigInt(r.seq) : max),
      BigInt(snapshot?.lastSeq ?? 0),
    );
    await tx.upsert(
      NoteSnapshotEntity,
      { itemId, state, lastSeq: lastSeq.toString(), updatedAt: clock.now() },
      ['itemId'],
    );
    await tx.query('DELETE FROM "note_update" WHERE "item_id" = $1 AND "seq" = ANY($2)', [
      itemId,
      rows.map((r) => r.seq),
    ]);
    return rows.length;
  });
}
