import { describe, expect, it, beforeEach, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import type { LiveAck, ClockSyncResponse } from '@casustafel/contracts';
import type { RealtimeEvent } from './connection-state';
import {
  CLOCK_SYNC_SAMPLES,
  LIVE_SOCKET_FACTORY,
  type LiveSocket,
  type NoteServerMessage,
  RealtimeClient,
  type RecordServerMessage,
} from './realtime.client';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket for the RealtimeClient. */
class FakeSocket {
  readonly handlers = new Map<string, Handler>();
  readonly managerHandlers = new Map<string, Handler>();
  connected = false;
  active = false;
  readonly connect = jest.fn(() => {
    this.active = true;
  });
  readonly disconnect = jest.fn();
  readonly removeAllListeners = jest.fn();
  readonly emit = jest.fn();
  readonly io = {
    on: (event: string, handler: Handler) => this.managerHandlers.set(event, handler),
  };
  answer: (clientSentAt: number) => Promise<LiveAck<ClockSyncResponse>> = async (clientSentAt) => ({
    ok: true,
    data: { clientSentAt, serverTime: clientSentAt + 1_000 },
  });

  on(event: string, handler: Handler): this {
    this.handlers.set(event, handler);
    return this;
  }

  timeout(): {
    emitWithAck: (
      event: string,
      payload: { clientSentAt: number },
    ) => Promise<LiveAck<ClockSyncResponse>>;
  } {
    return { emitWithAck: (_event, payload) => this.answer(payload.clientSentAt) };
  }

  fire(event: string, ...args: unknown[]): void {
    this.handlers.get(event)?.(...args);
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5 * CLOCK_SYNC_SAMPLES; i++) await Promise.resolve();
}

describe('RealtimeClient', () => {
  let socket: FakeSocket;
  let client: RealtimeClient;
  let seen: RealtimeEvent[];

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        { provide: LIVE_SOCKET_FACTORY, useValue: () => socket as unknown as LiveSocket },
      ],
    });
    client = TestBed.inject(RealtimeClient);
    seen = [];
    client.events$.subscribe((event) => seen.push(event));
  });

  it('opens one socket and reports connecting, then connected', () => {
    client.connect();
    client.connect();
    expect(socket.connect).toHaveBeenCalledTimes(1);
    socket.connected = true;
    socket.fire('connect');
    expect(seen.slice(0, 2)).toEqual([{ type: 'connecting' }, { type: 'connected' }]);
  });

  it('loads the socket.io client on first connect (an async factory) and opens one socket', async () => {
    let resolve: (s: LiveSocket) => void = () => undefined;
    const factory = jest.fn(() => new Promise<LiveSocket>((r) => (resolve = r)));
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [{ provide: LIVE_SOCKET_FACTORY, useValue: factory }],
    });
    const lazy = TestBed.inject(RealtimeClient);
    const events: RealtimeEvent[] = [];
    lazy.events$.subscribe((event) => events.push(event));
    lazy.connect();
    lazy.connect();
    expect(factory).toHaveBeenCalledTimes(1);
    expect(events[0]).toEqual({ type: 'connecting' });
    resolve(socket as unknown as LiveSocket);
    await settle();
    expect(socket.connect).toHaveBeenCalledTimes(1);
    socket.connected = true;
    socket.fire('connect');
    expect(events).toContainEqual({ type: 'connected' });
  });

  it('runs a clock sync round after connect and reports the offset', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(10_000);
    client.connect();
    socket.connected = true;
    socket.fire('connect');
    await settle();
    now.mockRestore();
    expect(seen).toContainEqual({ type: 'clock', offset: { offsetMs: 1_000, roundTripMs: 0 } });
  });

  it('reports no offset when every clock sync is refused', async () => {
    socket.answer = async () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'no' } });
    client.connect();
    socket.connected = true;
    socket.fire('connect');
    await settle();
    expect(seen.some((event) => event.type === 'clock')).toBe(false);
  });

  it('passes on valid presence counts only', () => {
    client.connect();
    socket.fire('presence:count', { connected: 4 });
    socket.fire('presence:count', { connected: -1 });
    expect(seen.filter((event) => event.type === 'presence')).toEqual([
      { type: 'presence', connected: 4 },
    ]);
  });

  it('tells whether socket.io will retry after a disconnect', () => {
    client.connect();
    socket.fire('disconnect', 'transport close');
    socket.active = false;
    socket.fire('disconnect', 'io server disconnect');
    expect(seen.filter((event) => event.type === 'disconnected')).toEqual([
      { type: 'disconnected', willReconnect: true },
      { type: 'disconnected', willReconnect: false },
    ]);
  });

  it('reconnects at once when the browser is back online, instead of waiting out the backoff', () => {
    client.connect();
    // Connected, then the network went away: socket.io waits (up to 30 s) between attempts.
    socket.connected = false;
    socket.active = true;
    globalThis.dispatchEvent(new Event('online'));
    // The waiting attempt is dropped (backoff reset) and a new one starts now.
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    expect(socket.connect).toHaveBeenCalledTimes(2);
    // Connected already: nothing to do.
    socket.connected = true;
    globalThis.dispatchEvent(new Event('online'));
    expect(socket.connect).toHaveBeenCalledTimes(2);
    client.ngOnDestroy();
    socket.connected = false;
    globalThis.dispatchEvent(new Event('online'));
    expect(socket.connect).toHaveBeenCalledTimes(2);
  });

  it('reopens a socket that was closed for good', () => {
    client.connect();
    socket.active = false;
    client.connect();
    expect(socket.connect).toHaveBeenCalledTimes(2);
  });

  it('passes note and record broadcasts on, and sends awareness only while connected', () => {
    const notes: NoteServerMessage[] = [];
    const records: RecordServerMessage[] = [];
    client.notes$.subscribe((m) => notes.push(m));
    client.records$.subscribe((m) => records.push(m));
    client.connect();
    const update = { itemId: 'i1', update: 'AAE=', origin: 'other' };
    socket.fire('note:update', update);
    socket.fire('note:awareness', update);
    const action = { meetingId: 'm1', seq: 3, commandId: 'c1', action: { id: 'a1' } };
    socket.fire('action:updated', action);
    expect(notes).toEqual([
      { type: 'update', event: update },
      { type: 'awareness', event: update },
    ]);
    expect(records).toEqual([{ type: 'action:updated', event: action }]);

    client.emitAwareness({ itemId: 'i1', update: 'AAE=' });
    expect(socket.emit).not.toHaveBeenCalled();
    socket.connected = true;
    client.emitAwareness({ itemId: 'i1', update: 'AAE=' });
    expect(socket.emit).toHaveBeenCalledWith('note:awareness', { itemId: 'i1', update: 'AAE=' });
  });
});
