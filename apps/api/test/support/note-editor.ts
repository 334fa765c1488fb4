import { expect } from '@jest/globals';
import {
  type LiveAck,
  NOTE_TEXT_NAME,
  type NoteJoinResult,
  type NoteUpdateEvent,
  type NoteUpdateResult,
} from '@casustafel/contracts';
import * as Y from 'yjs';
import { must } from './must';
import type { LiveClient } from './test-app';

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
export const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const REMOTE = Symbol('remote');

/**
 * A browser's note editor: a real Y.Doc kept in sync over a real socket.io client, following
 * the contract's sync steps (join, apply the stored state, send the own diff).
 */
export class NoteEditor {
  readonly doc = new Y.Doc();
  socket: LiveClient | null = null;
  readonly acks: Promise<LiveAck<NoteUpdateResult>>[] = [];
  /** Relayed updates that could not be applied here (only counted with `countBroken`). */
  broken = 0;
  relayed = 0;
  /** The stored state of every join, as received. */
  readonly joinBytes: Uint8Array[] = [];

  constructor(
    readonly itemId: string,
    private readonly options: { timeoutMs?: number; countBroken?: boolean } = {},
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.socket?.connected) return;
      this.acks.push(this.send(update));
    });
  }

  get text(): string {
    return this.doc.getText(NOTE_TEXT_NAME).toString();
  }

  send(update: Uint8Array): Promise<LiveAck<NoteUpdateResult>> {
    return must(this.socket)
      .timeout(this.options.timeoutMs ?? 5000)
      .emitWithAck('note:update', { itemId: this.itemId, update: b64(update) }) as Promise<
      LiveAck<NoteUpdateResult>
    >;
  }

  /** Connects (or reconnects) and syncs: returns the join ack. */
  async attach(socket: LiveClient): Promise<LiveAck<NoteJoinResult>> {
    this.socket = socket;
    socket.on('note:update', (e: NoteUpdateEvent) => {
      if (e.itemId !== this.itemId) return;
      this.relayed++;
      if (!this.options.countBroken) Y.applyUpdate(this.doc, unb64(e.update), REMOTE);
      else {
        try {
          Y.applyUpdate(this.doc, unb64(e.update), REMOTE);
        } catch {
          this.broken++;
        }
      }
    });
    const joined = (await socket
      .timeout(this.options.timeoutMs ?? 5000)
      .emitWithAck('note:join', { itemId: this.itemId })) as LiveAck<NoteJoinResult>;
    if (!joined.ok) return joined;
    this.joinBytes.push(unb64(joined.data.update));
    Y.applyUpdate(this.doc, unb64(joined.data.update), REMOTE);
    const diff = Y.encodeStateAsUpdate(this.doc, unb64(joined.data.stateVector));
    if (diff.length > 2) this.acks.push(this.send(diff));
    await this.settled();
    return joined;
  }

  type(index: number, text: string): void {
    this.doc.getText(NOTE_TEXT_NAME).insert(index, text);
  }

  /** Types `text` at the end of the note. */
  append(text: string): void {
    this.type(this.text.length, text);
  }

  /** Waits for every update sent so far to be acknowledged (ok). */
  async settled(): Promise<void> {
    const results = await Promise.all(this.acks.splice(0));
    for (const r of results) expect(r).toEqual({ ok: true, data: { itemId: this.itemId } });
  }
}
