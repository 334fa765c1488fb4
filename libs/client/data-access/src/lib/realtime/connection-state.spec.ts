import { describe, expect, it } from '@jest/globals';
import {
  type ConnectionState,
  nextConnectionState,
  RECONNECT_ATTEMPTS_BEFORE_OFFLINE,
  type RealtimeEvent,
} from './connection-state';

function run(events: RealtimeEvent[], from: ConnectionState = 'disconnected'): ConnectionState {
  return events.reduce(nextConnectionState, from);
}

describe('nextConnectionState', () => {
  it('goes connecting → connected', () => {
    expect(run([{ type: 'connecting' }])).toBe('connecting');
    expect(run([{ type: 'connecting' }, { type: 'connected' }])).toBe('connected');
  });

  it('shows disconnected at once when the first connection fails, and connected when a retry succeeds', () => {
    const failed = run([{ type: 'connecting' }, { type: 'connect_failed', willRetry: true }]);
    expect(failed).toBe('disconnected');
    expect(nextConnectionState(failed, { type: 'reconnect_attempt', attempt: 1 })).toBe(
      'disconnected',
    );
    expect(nextConnectionState(failed, { type: 'connected' })).toBe('connected');
  });

  it('shows reconnecting after a lost connection, until too many attempts failed', () => {
    let state = run([{ type: 'connected' }, { type: 'disconnected', willReconnect: true }]);
    expect(state).toBe('reconnecting');
    for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS_BEFORE_OFFLINE; attempt++) {
      state = nextConnectionState(state, { type: 'reconnect_attempt', attempt });
      state = nextConnectionState(state, { type: 'connect_failed', willRetry: true });
      expect(state).toBe('reconnecting');
    }
    state = nextConnectionState(state, {
      type: 'reconnect_attempt',
      attempt: RECONNECT_ATTEMPTS_BEFORE_OFFLINE + 1,
    });
    expect(state).toBe('disconnected');
  });

  it('is disconnected when the client or the server closed the connection for good', () => {
    expect(run([{ type: 'connected' }, { type: 'disconnected', willReconnect: false }])).toBe(
      'disconnected',
    );
    expect(run([{ type: 'connected' }, { type: 'connect_failed', willRetry: false }])).toBe(
      'disconnected',
    );
  });

  it('ignores presence and clock events', () => {
    expect(run([{ type: 'connected' }, { type: 'presence', connected: 3 }])).toBe('connected');
    expect(run([{ type: 'clock', offset: { offsetMs: 5, roundTripMs: 2 } }], 'reconnecting')).toBe(
      'reconnecting',
    );
  });

  it('says so when the server refused the connection for too many open connections', () => {
    expect(run([{ type: 'connect_failed', willRetry: false, tooMany: true }])).toBe('too_many');
    expect(run([{ type: 'connected' }, { type: 'connect_failed', willRetry: true }])).toBe(
      'connected',
    );
  });
});
