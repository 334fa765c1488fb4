import type * as Y from 'yjs';
import { NOTE_DOC_CACHE_SIZE } from './notes.config';

/**
 * This instance's in-memory copies of notes, least recently used dropped beyond
 * `NOTE_DOC_CACHE_SIZE`, each with when the database read behind it started.
 */
export class NoteCopies {
  /** itemId → the copy (insertion order = least recently used first). */
  private readonly docs = new Map<string, Y.Doc>();
  /** itemId → when the read behind the copy started. */
  private readonly builtAt = new Map<string, number>();

  /** The copy, without marking it used. */
  peek(itemId: string): Y.Doc | undefined {
    return this.docs.get(itemId);
  }

  /** The copy, marked as used. */
  use(itemId: string): Y.Doc | undefined {
    const doc = this.docs.get(itemId);
    if (doc) this.remember(itemId, doc);
    return doc;
  }

  /** The copy if its read started less than `maxAgeMs` ago, marked as used. */
  fresh(itemId: string, maxAgeMs: number): Y.Doc | undefined {
    const doc = this.docs.get(itemId);
    const builtAt = this.builtAt.get(itemId);
    if (!doc || builtAt === undefined || Date.now() - builtAt >= maxAgeMs) return undefined;
    this.remember(itemId, doc);
    return doc;
  }

  /** Keeps a copy just read (the read started at `builtAt`). */
  keep(itemId: string, doc: Y.Doc, builtAt: number): void {
    this.remember(itemId, doc);
    this.builtAt.set(itemId, builtAt);
  }

  forget(itemId: string): void {
    this.docs.get(itemId)?.destroy();
    this.docs.delete(itemId);
    this.builtAt.delete(itemId);
  }

  /** Drops every copy (they are read again from the database when needed). */
  clear(): void {
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
    this.builtAt.clear();
  }

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
}
