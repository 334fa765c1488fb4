import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ClockOffset } from '@casustafel/domain';
import { type ConnectionState, nextConnectionState } from './connection-state';
import { RealtimeClient } from './realtime.client';

/** The live connection: state, connected sessions and clock offset, as signals. */
@Injectable({ providedIn: 'root' })
export class ConnectionStore {
  readonly #client = inject(RealtimeClient);
  readonly #state = signal<ConnectionState>('disconnected');
  readonly #connectedSessions = signal<number | null>(null);
  readonly #clockOffset = signal<ClockOffset | null>(null);

  readonly state = this.#state.asReadonly();
  readonly isConnected = computed(() => this.#state() === 'connected');
  /** Sockets connected to this deployment's live channel; null while not connected. */
  readonly connectedSessions = computed(() =>
    this.isConnected() ? this.#connectedSessions() : null,
  );
  /** Estimated offset to the server clock (last successful sync, kept across reconnects). */
  readonly clockOffset = this.#clockOffset.asReadonly();
  /** Translation key of the state: `connection.<state>`. */
  readonly statusKey = computed(() => `connection.${this.#state()}`);

  constructor() {
    this.#client.events$.pipe(takeUntilDestroyed()).subscribe((event) => {
      this.#state.update((current) => nextConnectionState(current, event));
      if (event.type === 'presence') this.#connectedSessions.set(event.connected);
      if (event.type === 'clock') this.#clockOffset.set(event.offset);
      if (event.type === 'disconnected') this.#connectedSessions.set(null);
    });
  }

  /** Opens the live connection, or reopens it after it was closed; idempotent while it is up or retrying. */
  connect(): void {
    this.#client.connect();
  }

  disconnect(): void {
    this.#client.disconnect();
  }
}
