import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type NoteJoinResult, type NoteSyncResult, NOTE_TEXT_NAME } from '@casustafel/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { abilityFor, asSubject } from '../../common/access/policy';
import { actorRole, type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MEETING_PURPOSE } from '../meetings/meetings.service';
import { applies, buildNoteDoc, encoded } from './note-doc';
import { NoteSnapshotEntity, NoteUpdateEntity } from './note.entities';

/** A batch is written at most this long after its first update… */
export const NOTE_FLUSH_MS = 200;
/** …or as soon as it holds this many updates. */
export const NOTE_FLUSH_MAX = 50;
/** A note this instance wrote to is compacted once nobody has typed in it for this long… */
export const NOTE_COMPACT_MS = 30_000;
/**
 * …or, while people keep typing, after this many stored rows (at five batches a second,
 * every 100 s): compacting every active note every 30 s made periodic bursts of database work.
 */
export const NOTE_COMPACT_AFTER_ROWS = 500;
/** Pause between two compactions: each one holds the (embedded) database for a moment. */
export const NOTE_COMPACT_PAUSE_MS = 25;
/** At most one `note.update` audit record per item, per socket, per this period. */
export const NOTE_AUDIT_PERIOD_MS = 60_000;
/**
 * Notes whose state this instance keeps in memory (least recently used dropped): every update
 * is applied to this copy before it is relayed or stored, so an update that cannot be applied
 * is refused (≈ 20 µs per keystroke on a 26,000-character note).
 */
export const NOTE_DOC_CACHE_SIZE = 200;
/**
 * A copy left with updates waiting for a missing one (typed on another instance, not yet read
 * here) is refreshed from the database at most this often.
 */
export const NOTE_DOC_REFRESH_MS = 1_000;
/**
 * Resyncs (`note:sync`) within this long of the last read of a note from the database are
 * answered from this instance's copy (which holds every update this instance accepted since):
 * the resyncs that follow a reconnect storm read each note a few times a second, not once per
 * client. Joins always read.
 */
export const NOTE_DOC_FRESH_MS = 250;

interface Pending {
  itemId: string;
  bytes: Uint8Array;
  /** Resolves once the batch holding this update is committed. */
  stored: () => void;
}

export interface NoteAccess {
  itemId: string;
  meetingId: string;
  teamId: string;
}

function rejectedUpdate(): DomainError {
  return new DomainError('NOTE_UPDATE_REJECTED', 'The note update cannot be applied to the note', [
    { path: 'update', issue: 'not-applicable' },
  ]);
}

