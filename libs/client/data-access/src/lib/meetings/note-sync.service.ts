import { inject, Injectable } from '@angular/core';
import { filter, map } from 'rxjs';
import { RealtimeClient } from '../realtime/realtime.client';
import type { NoteSync, NoteTransport, NoteUser } from './note-sync';

export type { NoteSync, NoteSyncStatus, NoteTransport, NoteUser } from './note-sync';

/** Ack wait for `note:join` and `note:update`; without an ack the note joins again. */
export const NOTE_ACK_TIMEOUT_MS = 5_000;

/** The live socket as a {@link NoteTransport}. */
export function realtimeTransport(client: RealtimeClient): NoteTransport {
  return {
    get connected() {
      return client.connected;
    },
    join: (itemId) => client.emitWithAck('note:join', { itemId }, NOTE_ACK_TIMEOUT_MS),
    update: (itemId, update) =>
      client.emitWithAck('note:update', { itemId, update }, NOTE_ACK_TIMEOUT_MS),
    sync: (itemId, stateVector) =>
      client.emitWithAck('note:sync', { itemId, stateVector }, NOTE_ACK_TIMEOUT_MS),
    awareness: (itemId, update) => client.emitAwareness({ itemId, update }),
    leave: (itemId) => client.emitNoteLeave(itemId),
    messages$: client.notes$,
    connected$: client.events$.pipe(
      filter((e) => e.type === 'connected'),
      map(() => undefined),
    ),
  };
}

/** Opens shared notes over the app's live socket. */
@Injectable({ providedIn: 'root' })
export class NoteSyncService {
  readonly #client = inject(RealtimeClient);
  readonly #transport = realtimeTransport(this.#client);

  /**
   * Opens an item's note and joins it (connect the socket first, e.g. via the live room). Yjs
   * loads on first use, so it stays out of the app's initial bundle.
   */
  async open(itemId: string, user: NoteUser): Promise<NoteSync> {
    const { NoteSync } = await import('./note-sync');
    const note = new NoteSync(itemId, this.#transport, user);
    void note.join();
    return note;
  }
}
