import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { applies, buildNoteDoc } from './note-doc';

function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** One string item of `client` at clock 0 whose origin is a later clock of the same client. */
function poison(client: number): Uint8Array {
  const bytes = [1, 1];
  const varUint = (n: number) => {
    let v = n;
    while (v > 0x7f) {
      bytes.push(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  };
  varUint(client);
  bytes.push(0, 4 | 0x80);
  varUint(client);
  bytes.push(5, 1, 0x78, 0);
  return new Uint8Array(bytes);
}

describe('buildNoteDoc', () => {
  it('applies good parts and leaves out a part that throws', () => {
    const bad = poison(4242);
    expect(() => Y.applyUpdate(new Y.Doc(), bad)).toThrow();
    const { doc, rejected } = buildNoteDoc([typed('voor'), bad, typed('na')]);
    expect(rejected).toEqual([1]);
    expect(doc.getText('text').toString().length).toBe('voor'.length + 'na'.length);
  });

  it('keeps the good items of a merged snapshot that holds a bad update', () => {
    const snapshot = Y.mergeUpdates([typed('bewaard'), poison(777)]);
    const { doc, rejected } = buildNoteDoc([snapshot]);
    expect(rejected).toEqual([0]);
    expect(doc.getText('text').toString()).toBe('bewaard');
  });

  it('garbage-collects deleted text: the state holds its length, not its characters', () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const text = source.getText('text');
    text.insert(0, 'Begin. BSN 999999990 Einde.');
    text.delete(7, 14);
    const canary = Buffer.from('999999990');
    // Y.mergeUpdates keeps what the updates typed (why compaction goes through a doc)…
    expect(Buffer.from(Y.mergeUpdates(updates)).includes(canary)).toBe(true);
    // …a garbage-collecting doc keeps only its length.
    const { doc } = buildNoteDoc(updates);
    expect(doc.getText('text').toString()).toBe('Begin. Einde.');
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).includes(canary)).toBe(false);
  });

  it('applies() reports a throwing update instead of throwing', () => {
    expect(applies(new Y.Doc(), poison(5))).toBe(false);
    expect(applies(new Y.Doc(), typed('ok'))).toBe(true);
  });
});