/** The updates merged into one, or each on its own when Yjs cannot merge them. */
function mergedOrEach(updates: Uint8Array[]): Uint8Array[] {
  if (updates.length === 1) return updates;
  try {
    return [Y.mergeUpdates(updates)];
  } catch {
    return updates;
  }
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
  /** `socketId itemId` → when its last `note.update` audit record was written. */
  private readonly audited = new Map<string, number>();
  private closed = false;
  /** Items waiting to be compacted, one after the other (never all at once). */
  private readonly compactQueue = new Set<string>();
  /** Items whose snapshot must be rewritten even without new rows (it held a bad part). */
  private readonly repairQueue = new Set<string>();
  private compacting: Promise<void> | null = null;
  /** itemId → this instance's copy of the note (insertion order = least recently used first). */
  private readonly docs = new Map<string, Y.Doc>();
  private readonly loading = new Map<string, Promise<Y.Doc>>();
  /** itemId → when the read behind this instance's copy started. */
  private readonly builtAt = new Map<string, number>();
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

  /* ---------- access ---------- */

  /** Members of the meeting's team, or a guest invited to this item. Notes the audit object. */
  async access(actor: Actor, itemId: string): Promise<NoteAccess> {
    RequestContext.note({ objectType: 'note', objectId: itemId, purpose: MEETING_PURPOSE });
    const item = await this.dataSource.manager.findOneBy(AgendaItemEntity, { id: itemId });
    if (!item) throw forbidden('this note');
    const meeting = await this.dataSource.manager.findOneBy(MeetingEntity, { id: item.meetingId });
    if (!meeting) throw forbidden('this note');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId: meeting.id, itemId } });
    if (actor.guest) {
      // A guest: only the notes of the items they are invited to, in their meeting.
      if (actor.guest.meetingId !== meeting.id || !actor.guest.itemIds.includes(itemId))
        throw forbidden('this note');
    } else if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId: meeting.teamId })))
      throw forbidden('this note');
    return { itemId, meetingId: meeting.id, teamId: meeting.teamId };
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
      const cached = this.docs.get(itemId);
      const builtAt = this.builtAt.get(itemId);
      if (cached && builtAt !== undefined && Date.now() - builtAt < maxAgeMs) {
        this.remember(itemId, cached);
        return cached;
      }
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
    const previous = this.docs.get(itemId);
    if (previous) {
      // Updates applied to the old copy while we read are in `pending` or stored, but keep the
      // copy complete anyway: carry over what it has beyond the fresh state.
      const carried = encoded(previous, Y.encodeStateVector(doc));
      if (carried) applies(doc, carried);
      previous.destroy();
    }
    this.remember(itemId, doc);
    this.builtAt.set(itemId, startedAt);
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

  /** Keeps a copy, dropping the least recently used beyond `NOTE_DOC_CACHE_SIZE`. */
  private remember(itemId: string, doc: Y.Doc): void {
    this.docs.delete(itemId);
    this.docs.set(itemId, doc);
    while (this.docs.size > NOTE_DOC_CACHE_SIZE) {
      const [oldest, old] = this.docs.entries().next().value as [string, Y.Doc];
      this.docs.delete(oldest);
      this.builtAt.delete(oldest);
      old.destroy();
    }
  }

  private forgetDoc(itemId: string): void {
    this.docs.get(itemId)?.destroy();
    this.docs.delete(itemId);
    this.builtAt.delete(itemId);
  }

  /** This instance's copy, read from the database when it has none (once, for concurrent calls). */
  private copy(itemId: string): Y.Doc | Promise<Y.Doc> {
    const doc = this.docs.get(itemId);
    if (doc) {
      this.remember(itemId, doc);
      return doc;
    }
    return this.document(itemId, NOTE_DOC_FRESH_MS);
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
      if (this.docs.get(itemId) === doc) this.forgetDoc(itemId);
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

  /**
   * Folds the stored updates of a note into its snapshot and deletes them, in one
   * transaction, under a row lock on the agenda item (one compactor per note at a time).
   * The snapshot is the state of a garbage-collecting doc: deleted text is gone from it (a BSN
   * typed and deleted is not kept), and parts that cannot be applied are left out. `rewrite`
   * also rewrites a snapshot without new rows. Returns how many update rows were folded.
   */
  async compact(itemId: string, rewrite = false): Promise<number> {
    return this.dataSource.manager.transaction(async (tx: EntityManager) => {
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
        { itemId, state, lastSeq: lastSeq.toString(), updatedAt: this.clock.now() },
        ['itemId'],
      );
      await tx.query('DELETE FROM "note_update" WHERE "item_id" = $1 AND "seq" = ANY($2)', [
        itemId,
        rows.map((r) => r.seq),
      ]);
      return rows.length;
    });
  }

  /* ---------- audit ---------- */

  /**
   * `note.update` (or a refused `note.awareness`), at most once per item, per socket, per outcome,
   * per `NOTE_AUDIT_PERIOD_MS`: typing sends several updates a second, and NEN 7513 asks who
   * changed which note when, not per keystroke.
   */
  async auditUpdate(
    socketId: string,
    actor: Actor,
    ip: string | null,
    access: NoteAccess | { itemId: string; teamId?: undefined; meetingId?: undefined },
    outcome: 'allowed' | 'denied' = 'allowed',
    action: 'note.update' | 'note.awareness' = 'note.update',
  ): Promise<void> {
    const key = `${socketId} ${access.itemId} ${outcome} ${action}`;
    const now = this.clock.now().getTime();
    const last = this.audited.get(key);
    if (last !== undefined && now - last < NOTE_AUDIT_PERIOD_MS) return;
    this.audited.set(key, now);
    await this.audit.record({
      action,
      outcome,
      actor: {
        userId: actor.userId,
        role: actorRole(actor, access.teamId),
        organisationId: actor.organisationId,
      },
      object: { type: 'note', id: access.itemId },
      purpose: MEETING_PURPOSE,
      context: access.teamId
        ? { teamId: access.teamId, meetingId: access.meetingId, itemId: access.itemId }
        : { itemId: access.itemId },
      channel: 'socket',
      source: { ip },
    });
  }

  /** A socket left: forget its audit throttle entries. */
  forgetSocket(socketId: string): void {
    for (const key of this.audited.keys())
      if (key.startsWith(`${socketId} `)) this.audited.delete(key);
  }

  /* ---------- shutdown ---------- */

  /** Before the database closes (its module closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.compactTimer);
    await this.flush();
  }

  /** Drops this instance's copies (they are read again from the database when needed). */
  private dropCopies(): void {
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
    this.builtAt.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.compactTimer);
    if (this.pending.length > 0) await this.flush().catch(() => undefined);
    this.dropCopies();
  }
}
