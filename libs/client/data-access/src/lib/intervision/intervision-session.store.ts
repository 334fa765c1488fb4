import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { IntervisionAttendance, IntervisionSessionView } from '@casustafel/contracts';
import {
  formatCountdown,
  hiddenFrom,
  type IntervisionMethod,
  intervisionSessionKind,
  kindAllows,
  lockedOut,
  type MethodPhase,
  ratingScale,
  type SessionKind,
  type VisibleContribution,
} from '@casustafel/domain';
import { type ApiFailure, failureCode } from '../errors/api-failure';
import { LIVE_COMMAND_ID, LIVE_NOW, serverNow } from '../meetings/live-room.store';
import { ConnectionStore } from '../realtime/connection.store';
import { RealtimeClient } from '../realtime/realtime.client';
import {
  closedToRole,
  type ContributionRow,
  contributionKind,
  type PhaseClock,
} from './intervision-session-rows';
import {
  joinOnce,
  LiveSessionRoom,
  type RoomCommandOutcome,
  sendRoomCommand,
} from './session-room-sync';
import { IntervisionSessionApi } from './intervision-session.api';

/** How often a participant shut out of the current phase asks again whether they may return. */
export const WAITING_POLL_MS = 10_000;
/** Tries (one a second) to read the attendance right after the end: it is written just after. */
export const ATTENDANCE_TRIES = 5;

/** A command of the session, without the ids the store adds. */
export type SessionCommandBody =
  | { type: 'phase:advance' }
  | { type: 'contribution:add'; contributionType: string; text: string }
  | { type: 'contribution:reveal'; contributionType: string }
  | { type: 'contribution:rate'; contributionId: string; rating: string };

export type SessionCommandOutcome = RoomCommandOutcome;

/**
 * One intervision session for its page (issue 14 §2): the session read over REST (method, the
 * anonymised case, participants, the caller's role), its live room over the one realtime
 * connection (`session:join` with the last seq, `session:event`s applied in seq order, a rejoin
 * on a gap or a reconnect) and its commands (a command id each, sent again with the same id
 * without an ack). Blind contributions stay placeholders until the gespreksleider reveals them;
 * a role shut out of the current phase waits (and asks again now and then). When the session has
 * ended: the attendance list. Provided per page.
 */
@Injectable()
export class IntervisionSessionStore {
  readonly #api = inject(IntervisionSessionApi);
  readonly #client = inject(RealtimeClient);
  readonly #connection = inject(ConnectionStore);
  readonly #newId = inject(LIVE_COMMAND_ID);
  readonly #clientNow = inject(LIVE_NOW);

