import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { Clock } from '../../common/time/clock';
import type { AuditService } from '../audit/audit.service';
import { NOTE_COMPACT_AFTER_ROWS, NOTE_COMPACT_MS, NotesService } from './notes.service';

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('NotesService batching', () => {
  it('keeps an update that arrives while a batch is being written for the next batch', async () => {
    const written: { itemId: string }[][] = [];
    let insertStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (insertStarted = resolve));
    let releaseInsert: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (releaseInsert = resolve));
    const dataSource = {
      manager: {
        insert: async (_entity: unknown, rows: { itemId: string }[]) => {
          written.push(rows);
          if (written.length === 1) {
            insertStarted();
            await released; // the first insert is slow (a remote database)
          }
        },
      },
    } as unknown as DataSource;
    const notes = new NotesService(
      dataSource,
      {} as AuditService,
      { now: () => new Date() } as Clock,
    );
    try {
      notes.append('item-1', update('eerste'));
      const first = notes.flush();
      await started;
      notes.append('item-1', update('tijdens het schrijven'));
      releaseInsert();
      await first;
      expect(notes.pendingUpdates).toBe(1);
      await notes.flush();
      expect(notes.pendingUpdates).toBe(0);
      expect(written).toHaveLength(2);
    } finally {
      await notes.onApplicationShutdown();
    }
  });
});

describe('NotesService compaction', () => {
  it('compacts notes that reach the threshold together one at a time, never at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const compacted: string[] = [];
    const dataSource = {
      manager: {
        insert: async () => undefined,
        transaction: async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
          return 0;
        },
      },
    } as unknown as DataSource;
    const notes = new NotesService(
      dataSource,
      {} as AuditService,
      { now: () => new Date() } as Clock,
    );
    const original = notes.compact.bind(notes);
    notes.compact = async (itemId: string) => {
      compacted.push(itemId);
      return original(itemId);
    };
    try {
      const items = Array.from({ length: 6 }, (_, i) => `item-${i}`);
      // Every item gets NOTE_COMPACT_AFTER_ROWS rows in the same rhythm (one per batch).
      for (let round = 0; round < NOTE_COMPACT_AFTER_ROWS; round += 1) {
        for (const itemId of items) void notes.append(itemId, update(`${itemId}-${round}`));
        await notes.flush();
      }
      const deadline = Date.now() + 5000;
      while (compacted.length < items.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect([...compacted].sort()).toEqual(items);
      expect(mostAtOnce).toBe(1);
    } finally {
      await notes.onApplicationShutdown();
    }
  });
});

describe('NotesService periodic compaction', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('takes only notes nobody typed in for NOTE_COMPACT_MS, not the ones in use', async () => {
    jest.useFakeTimers({ now: 0 });
    const compacted: string[] = [];
    const dataSource = {
      manager: { insert: async () => undefined, transaction: async () => 0 },
    } as unknown as DataSource;
    const notes = new NotesService(
      dataSource,
      {} as AuditService,
      { now: () => new Date() } as Clock,
    );
    const original = notes.compact.bind(notes);
    notes.compact = async (itemId: string) => {
      compacted.push(itemId);
      return original(itemId);
    };
    try {
      void notes.append('quiet', update('eerder getypt'));
      await notes.flush();
      await jest.advanceTimersByTimeAsync(NOTE_COMPACT_MS - 5_000);
      void notes.append('busy', update('wordt nog getypt'));
      await notes.flush();
      // The timer fires at NOTE_COMPACT_MS: "quiet" was last written that long ago, "busy" 5 s ago.
      await jest.advanceTimersByTimeAsync(5_000 + 100);
      expect(compacted).toEqual(['quiet']);
      // A period later "busy" has been quiet long enough too.
      await jest.advanceTimersByTimeAsync(NOTE_COMPACT_MS);
      expect(compacted).toEqual(['quiet', 'busy']);
    } finally {
      await notes.onApplicationShutdown();
    }
  });
});
