import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { filter, firstValueFrom, type Subscription, take, timeout } from 'rxjs';
import type {
  ActionView,
  DecisionView,
  GuestJoinResult,
  GuestSessionView,
  MeetingPresence,
} from '@casustafel/contracts';
import type { DiscussionPhase, GuestRoomView, LiveItemState } from '@casustafel/domain';
import { type ApiFailure } from '../errors/api-failure';
import {
  LIVE_ACK_TIMEOUT_MS,
  LIVE_COMMAND_ATTEMPTS,
  LIVE_COMMAND_ID,
  LIVE_NOW,
  type LiveClock,
  readClock,
  serverNow,
} from '../meetings/live-room.store';
import { ConnectionStore } from '../realtime/connection.store';
import {
  type MeetingServerMessage,
  RealtimeClient,
  type RecordServerMessage,
} from '../realtime/realtime.client';
import { GuestsApi } from './guests.api';

export type GuestHandOutcome = { ok: true } | { ok: false; code: string };

/** Adds or replaces records by id, keeping the order of first arrival. */
function upsert<T extends { id: string }>(list: readonly T[], record: T): T[] {
  const index = list.findIndex((r) => r.id === record.id);
  if (index === -1) return [...list, record];
  const next = [...list];
  next[index] = record;
  return next;
}

/** An action replaces a known one only when it is not older (`updatedAt`). */
function upsertAction(list: readonly ActionView[], action: ActionView): ActionView[] {
  const known = list.find((a) => a.id === action.id);
  if (known && Date.parse(known.updatedAt) > Date.parse(action.updatedAt)) return [...list];
  return upsert(list, action);
}

/**
 * The live room as a remote specialist (guest) sees it: their session (meeting times, invited
 * items), the server's projection of the room (`guest:state`, applied only when not older than
 * what is shown), the invited items' decisions and actions (deduplicated by id), presence, and
 * whether the meeting closed or the access ended (revoked or expired: the server disconnects).
 * Joins with `guest:join` on connect and again after every reconnect.
 */
@Injectable({ providedIn: 'root' })
export class GuestRoomStore {
  readonly #api = inject(GuestsApi);
  readonly #client = inject(RealtimeClient);
  readonly #connection = inject(ConnectionStore);
  readonly #newId = inject(LIVE_COMMAND_ID);
  readonly #clientNow = inject(LIVE_NOW);

  readonly #session = signal<GuestSessionView | null>(null);
  readonly #sessionFailure = signal<ApiFailure | null>(null);
  readonly #view = signal<GuestRoomView | null>(null);
  readonly #decisions = signal<DecisionView[]>([]);
  readonly #actions = signal<ActionView[]>([]);
  readonly #presence = signal<MeetingPresence['present']>([]);
  readonly #closed = signal(false);
  readonly #ended = signal(false);
  readonly #joinError = signal<string | null>(null);
  readonly #tick = signal(0);
  #subscriptions: Subscription[] = [];
  #joining: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #open = false;

