import * as Y from 'yjs';

/** What {@link buildNoteDoc} made of the stored parts of a note. */
export interface BuiltNoteDoc {
  /** A garbage-collecting doc holding every part that applies cleanly. */
  doc: Y.Doc;
  /** Indexes of the parts that threw when applied (left out, or only partly kept). */
  rejected: number[];
}

/**
 * Applies `update` to `doc` and reports whether it went through. A Yjs update can decode and
 * merge and still throw while it is integrated (an item whose origin is a later clock of its own
 * client, a parent that is no type…): `Y.applyUpdate` is the only complete check.
 */
export function applies(doc: Y.Doc, update: Uint8Array, origin?: unknown): boolean {
  try {
    Y.applyUpdate(doc, update, origin);
    return true;
  } catch {
    return false;
  }
}

/** `Y.encodeStateAsUpdate`, or null when the doc cannot be encoded. */
export function encoded(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array | null {
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } catch {
    return null;
  }
}

/** A new doc that collects garbage: deleted text leaves only its length behind. */
export function newNoteDoc(): Y.Doc {
  return new Y.Doc({ gc: true });
}

/**
 * Builds a note from its stored parts (snapshot, update rows, unwritten batch), keeping what can
 * be kept: a part that throws when applied is left out. What it integrated before throwing is
 * kept when that state itself re-applies cleanly (a poisoned snapshot keeps its good items);
 * otherwise the doc is rebuilt from the parts accepted so far. Never throws.
 */
export function buildNoteDoc(parts: readonly Uint8Array[]): BuiltNoteDoc {
  let doc = newNoteDoc();
  const rejected: number[] = [];
  const accepted: Uint8Array[] = [];
  parts.forEach((part, index) => {
    if (applies(doc, part)) {
      accepted.push(part);
      return;
    }
    rejected.push(index);
    const partial = encoded(doc);
    doc.destroy();
    doc = newNoteDoc();
    if (partial && applies(doc, partial)) {
      accepted.splice(0, accepted.length, partial);
      return;
    }
    doc.destroy();
    doc = newNoteDoc();
    for (const good of accepted) Y.applyUpdate(doc, good);
  });
  return { doc, rejected };
}

/** The updates merged into one, or each on its own when Yjs cannot merge them. */
export function mergedOrEach(updates: Uint8Array[]): Uint8Array[] {
  if (updates.length === 1) return updates;
  try {
    return [Y.mergeUpdates(updates)];
  } catch {
    return updates;
  }
}
