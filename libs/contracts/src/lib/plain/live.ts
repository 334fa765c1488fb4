import type { ClockSyncResponse, PresenceCount } from '../live';
import { type Check, int, object } from './check';

/** The socket.io namespace of every real-time feature. */
export const LIVE_NAMESPACE = '/live';
/** socket.io's HTTP path (the default, named so api and client agree). */
export const LIVE_PATH = '/socket.io';
/** Default per-message limit; the api's `LIVE_MAX_MESSAGE_BYTES` may lower or raise it. */
export const LIVE_DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

/** Mirrors `presenceCountSchema` (zod-free: the connection indicator is in the shell). */
export const presenceCountCheck: Check<PresenceCount> = object({ connected: int(0) });

/** Mirrors `clockSyncResponseSchema`. */
export const clockSyncResponseCheck: Check<ClockSyncResponse> = object({
  clientSentAt: int(0),
  serverTime: int(0),
});
