import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type {
  MeetingCommandResult,
  MeetingEvent,
  MeetingJoinResult,
  MeetingPresence,
  PresenceMode,
} from '@casustafel/contracts';
import {
  applyEvent,
  type ClockOffset,
  type DiscussionPhase,
  formatCountdown,
  type LiveCommandInput,
  type LiveEvent,
  type LiveItemState,
  type LiveRoomState,
  readTimer,
  type TimerReading,
} from '@casustafel/domain';
import { ConnectionStore } from '../realtime/connection.store';
import { type MeetingServerMessage, RealtimeClient } from '../realtime/realtime.client';
import { sendLiveCommand } from '../realtime/send-live-command';

/** Ack wait per attempt; a command without an ack is sent again with the same id. */
export const LIVE_ACK_TIMEOUT_MS = 5_000;
export const LIVE_COMMAND_ATTEMPTS = 3;

/** A command without its `commandId` and `meetingId` (the store adds both). */
export type LiveCommandBody = LiveCommandInput extends infer C
  ? C extends LiveCommandInput
    ? Omit<C, 'commandId' | 'meetingId'>
    : never
  : never;

export type LiveCommandOutcome =
  { ok: true; data: MeetingCommandResult } | { ok: false; code: string };

/** Makes command ids (uuid v4); replaced in tests. */
export const LIVE_COMMAND_ID = new InjectionToken<() => string>('LIVE_COMMAND_ID', {
  providedIn: 'root',
  factory: () => () =>
    globalThis.crypto?.randomUUID?.() ??
    'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
      const r = Math.floor(Math.random() * 16);
      return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
    }),
});

/** Client time (ms); replaced in tests. */
export const LIVE_NOW = new InjectionToken<() => number>('LIVE_NOW', {
  providedIn: 'root',
  factory: () => () => Date.now(),
});

/** Server time at client time `clientNow`, given the measured offset (0 before the first sync). */
export function serverNow(clientNow: number, offset: ClockOffset | null): number {
  return clientNow + (offset?.offsetMs ?? 0);
}

export interface LiveClock {
  remainingMs: number;
  /** `mm:ss`, or `-mm:ss` over time. */
  text: string;
  overtime: boolean;
  running: boolean;
}

/** What the big clock shows for a timer at server time `now`. */
export function readClock(timer: LiveItemState['timer'], now: number): LiveClock {
  const reading: TimerReading = readTimer(timer, now);
  return {
    remainingMs: reading.remainingMs,
    text: formatCountdown(reading.remainingMs),
    overtime: reading.overtime,
    running: reading.running,
  };
}

/**
 * One meeting's live room. Joins over the socket and keeps the server's state by applying the
 * snapshot and the events with the domain's `applyEvent`. Events at or below the last seq are
 * ignored; a gap triggers a rejoin with the last seq. After a reconnect it rejoins with the last
 * seq too, so no event is lost or applied twice. Commands get a fresh `commandId` and are sent
 * again with the same id when no ack arrives.
 */
@Injectable({ providedIn: 'root' })
export class LiveRoomStore {
  readonly #client = inject(RealtimeClient);
  readonly #connection = inject(ConnectionStore);
  readonly #newId = inject(LIVE_COMMAND_ID);
  readonly #clientNow = inject(LIVE_NOW);

