import type { ClockOffset } from '@casustafel/domain';

/** The live connection as the user sees it. */
export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  /** Refused: the account has `LIVE_SOCKETS_PER_USER` connections open elsewhere. */
  | 'too_many';

export const CONNECTION_STATES = [
  'connecting',
  'connected',
  'reconnecting',
  'disconnected',
  'too_many',
] as const satisfies readonly ConnectionState[];

/** What the realtime client reports, already stripped of socket.io details. */
export type RealtimeEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'disconnected'; willReconnect: boolean }
  | { type: 'connect_failed'; willRetry: boolean; tooMany?: boolean }
  | { type: 'reconnect_attempt'; attempt: number }
  | { type: 'presence'; connected: number }
  | { type: 'clock'; offset: ClockOffset };

/** Failed reconnection attempts after which "reconnecting" becomes "disconnected" (retries go on). */
export const RECONNECT_ATTEMPTS_BEFORE_OFFLINE = 3;

/**
 * The state machine of the connection indicator. A first connection that fails shows
 * "disconnected" at once (retrying goes on quietly); a lost connection shows "reconnecting"
 * for a few attempts before it shows "disconnected", so the indicator does not flicker.
 */
export function nextConnectionState(
  current: ConnectionState,
  event: RealtimeEvent,
): ConnectionState {
  switch (event.type) {
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'disconnected':
      return event.willReconnect ? 'reconnecting' : 'disconnected';
    case 'connect_failed':
      if (event.tooMany) return 'too_many';
      if (!event.willRetry || current === 'connecting') return 'disconnected';
      return current;
    case 'reconnect_attempt':
      if (current === 'connected') return 'reconnecting';
      if (current === 'reconnecting' && event.attempt > RECONNECT_ATTEMPTS_BEFORE_OFFLINE)
        return 'disconnected';
      return current;
    case 'presence':
    case 'clock':
      return current;
  }
}
