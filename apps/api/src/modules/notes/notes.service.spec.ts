import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { Clock } from '../../common/time/clock';
import type { AuditService } from '../audit/audit.service';
import { NotesService } from './notes.service';

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
