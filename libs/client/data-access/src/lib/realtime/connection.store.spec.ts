import { describe, expect, it, beforeEach, jest } from '@jest/globals';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { RealtimeEvent } from './connection-state';
import { ConnectionStore } from './connection.store';
import { RealtimeClient } from './realtime.client';

describe('ConnectionStore', () => {
  let events: Subject<RealtimeEvent>;
  let client: { events$: Subject<RealtimeEvent>; connect: jest.Mock; disconnect: jest.Mock };
  let store: ConnectionStore;

  beforeEach(() => {
    events = new Subject<RealtimeEvent>();
    client = { events$: events, connect: jest.fn(), disconnect: jest.fn() };
    TestBed.configureTestingModule({ providers: [{ provide: RealtimeClient, useValue: client }] });
    store = TestBed.inject(ConnectionStore);
  });

  it('starts disconnected and asks the client to connect', () => {
    expect(store.state()).toBe('disconnected');
    store.connect();
    expect(client.connect).toHaveBeenCalledTimes(1);
  });

  it('maps client events to state and translation key', () => {
    events.next({ type: 'connecting' });
    expect(store.state()).toBe('connecting');
    expect(store.statusKey()).toBe('connection.connecting');

    events.next({ type: 'connected' });
    expect(store.state()).toBe('connected');
    expect(store.isConnected()).toBe(true);
    expect(store.statusKey()).toBe('connection.connected');

    events.next({ type: 'disconnected', willReconnect: true });
    expect(store.state()).toBe('reconnecting');
    expect(store.statusKey()).toBe('connection.reconnecting');
  });

  it('exposes presence only while connected, and keeps the clock offset', () => {
    events.next({ type: 'connected' });
    events.next({ type: 'presence', connected: 7 });
    events.next({ type: 'clock', offset: { offsetMs: -12, roundTripMs: 4 } });
    expect(store.connectedSessions()).toBe(7);
    expect(store.clockOffset()).toEqual({ offsetMs: -12, roundTripMs: 4 });

    events.next({ type: 'disconnected', willReconnect: true });
    expect(store.connectedSessions()).toBeNull();
    expect(store.clockOffset()).toEqual({ offsetMs: -12, roundTripMs: 4 });

    events.next({ type: 'connected' });
    expect(store.connectedSessions()).toBeNull();
  });
});