  readonly session = this.#session.asReadonly();
  readonly sessionFailure = this.#sessionFailure.asReadonly();
  readonly meetingId = computed(() => this.#session()?.meeting.id ?? null);
  readonly view = this.#view.asReadonly();
  readonly decisions = this.#decisions.asReadonly();
  readonly actions = this.#actions.asReadonly();
  readonly presence = this.#presence.asReadonly();
  /** The meeting was closed (live, or already when the session was read). */
  readonly closed = computed(
    () => this.#closed() || this.#session()?.meeting.status === 'afgesloten',
  );
  /** The server ended this guest's access (revoked, expired): nothing of the meeting is shown. */
  readonly ended = this.#ended.asReadonly();
  readonly joinError = this.#joinError.asReadonly();
  readonly connectionState = this.#connection.state;
  /** The current item when it is one of the invited items. */
  readonly currentItem = computed<LiveItemState | null>(() => {
    const view = this.#view();
    return view?.items.find((i) => i.id === view.currentItemId) ?? null;
  });
  readonly otherItemInProgress = computed(() => this.#view()?.otherItemInProgress ?? false);
  readonly phase = computed<DiscussionPhase | null>(() => this.currentItem()?.phase ?? null);
  readonly speakingQueue = computed(() => this.#view()?.speakingQueue ?? []);
  readonly currentSpeaker = computed(() => this.#view()?.currentSpeakerUserId ?? null);
  /** Server time, recomputed every second (and on every view). */
  readonly now = computed(() => {
    this.#tick();
    this.#view();
    return serverNow(this.#clientNow(), this.#connection.clockOffset());
  });
  /** The current item's clock, as every screen in the room shows it (server time). */
  readonly clock = computed<LiveClock | null>(() => {
    const item = this.currentItem();
    return item ? readClock(item.timer, this.now()) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.leave());
  }

  /** Reads the guest's session, connects and joins the room; rejoins after every reconnect. */
  async open(): Promise<boolean> {
    if (!this.#open) {
      this.#open = true;
      this.#subscriptions = [
        this.#client.guest$.subscribe((view) => this.#applyView(view)),
        this.#client.meeting$.subscribe((m) => this.#onMeeting(m)),
        this.#client.records$.subscribe((r) => this.#onRecord(r)),
        this.#client.events$.subscribe((e) => {
          if (e.type === 'connected') void this.#join();
          if (e.type === 'disconnected' && !e.willReconnect) this.#end();
          if (e.type === 'connect_failed' && !e.willRetry) this.#end();
        }),
      ];
      this.#scheduleTick();
    }
    const result = await firstValueFrom(this.#api.session());
    if (!this.#open) return false;
    if (!result.ok) {
      this.#sessionFailure.set(result.failure);
      return false;
    }
    this.#sessionFailure.set(null);
    this.#session.set(result.data);
    this.#connection.connect();
    await this.#join();
    return true;
  }

  leave(): void {
    for (const s of this.#subscriptions) s.unsubscribe();
    this.#subscriptions = [];
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#open = false;
    this.#session.set(null);
    this.#sessionFailure.set(null);
    this.#view.set(null);
    this.#decisions.set([]);
    this.#actions.set([]);
    this.#presence.set([]);
    this.#closed.set(false);
    this.#ended.set(false);
    this.#joinError.set(null);
  }

  /** Raises or lowers the guest's own hand (only while an invited item is current). */
  async hand(raise: boolean): Promise<GuestHandOutcome> {
    const meetingId = this.meetingId();
    if (!meetingId || this.#ended()) return { ok: false, code: 'NOT_JOINED' };
    const command = {
      commandId: this.#newId(),
      meetingId,
      type: raise ? ('hand:raise' as const) : ('hand:lower' as const),
    };
    for (let attempt = 0; attempt < LIVE_COMMAND_ATTEMPTS; attempt++) {
      const ack = await this.#client.emitWithAck('meeting:command', command, LIVE_ACK_TIMEOUT_MS);
      if (ack.ok) return { ok: true };
      if (!('timeout' in ack)) return { ok: false, code: ack.error.code };
      if (!this.#client.connected) await this.#connected();
    }
    return { ok: false, code: 'TIMEOUT' };
  }

  #end(): void {
    if (!this.#open || this.#session() === null) return;
    this.#ended.set(true);
    this.#view.set(null);
    this.#decisions.set([]);
    this.#actions.set([]);
    this.#presence.set([]);
  }

  #join(): Promise<void> {
    if (this.#joining) return this.#joining;
    this.#joining = this.#doJoin().finally(() => (this.#joining = null));
    return this.#joining;
  }

  async #doJoin(): Promise<void> {
    const meetingId = this.meetingId();
    if (!meetingId || !this.#client.connected || this.#ended()) return;
    const ack = await this.#client.emitWithAck('guest:join', { meetingId }, LIVE_ACK_TIMEOUT_MS);
    if (this.meetingId() !== meetingId || this.#ended()) return;
    if (!ack.ok) {
      this.#joinError.set('timeout' in ack ? 'TIMEOUT' : ack.error.code);
      return;
    }
    this.#joinError.set(null);
    const result = ack.data as GuestJoinResult;
    this.#applyView(result.view);
    for (const decision of result.decisions) this.#decisions.update((l) => upsert(l, decision));
    for (const action of result.actions) this.#actions.update((l) => upsertAction(l, action));
  }

  /** A view replaces the shown one only when it is at least as new (`asOfSeq`). */
  #applyView(view: GuestRoomView): void {
    if (view.meetingId !== this.meetingId() || this.#ended()) return;
    const shown = this.#view();
    if (shown && view.asOfSeq < shown.asOfSeq) return;
    this.#view.set(view);
  }

  #onMeeting(message: MeetingServerMessage): void {
    const meetingId = this.meetingId();
    if (message.type === 'closed') {
      if (message.meetingId === meetingId) this.#closed.set(true);
    } else if (message.type === 'presence') {
      if (message.presence.meetingId === meetingId && !this.#ended()) {
        this.#presence.set(message.presence.present);
      }
    }
  }

  #onRecord(message: RecordServerMessage): void {
    if (message.event.meetingId !== this.meetingId() || this.#ended()) return;
    if (message.type === 'decision:created') {
      const decision = message.event.decision;
      this.#decisions.update((l) => upsert(l, decision));
    } else {
      const action = message.event.action;
      this.#actions.update((l) => upsertAction(l, action));
    }
  }

  /** Ticks on the server's second boundaries, like the members' live room. */
  #scheduleTick(): void {
    const server = serverNow(this.#clientNow(), this.#connection.clockOffset());
    const wait = 1_000 - (((server % 1_000) + 1_000) % 1_000) + 5;
    this.#timer = setTimeout(() => {
      this.#tick.update((t) => t + 1);
      if (this.#open) this.#scheduleTick();
    }, wait);
  }

  /** Resolves when the socket is connected again, or after the ack timeout. */
  async #connected(): Promise<void> {
    await firstValueFrom(
      this.#client.events$.pipe(
        filter((e) => e.type === 'connected'),
        take(1),
        timeout({ first: LIVE_ACK_TIMEOUT_MS, with: () => [null] }),
      ),
      { defaultValue: null },
    );
  }
}
