/** The shared notes' tuning: batching, compaction, audit throttling, the in-memory copies. */

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