  readonly #meetingId = signal<string | null>(null);
  readonly #mode = signal<PresenceMode>('op-afstand');
  readonly #state = signal<LiveRoomState | null>(null);
  readonly #presence = signal<MeetingPresence['present']>([]);
  readonly #closed = signal(false);
  readonly #joinError = signal<string | null>(null);
  readonly #tick = signal(0);
  /** Rejoins caused by a gap or an unknown item (decisions and actions never cause one). */
  readonly #gapRejoins = signal(0);
  /** Events that arrived before the first snapshot. */
  #pending: LiveEvent[] = [];
  #joining: Promise<void> | null = null;
  #subscriptions: Subscription[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  readonly meetingId = this.#meetingId.asReadonly();
  readonly mode = this.#mode.asReadonly();
  readonly state = this.#state.asReadonly();
  readonly lastSeq = computed(() => this.#state()?.seq ?? null);
  readonly gapRejoins = this.#gapRejoins.asReadonly();
  readonly presence = this.#presence.asReadonly();
  readonly inRoom = computed(() => this.#presence().filter((p) => p.mode === 'in-de-ruimte'));
  readonly remote = computed(() => this.#presence().filter((p) => p.mode === 'op-afstand'));
  readonly closed = this.#closed.asReadonly();
  readonly joinError = this.#joinError.asReadonly();
  readonly connectionState = this.#connection.state;
  readonly currentItem = computed<LiveItemState | null>(() => {
    const state = this.#state();
    return state?.items.find((i) => i.id === state.currentItemId) ?? null;
  });
  readonly phase = computed<DiscussionPhase | null>(() => this.currentItem()?.phase ?? null);
  readonly speakingQueue = computed(() => this.#state()?.speakingQueue ?? []);
  readonly currentSpeaker = computed(() => this.#state()?.currentSpeakerUserId ?? null);
  /** Server time, recomputed every second (and on every event). */
  readonly now = computed(() => {
    this.#tick();
    this.#state();
    return serverNow(this.#clientNow(), this.#connection.clockOffset());
  });
  /** The current item's clock; identical on every screen (server time). */
  readonly clock = computed<LiveClock | null>(() => {
    const item = this.currentItem();
    return item ? readClock(item.timer, this.now()) : null;
  });
  readonly overTime = computed(() => this.clock()?.overtime ?? false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.leave());
  }

  /** Joins a meeting's room (connecting first); rejoins after every reconnect. */
  async join(meetingId: string, mode: PresenceMode = 'op-afstand'): Promise<void> {
    if (this.#meetingId() !== meetingId) {
      this.leave();
      this.#meetingId.set(meetingId);
      this.#subscriptions = [
        this.#client.meeting$.subscribe((m) => this.#onMessage(m)),
        this.#client.events$.subscribe((e) => {
          if (e.type === 'connected') void this.#join();
        }),
      ];
      this.#scheduleTick();
    }
    this.#mode.set(mode);
    this.#connection.connect();
    await this.#join();
  }

  /**
   * Ticks on the server's second boundaries (not every second from whenever the page opened), so
   * every screen flips to the next second at the same moment.
   */
  #scheduleTick(): void {
    const server = serverNow(this.#clientNow(), this.#connection.clockOffset());
    const wait = 1_000 - (((server % 1_000) + 1_000) % 1_000) + 5;
    this.#timer = setTimeout(() => {
      this.#tick.update((t) => t + 1);
      if (this.#meetingId()) this.#scheduleTick();
    }, wait);
  }

  /** Changes how one takes part (in the room or remote): joins again with the new mode. */
  async setMode(mode: PresenceMode): Promise<void> {
    this.#mode.set(mode);
    await this.#join();
  }

  leave(): void {
    for (const s of this.#subscriptions) s.unsubscribe();
    this.#subscriptions = [];
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#meetingId.set(null);
    this.#state.set(null);
    this.#presence.set([]);
    this.#closed.set(false);
    this.#joinError.set(null);
    this.#pending = [];
  }

  #join(): Promise<void> {
    if (this.#joining) return this.#joining;
    this.#joining = this.#doJoin().finally(() => (this.#joining = null));
    return this.#joining;
  }

  async #doJoin(): Promise<void> {
    const meetingId = this.#meetingId();
    if (!meetingId || !this.#client.connected) return;
    const lastSeq = this.#state()?.seq;
    const ack = await this.#client.emitWithAck(
      'meeting:join',
      { meetingId, mode: this.#mode(), ...(lastSeq !== undefined ? { lastSeq } : {}) },
      LIVE_ACK_TIMEOUT_MS,
    );
    if (this.#meetingId() !== meetingId) return;
    if (!ack.ok) {
      this.#joinError.set('timeout' in ack ? 'TIMEOUT' : ack.error.code);
      return;
    }
    this.#joinError.set(null);
    this.#applyJoin(ack.data as MeetingJoinResult);
  }

  #applyJoin(result: MeetingJoinResult): void {
    if (result.snapshot) {
      this.#state.set(result.snapshot);
    } else {
      for (const event of result.events ?? []) this.#applyOne(event);
    }
    const pending = this.#pending;
    this.#pending = [];
    for (const event of pending) this.#applyOne(event);
  }

  #onMessage(message: MeetingServerMessage): void {
    const meetingId = this.#meetingId();
    if (message.type === 'closed') {
      if (message.meetingId === meetingId) this.#closed.set(true);
      return;
    }
    if (message.type === 'presence') {
      if (message.presence.meetingId === meetingId) this.#presence.set(message.presence.present);
      return;
    }
    const { meetingId: eventMeeting, ...event } = message.event as MeetingEvent;
    if (eventMeeting !== meetingId) return;
    if (this.#state() === null) {
      this.#pending.push(event as LiveEvent);
      return;
    }
    this.#applyOne(event as LiveEvent);
  }

  /**
   * Applies one event; ignores seq ≤ lastSeq; on a gap or an unknown item, rejoins. Decisions and
   * actions are events of the same sequence (they only move the seq; the records store shows them).
   */
  #applyOne(event: LiveEvent): void {
    const state = this.#state();
    if (state === null) return;
    if (event.seq <= state.seq) return;
    const result = applyEvent(state, event);
    if (result.ok) {
      this.#state.set(result.state);
      return;
    }
    this.#gapRejoins.update((n) => n + 1);
    void this.#join();
  }

  /**
   * Sends a command with a fresh `commandId`; without an ack it is sent again with the same id
   * (the server answers a retried id with its original result).
   */
  async send(body: LiveCommandBody): Promise<LiveCommandOutcome> {
    const meetingId = this.#meetingId();
    if (!meetingId) return { ok: false, code: 'NOT_JOINED' };
    const command = { ...body, commandId: this.#newId(), meetingId } as LiveCommandInput;
    const ack = await sendLiveCommand(this.#client, 'meeting:command', command, {
      timeoutMs: LIVE_ACK_TIMEOUT_MS,
      attempts: LIVE_COMMAND_ATTEMPTS,
    });
    if (ack.ok) return { ok: true, data: ack.data };
    return { ok: false, code: 'timeout' in ack ? 'TIMEOUT' : ack.error.code };
  }
}
