import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type NoteJoinResult, type NoteSyncResult, NOTE_TEXT_NAME } from '@casustafel/contracts';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { DomainError } from '../../common/errors/domain.error';
import { invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { MEETING_PURPOSE } from '../meetings/meetings.service';
import { applies, buildNoteDoc, encoded, mergedOrEach } from './note-doc';
import { compactNote } from './note-compaction';
import { NoteCopies } from './note-copies';
import { NoteUpdateEntity } from './note.entities';
import {
  NOTE_FLUSH_MS,
  NOTE_FLUSH_MAX,
  NOTE_COMPACT_MS,
  NOTE_COMPACT_AFTER_ROWS,
  NOTE_COMPACT_PAUSE_MS,
  NOTE_AUDIT_PERIOD_MS,
  NOTE_DOC_REFRESH_MS,
  NOTE_DOC_FRESH_MS,
} from './notes.config';

/** The tuning is in notes.config.ts; specs and the gateway read it here too. */
export * from './notes.config';

interface Pending {
  itemId: string;
  bytes: Uint8Array;
  /** Resolves once the batch holding this update is committed. */
  stored: () => void;
}

export type { NoteAccess } from './note-access.service';

function rejectedUpdate(): DomainError {
  return new DomainError('NOTE_UPDATE_REJECTED', 'The note update cannot be applied to the note', [
    { path: 'update', issue: 'not-applicable' },
  ]);
}

/**
 * The shared notes of agenda items (Yjs). Updates are relayed by the gateway first and handed
 * here afterwards: they are appended to `note_update` in batches (every `NOTE_FLUSH_MS` or
 * `NOTE_FLUSH_MAX` updates, and at shutdown), and compacted into `note_snapshot` now and then.
 * A join is answered from the database (snapshot + updates) plus this instance's unwritten
 * batch, so any api instance can serve any note; what a crash lost comes back from the
 * clients, which send their diff against the returned state vector.
 */
@Injectable()
export class NotesService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(NotesService.name);
  private pending: Pending[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** itemId → rows this instance wrote since it last compacted the item, and when the last was. */
  private readonly touched = new Map<string, { rows: number; lastAt: number }>();
  private readonly compactTimer: NodeJS.Timeout;
  private closed = false;
  /** Items waiting to be compacted, one after the other (never all at once). */
  private readonly compactQueue = new Set<string>();
  /** Items whose snapshot must be rewritten even without new rows (it held a bad part). */
  private readonly repairQueue = new Set<string>();
  private compacting: Promise<void> | null = null;
  /** This instance's copies of notes (least recently used dropped). */
  private readonly copies = new NoteCopies();
  private readonly loading = new Map<string, Promise<Y.Doc>>();
  /** itemId → a refresh of the copy is scheduled. */
  private readonly refreshing = new Set<string>();
  /** itemId → when a repair of the note was last audited. */
  private readonly repaired = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.compactTimer = setInterval(() => void this.compactTouched(), NOTE_COMPACT_MS);
    this.compactTimer.unref();
  }

  /* ---------- reading ---------- */

  /** The stored parts of a note: snapshot, update rows, then this instance's unwritten batch. */
  private async parts(itemId: string): Promise<Uint8Array[]> {
    // Taken before reading: a batch leaves `pending` only after its rows are committed, so
    // every update is either in this copy or visible to the query below (twice is harmless).
    const unwritten = this.pending.filter((p) => p.itemId === itemId).map((p) => p.bytes);
    // One statement, so one database snapshot: a compaction running meanwhile cannot make
    // us read the old snapshot and then miss the updates it folded in and deleted.
    const stored = (await this.dataSource.query(
      `SELECT "state" AS "bytes" FROM (
         SELECT "state", 0 AS "part", 0::bigint AS "seq" FROM "note_snapshot" WHERE "item_id" = $1
         UNION ALL
         SELECT "bytes", 1, "seq" FROM "note_update" WHERE "item_id" = $1
       ) AS "stored" ORDER BY "part", "seq"`,
      [itemId],
    )) as { bytes: Buffer }[];
    return [...stored.map((row) => new Uint8Array(row.bytes)), ...unwritten];
  }

  /**
   * Reads the note from the database into this instance's copy and returns it. Built in a
   * garbage-collecting doc (deleted text keeps only its length), part by part: a stored part that
   * cannot be applied is left out, audited, and the note is compacted into a clean snapshot —
   * a bad update in the database never breaks a join or the minutes.
   */
  async document(itemId: string, maxAgeMs = 0): Promise<Y.Doc> {
    if (maxAgeMs > 0) {
      const cached = this.copies.fresh(itemId, maxAgeMs);
      if (cached) return cached;
      const reading = this.loading.get(itemId);
      if (reading) return reading;
    }
    const reading = this.read(itemId);
    this.loading.set(itemId, reading);
    void reading
      .finally(() => {
        if (this.loading.get(itemId) === reading) this.loading.delete(itemId);
      })
      .catch(() => undefined);
    return reading;
  }

  private async read(itemId: string): Promise<Y.Doc> {
    const startedAt = Date.now();
    const { doc, rejected } = buildNoteDoc(await this.parts(itemId));
    const previous = this.copies.peek(itemId);
    if (previous) {
      // Updates applied to the old copy while we read are in `pending` or stored, but keep the
      // copy complete anyway: carry over what it has beyond the fresh state.
      const carried = encoded(previous, Y.encodeStateVector(doc));
      if (carried) applies(doc, carried);
      previous.destroy();
    }
    this.copies.keep(itemId, doc, startedAt);
    if (rejected.length > 0) await this.repair(itemId, rejected.length);
    return doc;
  }

  /** The note's whole state as one Yjs update (garbage collected). */
  async state(itemId: string): Promise<Uint8Array> {
    return Y.encodeStateAsUpdate(await this.document(itemId));
  }

  async join(itemId: string): Promise<NoteJoinResult> {
    // Always read: what another instance stored just before this join is in the answer.
    const doc = await this.document(itemId);
    return {
      itemId,
      update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
      stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    };
  }

  /** What the note holds beyond `stateVector` (base64), for a client that resyncs. */
  async sync(itemId: string, stateVector: string): Promise<NoteSyncResult> {
    const vector = new Uint8Array(Buffer.from(stateVector, 'base64'));
    try {
      Y.decodeStateVector(vector);
    } catch {
      throw invalidAt('stateVector', 'not-a-state-vector');
    }
    const doc = await this.document(itemId, NOTE_DOC_FRESH_MS);
    return {
      itemId,
      update: Buffer.from(Y.encodeStateAsUpdate(doc, vector)).toString('base64'),
      stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
    };
  }

  /** The note as plain text (for the minutes). */
  async plainText(itemId: string): Promise<string> {
    return (await this.document(itemId)).getText(NOTE_TEXT_NAME).toString();
  }

  /** This instance's copy, read from the database when it has none (once, for concurrent calls). */
  private copy(itemId: string): Y.Doc | Promise<Y.Doc> {
    return this.copies.use(itemId) ?? this.document(itemId, NOTE_DOC_FRESH_MS);
  }

  /**
   * Refuses (`NOTE_UPDATE_REJECTED`) an update that cannot be applied to the note: it is applied
   * to this instance's copy first, before anyone else sees it. Synchronous when the copy is in
   * memory. An update that waits for one typed on another instance is checked once the copy
   * has been refreshed; if it then proves bad, the readers leave it out (see `document`).
   */
  async accept(itemId: string, bytes: Uint8Array): Promise<void> {
    const copy = this.copy(itemId);
    const doc = copy instanceof Promise ? await copy : copy;
    if (!applies(doc, bytes)) {
      // A failed apply can leave the copy half-changed: read it again next time.
      if (this.copies.peek(itemId) === doc) this.copies.forget(itemId);
      throw rejectedUpdate();
    }
    if (doc.store.pendingStructs || doc.store.pendingDs) this.scheduleRefresh(itemId);
  }

  private scheduleRefresh(itemId: string): void {
    if (this.refreshing.has(itemId) || this.closed) return;
    this.refreshing.add(itemId);
    setTimeout(() => {
      void this.document(itemId)
        .catch((error: unknown) => this.logger.warn({ err: error, itemId }, 'Note not refreshed'))
        .finally(() => this.refreshing.delete(itemId));
    }, NOTE_DOC_REFRESH_MS).unref();
  }

  /**
   * A stored note held parts that cannot be applied: audited (once per item per audit period),
   * logged with ids only, and compacted at once into a snapshot of what could be kept.
   */
  private async repair(itemId: string, rejected: number): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.repaired.get(itemId);
    if (last !== undefined && now - last < NOTE_AUDIT_PERIOD_MS) return;
    this.repaired.set(itemId, now);
    this.logger.warn({ itemId, rejected }, 'Note held updates that cannot be applied; left out');
    try {
      const owner = (await this.dataSource.query(
        `SELECT "m"."id" AS "meetingId", "t"."id" AS "teamId", "t"."organisation_id" AS "organisationId"
           FROM "agenda_item" "i" JOIN "meeting" "m" ON "m"."id" = "i"."meeting_id"
           JOIN "team" "t" ON "t"."id" = "m"."team_id" WHERE "i"."id" = $1`,
        [itemId],
      )) as { meetingId: string; teamId: string; organisationId: string }[];
      const found = owner[0];
      await this.audit.record({
        action: 'note.repair',
        outcome: 'failed',
        actor: { userId: null, role: null, organisationId: found?.organisationId ?? null },
        object: { type: 'note', id: itemId },
        purpose: MEETING_PURPOSE,
        context: found ? { teamId: found.teamId, meetingId: found.meetingId, itemId } : { itemId },
        channel: 'system',
        source: { ip: null },
      });
    } catch (error) {
      this.logger.error({ err: error, itemId }, 'Note repair not audited');
    }
    if (!this.closed) this.enqueueCompaction(itemId, true);
  }

  /* ---------- writing ---------- */

  /** Updates relayed but not yet stored by this instance. */
  get pendingUpdates(): number {
    return this.pending.length;
  }

  /** Decodes and checks a base64 Yjs update; `VALIDATION_FAILED` when it is none. */
  decode(base64: string): Uint8Array {
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
    try {
      Y.decodeUpdate(bytes);
    } catch {
      throw invalidAt('update', 'not-a-yjs-update');
    }
    return bytes;
  }

  /**
   * Queues an (already relayed) update for the next batch; resolves once it is committed, so
   * the gateway acknowledges only stored text (an instance that dies loses nothing it acked).
   */
  append(itemId: string, bytes: Uint8Array): Promise<void> {
    const stored = new Promise<void>((resolve) => {
      this.pending.push({ itemId, bytes, stored: resolve });
    });
    if (this.closed || this.pending.length >= NOTE_FLUSH_MAX) {
      void this.flush();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush(), NOTE_FLUSH_MS);
    }
    return stored;
  }

  /** Writes the current batch (one row per item, its updates merged); serialised. */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    // A copy: updates appended while the insert runs stay in `pending` for the next batch.
    const batch = this.pending.slice();
    if (batch.length === 0) return;
    const byItem = new Map<string, Uint8Array[]>();
    for (const p of batch) byItem.set(p.itemId, [...(byItem.get(p.itemId) ?? []), p.bytes]);
    const now = this.clock.now();
    const rows = [...byItem].flatMap(([itemId, updates]) =>
      mergedOrEach(updates).map((bytes) => ({ itemId, bytes: Buffer.from(bytes), createdAt: now })),
    );
    try {
      await this.dataSource.manager.insert(NoteUpdateEntity, rows);
      // Only now leave the in-memory batch: a join meanwhile still saw these updates.
      this.pending = this.pending.slice(batch.length);
      for (const p of batch) p.stored();
      for (const itemId of byItem.keys()) {
        const rows = (this.touched.get(itemId)?.rows ?? 0) + 1;
        this.touched.set(itemId, { rows, lastAt: Date.now() });
        if (rows >= NOTE_COMPACT_AFTER_ROWS && !this.closed) this.enqueueCompaction(itemId);
      }
    } catch (error) {
      // Keep the batch for the next attempt (an item deleted meanwhile is dropped).
      this.logger.error({ err: error, updates: batch.length }, 'Note batch not stored');
      const known = await this.existingItems([...byItem.keys()]).catch(() => null);
      if (known) {
        // An update of a deleted item can never be stored: release its waiter.
        for (const p of this.pending) if (!known.has(p.itemId)) p.stored();
        this.pending = this.pending.filter((p) => known.has(p.itemId));
      }
      if (!this.closed && this.pending.length > 0 && !this.flushTimer)
        this.flushTimer = setTimeout(() => void this.flush(), NOTE_FLUSH_MS * 5);
    }
  }

  private async existingItems(ids: string[]): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      'SELECT "id" FROM "agenda_item" WHERE "id" = ANY($1)',
      [ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /* ---------- compaction ---------- */

  private compactTouched(): Promise<void> {
    const quietSince = Date.now() - NOTE_COMPACT_MS;
    for (const [itemId, { lastAt }] of this.touched)
      if (lastAt <= quietSince) this.enqueueCompaction(itemId);
    return this.compacting ?? Promise.resolve();
  }

  /**
   * Queues an item for compaction. Items are compacted one at a time with a short pause in
   * between: notes typed in the same rhythm reach the threshold together, and compacting a
   * hundred of them at once would stall the embedded database (and with it the event loop).
   */
  private enqueueCompaction(itemId: string, repair = false): void {
    if (repair) this.repairQueue.add(itemId);
    this.compactQueue.add(itemId);
    this.compacting ??= this.drainCompactions().finally(() => {
      this.compacting = null;
    });
  }

  private async drainCompactions(): Promise<void> {
    // A Set visits entries added while it is iterated.
    for (const itemId of this.compactQueue) {
      this.compactQueue.delete(itemId);
      if (this.closed) break;
      await this.compactLogged(itemId);
      await new Promise<void>((resolve) => setTimeout(resolve, NOTE_COMPACT_PAUSE_MS).unref());
    }
    this.compactQueue.clear();
  }

  private async compactLogged(itemId: string): Promise<void> {
    this.touched.delete(itemId);
    const repair = this.repairQueue.delete(itemId);
    try {
      await this.compact(itemId, repair);
    } catch (error) {
      this.logger.error({ err: error, itemId }, 'Note compaction failed');
    }
  }

  /** Compacts one note now (see `compactNote`); returns how many update rows were folded. */
  async compact(itemId: string, rewrite = false): Promise<number> {
    return compactNote(this.dataSource.manager, itemId, rewrite, this.clock);
  }

  /* ---------- shutdown ---------- */

  /** Before the database closes (its module closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.compactTimer);
    await this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.compactTimer);
    if (this.pending.length > 0) await this.flush().catch(() => undefined);
    this.copies.clear();
  }
}
