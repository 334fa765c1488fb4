import type { StatusTone } from './status-badge.component';

/** Readiness as the data-access layer reports it (kept structural: ui does not import data-access). */
export type ReadinessLike = 'idle' | 'loading' | 'ready' | 'not_ready' | 'unreachable' | 'error';
export type ConnectionLike =
  'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'too_many';

export function readinessTone(status: ReadinessLike): StatusTone {
  switch (status) {
    case 'ready':
      return 'success';
    case 'not_ready':
      return 'warning';
    case 'unreachable':
    case 'error':
      return 'danger';
    case 'idle':
    case 'loading':
      return 'neutral';
  }
}

export function connectionTone(state: ConnectionLike): StatusTone {
  switch (state) {
    case 'connected':
      return 'success';
    case 'connecting':
    case 'reconnecting':
      return 'warning';
    case 'disconnected':
    case 'too_many':
      return 'danger';
  }
}
