import { filter, firstValueFrom, take, timeout } from 'rxjs';
import { retryWhileUnavailable } from '../errors/retry-unavailable';
import type {
  AckData,
  AckOutcome,
  AckPayload,
  LiveAckEvent,
  RealtimeClient,
} from './realtime.client';

/**
 * Sends a live command (its payload carries its `commandId`) and waits for the ack: while the
 * api answers SERVICE_UNAVAILABLE it is sent again with back-off; without an ack it is sent
 * again, the same payload, after the socket is back (up to `attempts` times). The api answers a
 * repeated command id with its first result, so nothing is applied twice. Never throws.
 */
export async function sendLiveCommand<E extends LiveAckEvent>(
  client: RealtimeClient,
  event: E,
  payload: AckPayload<E>,
  options: { timeoutMs: number; attempts: number },
): Promise<AckOutcome<AckData<E>>> {
  let last: AckOutcome<AckData<E>> = { ok: false, timeout: true };
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    // SERVICE_UNAVAILABLE (database briefly gone): sent again, same command id, with back-off.
    last = await retryWhileUnavailable(() => client.emitWithAck(event, payload, options.timeoutMs));
    if (last.ok || !('timeout' in last)) return last;
    if (!client.connected) await connectedAgain(client, options.timeoutMs);
  }
  return last;
}

/** Resolves when the socket is connected again, or after `waitMs`. */
async function connectedAgain(client: RealtimeClient, waitMs: number): Promise<void> {
  await firstValueFrom(
    client.events$.pipe(
      filter((e) => e.type === 'connected'),
      take(1),
      timeout({ first: waitMs, with: () => [null] }),
    ),
    { defaultValue: null },
  );
}
