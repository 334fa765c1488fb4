import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Subscription } from 'rxjs';
import type {
  ActionView,
  DecisionView,
  LiveActionCreate,
  LiveDecisionCreate,
  RecordCommandResult,
} from '@casustafel/contracts';
import type { ActionStatus } from '@casustafel/domain';
import { type ApiFailure, failureMessageKey } from '../errors/api-failure';
import { RealtimeClient, type RecordServerMessage } from '../realtime/realtime.client';
import { sendLiveCommand } from '../realtime/send-live-command';
import { LIVE_ACK_TIMEOUT_MS, LIVE_COMMAND_ATTEMPTS, LIVE_COMMAND_ID } from './live-room.store';
import { MeetingRecordsApi } from './meeting-records.api';

export type RecordOutcome<T> = { ok: true; record: T } | { ok: false; code: string };

export type NewDecision = Omit<LiveDecisionCreate, 'commandId' | 'meetingId'>;
export type NewAction = Omit<LiveActionCreate, 'commandId' | 'meetingId'>;

type RecordEvent = 'decision:create' | 'action:create' | 'action:update';

/** The newer of two versions of an action (by `updatedAt`; equal → the incoming one). */
function newer(current: ActionView | undefined, incoming: ActionView): boolean {
  return !current || incoming.updatedAt >= current.updatedAt;
}

/**
 * Decisions and actions of the meeting in the live room: loaded with `GET /records` on open (and
 * again after every reconnect, so nothing broadcast meanwhile is missed), kept live by the
 * `decision:created` / `action:created` / `action:updated` broadcasts, deduplicated by id (an
 * older version of an action never replaces a newer one). Commands carry a fresh `commandId`;
 * without an ack the same command (same id) is sent again, so a retry never records twice.
 */
@Injectable({ providedIn: 'root' })
export class MeetingRecordsStore {
  readonly #client = inject(RealtimeClient);
  readonly #api = inject(MeetingRecordsApi);
  readonly #newId = inject(LIVE_COMMAND_ID);
  readonly #meetingId = signal<string | null>(null);
  readonly #decisions = signal<ReadonlyMap<string, DecisionView>>(new Map());
  readonly #actions = signal<ReadonlyMap<string, ActionView>>(new Map());
  readonly #failure = signal<ApiFailure | null>(null);
  #subscriptions: Subscription[] = [];

  readonly meetingId = this.#meetingId.asReadonly();
  /** Oldest first. */
  readonly decisions = computed(() =>
    [...this.#decisions().values()].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)),
  );
  /** Oldest first. */
  readonly actions = computed(() =>
    [...this.#actions().values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  );
  readonly failureKey = computed(() => {
    const failure = this.#failure();
    return failure ? failureMessageKey(failure) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  decisionsOf(itemId: string): DecisionView[] {
    return this.decisions().filter((d) => d.agendaItemId === itemId);
  }

  actionsOf(itemId: string): ActionView[] {
    return this.actions().filter((a) => a.agendaItemId === itemId);
  }

  /** Loads the meeting's records and follows the broadcasts (the live room joins the meeting). */
  async open(meetingId: string): Promise<void> {
    if (this.#meetingId() !== meetingId) {
      this.close();
      this.#meetingId.set(meetingId);
      this.#subscriptions = [
        this.#client.records$.subscribe((m) => this.#onMessage(m)),
        this.#client.events$.subscribe((e) => {
          if (e.type === 'connected') void this.reload();
        }),
      ];
    }
    await this.reload();
  }

  close(): void {
    for (const s of this.#subscriptions) s.unsubscribe();
    this.#subscriptions = [];
    this.#meetingId.set(null);
    this.#decisions.set(new Map());
    this.#actions.set(new Map());
    this.#failure.set(null);
  }

  async reload(): Promise<void> {
    const meetingId = this.#meetingId();
    if (!meetingId) return;
    const result = await firstValueFrom(this.#api.records(meetingId));
    if (this.#meetingId() !== meetingId) return;
    if (!result.ok) {
      this.#failure.set(result.failure);
      return;
    }
    this.#failure.set(null);
    for (const d of result.data.decisions) this.#putDecision(d);
    for (const a of result.data.actions) this.#putAction(a);
  }

  #putDecision(decision: DecisionView): void {
    if (this.#decisions().has(decision.id)) return;
    this.#decisions.update((m) => new Map(m).set(decision.id, decision));
  }

  #putAction(action: ActionView): void {
    if (!newer(this.#actions().get(action.id), action)) return;
    this.#actions.update((m) => new Map(m).set(action.id, action));
  }

  #onMessage(message: RecordServerMessage): void {
    if (message.event.meetingId !== this.#meetingId()) return;
    if (message.type === 'decision:created') this.#putDecision(message.event.decision);
    else this.#putAction(message.event.action);
  }

  createDecision(body: NewDecision): Promise<RecordOutcome<DecisionView>> {
    return this.#send('decision:create', body, (r) => this.#putDecision(r as DecisionView));
  }

  createAction(body: NewAction): Promise<RecordOutcome<ActionView>> {
    return this.#send('action:create', body, (r) => this.#putAction(r as ActionView));
  }

  updateAction(actionId: string, status: ActionStatus): Promise<RecordOutcome<ActionView>> {
    return this.#send('action:update', { actionId, status }, (r) =>
      this.#putAction(r as ActionView),
    );
  }

  async #send<T>(
    event: RecordEvent,
    body: object,
    keep: (record: unknown) => void,
  ): Promise<RecordOutcome<T>> {
    const meetingId = this.#meetingId();
    if (!meetingId) return { ok: false, code: 'NOT_JOINED' };
    const payload = { ...body, commandId: this.#newId(), meetingId };
    const ack = await sendLiveCommand(this.#client, event, payload as never, {
      timeoutMs: LIVE_ACK_TIMEOUT_MS,
      attempts: LIVE_COMMAND_ATTEMPTS,
    });
    if (ack.ok) {
      const record = (ack.data as RecordCommandResult<T>).record;
      if (this.#meetingId() === meetingId) keep(record);
      return { ok: true, record };
    }
    return { ok: false, code: 'timeout' in ack ? 'TIMEOUT' : ack.error.code };
  }
}
