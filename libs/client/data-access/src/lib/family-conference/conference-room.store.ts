import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { VisibleSessionEvent } from '@casustafel/domain';
import {
  joinOnce,
  LiveSessionRoom,
  type RoomCommandOutcome,
  sendRoomCommand,
} from '../intervision/session-room-sync';
import { LIVE_COMMAND_ID } from '../meetings/live-room.store';
import { ConnectionStore } from '../realtime/connection.store';
import { RealtimeClient } from '../realtime/realtime.client';

/** A command of the conference, without the ids the store adds. */
export type ConferenceCommandBody =
  { type: 'phase:advance' } | { type: 'contribution:add'; text: string };

export type ConferenceCommandOutcome = RoomCommandOutcome;

/** Why joining the room did not work (`FORBIDDEN`: the role is locked out of the phase now). */
export type RoomJoinError = 'FORBIDDEN' | 'TIMEOUT' | string;

/**
 * A family conference's live room over the one realtime connection: `conference:join` with the
 * last seq, the engine's `session:event`s applied in seq order (a gap or a reconnect: joined
 * again, the server fills in), commands with a command id each (sent again with the same id
 * without an ack, `sendLiveCommand`). A role locked out of the phase (a professional during
 * besloten tijd) is refused the join and receives nothing but the phase changes. Provided per
 * page.
 */
@Injectable()
export class ConferenceRoomStore {
  readonly #client = inject(RealtimeClient);
  readonly #connection = inject(ConnectionStore);
  readonly #newId = inject(LIVE_COMMAND_ID);

  readonly #conferenceId = signal<string | null>(null);
  readonly #sessionId = signal<string | null>(null);
  readonly #live = new LiveSessionRoom(
    this.#client,
    () => void this.join(),
    (room, next, event) => {
      if (room.seq === next.seq) return;
      if (event.type === 'phase:changed') {
        // A phase may lock this role out (besloten tijd): asked again, the server decides.
        void this.join();
        this.onPhaseChanged(event.payload.to);
      } else this.onApplied(event);
    },
  );
  readonly #joinError = signal<RoomJoinError | null>(null);
  /** The phase last announced by a `phase:changed`, also while locked out (no room then). */
  readonly #announcedPhase = signal<string | null>(null);

  readonly room = this.#live.room;
  readonly joinError = this.#joinError.asReadonly();
  readonly announcedPhase = this.#announcedPhase.asReadonly();
  readonly gapRejoins = this.#live.gapRejoins;
  readonly connectionState = this.#connection.state;

  /** Called on every phase change that reaches this page (the page reads the conference again). */
  onPhaseChanged: (to: string) => void = () => undefined;
  /** Called on every other event applied to the room, in seq order. */
  onApplied: (event: VisibleSessionEvent) => void = () => undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.leave());
  }

  /** Joins the conference's room (its session id filters the engine's events). */
  async enter(conferenceId: string, sessionId: string): Promise<void> {
    if (this.#conferenceId() !== conferenceId || this.#sessionId() !== sessionId) {
      this.leave();
      this.#conferenceId.set(conferenceId);
      this.#sessionId.set(sessionId);
    }
    this.#live.listen(
      () => this.#sessionId(),
      (event) => this.#onEvent(event),
    );
    this.#connection.connect();
    await this.join();
  }

  leave(): void {
    this.#live.leave();
    this.#conferenceId.set(null);
    this.#sessionId.set(null);
    this.#joinError.set(null);
    this.#announcedPhase.set(null);
  }

  /** Sends a command with a fresh command id (sent again with the same id without an ack). */
  async send(body: ConferenceCommandBody): Promise<ConferenceCommandOutcome> {
    const conferenceId = this.#conferenceId();
    if (!conferenceId || !this.room()) return { ok: false, code: 'NOT_JOINED' };
    return sendRoomCommand(
      this.#client,
      'conference:command',
      body.type === 'phase:advance'
        ? { type: 'phase:advance', conferenceId, commandId: this.#newId() }
        : { type: 'contribution:add', text: body.text, conferenceId, commandId: this.#newId() },
    );
  }

  /** Joins (again): after a gap, a reconnect or a phase the role may see again. */
  readonly join = joinOnce(() => this.#doJoin());

  async #doJoin(): Promise<void> {
    const conferenceId = this.#conferenceId();
    if (!conferenceId || !this.#client.connected) return;
    const ack = await this.#live.requestJoin('conference:join', { conferenceId });
    if (this.#conferenceId() !== conferenceId) return;
    if (!ack.ok) {
      this.#joinError.set('timeout' in ack ? 'TIMEOUT' : ack.error.code);
      // Locked out: nothing of the room stays on this page.
      if (!('timeout' in ack)) this.#live.drop();
      return;
    }
    this.#joinError.set(null);
    this.#live.applyJoin(ack.data);
  }

  #onEvent(event: VisibleSessionEvent): void {
    if (event.type === 'phase:changed') {
      this.#announcedPhase.set(event.payload.to);
      // Locked out (no room): a phase change is all that reaches this role; back in, join.
      if (this.room() === null && this.#joinError() !== null) {
        void this.join();
        this.onPhaseChanged(event.payload.to);
        return;
      }
    }
    this.#live.receive(event);
  }
}