  readonly #sessionId = signal<string | null>(null);
  readonly #view = signal<IntervisionSessionView | null>(null);
  readonly #live = new LiveSessionRoom(
    this.#client,
    () => void this.#join(),
    (room, next) => {
      if (next.ended && room.ended !== true) void this.#afterEnd();
    },
  );
  readonly #room = this.#live.room;
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #waiting = signal(false);
  readonly #joinError = signal<string | null>(null);
  readonly #attendance = signal<IntervisionAttendance[] | null>(null);
  readonly #attendanceFailure = signal<ApiFailure | null>(null);
  readonly #tick = signal(0);
  #ticker: ReturnType<typeof setInterval> | null = null;
  #poll: ReturnType<typeof setTimeout> | null = null;

  readonly sessionId = this.#sessionId.asReadonly();
  readonly view = this.#view.asReadonly();
  readonly room = this.#room;
  /** Why the session could not be read (not while merely waiting outside a phase). */
  readonly failure = this.#failure.asReadonly();
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');
  /** The caller's role is shut out of the current phase ("even niet in het gesprek"). */
  readonly waiting = computed(() => {
    if (this.#waiting()) return true;
    const kind = this.kind();
    const room = this.#room();
    const role = this.#view()?.role;
    return !!(kind && room && role && !room.ended && lockedOut(kind, room.phase, role));
  });
  readonly joinError = this.#joinError.asReadonly();
  readonly gapRejoins = this.#live.gapRejoins;
  readonly connectionState = this.#connection.state;
  readonly attendance = this.#attendance.asReadonly();
  readonly attendanceFailure = this.#attendanceFailure.asReadonly();

  readonly method = computed<IntervisionMethod | null>(() => this.#view()?.method ?? null);
  readonly kind = computed<SessionKind | null>(() => {
    const method = this.method();
    return method ? intervisionSessionKind(method) : null;
  });
  readonly role = computed(() => this.#view()?.role ?? null);
  readonly isLeader = computed(() => this.role() === 'gespreksleider');
  readonly ended = computed(() => this.#view()?.status === 'ended' || this.#room()?.ended === true);
  readonly phaseIndex = computed(() => {
    const method = this.method();
    const room = this.#room();
    return method && room ? method.phases.findIndex((p) => p.key === room.phase) : -1;
  });
  readonly phase = computed<MethodPhase | null>(
    () => this.method()?.phases[this.phaseIndex()] ?? null,
  );
  readonly isLastPhase = computed(() => {
    const method = this.method();
    return !!method && this.phaseIndex() === method.phases.length - 1;
  });
  /** Server time, recomputed every second. */
  readonly now = computed(() => {
    this.#tick();
    return serverNow(this.#clientNow(), this.#connection.clockOffset());
  });
  /** The current phase's time box, counted down from when the phase began. */
  readonly clock = computed<PhaseClock | null>(() => {
    const phase = this.phase();
    const room = this.#room();
    const view = this.#view();
    if (!phase || !room || !view || this.ended()) return null;
    const started =
      room.phaseStartedAt ?? (this.phaseIndex() === 0 ? Date.parse(view.startedAt) : null);
    if (started === null) return null;
    const remainingMs = started + phase.minutes * 60_000 - this.now();
    return { remainingMs, text: formatCountdown(remainingMs), overtime: remainingMs < 0 };
  });

  readonly #may = (command: string) =>
    computed(() => {
      const kind = this.kind();
      const room = this.#room();
      const role = this.role();
      return !!(
        kind &&
        room &&
        role &&
        !this.ended() &&
        kindAllows(kind, room.phase, role, command)
      );
    });
  readonly mayAdvance = computed(() => this.#may('phase:advance')() && !this.isLastPhase());
  readonly #mayAdd = this.#may('contribution:add');
  readonly #mayReveal = this.#may('contribution:reveal');
  readonly #mayRate = this.#may('contribution:rate');
  /** The contribution types the caller may add in this phase. */
  readonly addTypes = computed<string[]>(() => {
    const kind = this.kind();
    const room = this.#room();
    if (!kind || !room || !this.#mayAdd()) return [];
    return [...(kind.contributionTypes?.[room.phase] ?? [])];
  });
  /** The blind types with contributions still hidden, that the caller may reveal now. */
  readonly revealTypes = computed<string[]>(() => {
    const kind = this.kind();
    const room = this.#room();
    if (!kind || !room || !this.#mayReveal()) return [];
    const types = room.contributions.filter((c) => !c.revealed && 'hidden' in c).map((c) => c.type);
    return [...new Set(types)].filter((type) => type in kind.hiddenUntilRevealed);
  });
  readonly contributions = computed<ContributionRow[]>(() => {
    const kind = this.kind();
    const room = this.#room();
    const view = this.#view();
    if (!kind || !room || !view) return [];
    const names = new Map(view.participants.map((p) => [p.userId, p.displayName]));
    const mayRate = this.#mayRate();
    return room.contributions.map((c: VisibleContribution) => {
      const hidden = 'hidden' in c;
      const seenByAll = c.revealed || kind.roles.every((r) => !hiddenFrom(kind, c.type, r));
      return {
        id: c.id,
        type: c.type,
        kind: contributionKind(c.type),
        blind: c.type.startsWith('blind-'),
        hidden,
        text: hidden ? null : c.text,
        authorName: hidden ? null : (names.get(c.authorUserId) ?? null),
        phase: hidden ? null : (c.phase ?? null),
        rating: hidden ? null : (c.rating ?? null),
        scale: !hidden && mayRate && seenByAll ? ratingScale(kind, c.type) : [],
      };
    });
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.leave());
  }

  /** Reads the session and, while it runs, joins its live room. */
  async load(sessionId: string): Promise<void> {
    if (this.#sessionId() !== sessionId) {
      this.leave();
      this.#sessionId.set(sessionId);
    }
    const result = await firstValueFrom(this.#api.read(sessionId));
    if (this.#sessionId() !== sessionId) return;
    if (!result.ok) {
      if (closedToRole(result.failure)) {
        this.#waiting.set(true);
        this.#schedulePoll();
      } else this.#failure.set(result.failure);
      return;
    }
    this.#waiting.set(false);
    this.#failure.set(null);
    this.#view.set(result.data);
    if (result.data.status === 'ended') {
      await this.#loadAttendance(sessionId);
      return;
    }
    this.#listen();
    this.#connection.connect();
    await this.#join();
  }

  leave(): void {
    this.#live.leave();
    if (this.#ticker) clearInterval(this.#ticker);
    if (this.#poll) clearTimeout(this.#poll);
    this.#ticker = null;
    this.#poll = null;
    this.#sessionId.set(null);
    this.#view.set(null);
    this.#failure.set(null);
    this.#waiting.set(false);
    this.#joinError.set(null);
    this.#attendance.set(null);
    this.#attendanceFailure.set(null);
  }

  /** Sends a command with a fresh command id (sent again with the same id without an ack). */
  async send(body: SessionCommandBody): Promise<SessionCommandOutcome> {
    const sessionId = this.#sessionId();
    if (!sessionId || !this.#room()) return { ok: false, code: 'NOT_JOINED' };
    return sendRoomCommand(this.#client, 'session:command', {
      ...body,
      commandId: this.#newId(),
      sessionId,
    });
  }

  /** The gespreksleider ends the session; then the attendance list is read. */
  async end(): Promise<{ ok: true } | { ok: false; failure: ApiFailure }> {
    const sessionId = this.#sessionId();
    if (!sessionId) return { ok: false, failure: { kind: 'unreachable' } };
    const result = await firstValueFrom(this.#api.end(sessionId));
    if (!result.ok) return { ok: false, failure: result.failure };
    this.#view.set(result.data);
    await this.#loadAttendance(sessionId);
    return { ok: true };
  }

  #listen(): void {
    if (!this.#live.listen(() => this.#sessionId())) return;
    this.#ticker = setInterval(() => this.#tick.update((t) => t + 1), 1_000);
  }

  readonly #join = joinOnce(() => this.#doJoin());

  async #doJoin(): Promise<void> {
    const sessionId = this.#sessionId();
    if (!sessionId || !this.#client.connected || this.ended()) return;
    const ack = await this.#live.requestJoin('session:join', { sessionId });
    if (this.#sessionId() !== sessionId) return;
    if (!ack.ok) {
      const code = 'timeout' in ack ? 'TIMEOUT' : ack.error.code;
      // A member refused: their role is shut out of the phase now. Ask again later.
      if (code === 'FORBIDDEN') {
        this.#waiting.set(true);
        this.#schedulePoll();
      } else this.#joinError.set(code);
      return;
    }
    this.#joinError.set(null);
    this.#waiting.set(false);
    this.#live.applyJoin(ack.data);
  }

  async #afterEnd(): Promise<void> {
    const sessionId = this.#sessionId();
    if (!sessionId) return;
    const result = await firstValueFrom(this.#api.read(sessionId));
    if (result.ok && this.#sessionId() === sessionId) this.#view.set(result.data);
    await this.#loadAttendance(sessionId);
  }

  /** The attendance list; right after the end it may not be written yet (asked again). */
  async #loadAttendance(sessionId: string): Promise<void> {
    for (let attempt = 0; attempt < ATTENDANCE_TRIES; attempt++) {
      const result = await firstValueFrom(this.#api.attendance(sessionId));
      if (this.#sessionId() !== sessionId) return;
      if (result.ok) {
        this.#attendance.set(result.data);
        this.#attendanceFailure.set(null);
        return;
      }
      this.#attendanceFailure.set(result.failure);
      if (failureCode(result.failure) !== 'SESSION_NOT_ENDED') return;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  #schedulePoll(): void {
    if (this.#poll) clearTimeout(this.#poll);
    const sessionId = this.#sessionId();
    this.#poll = setTimeout(() => {
      this.#poll = null;
      if (sessionId && this.#sessionId() === sessionId && this.#waiting())
        void this.load(sessionId);
    }, WAITING_POLL_MS);
  }
}
