import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import type { SharedLimits } from '../../common/limits/shared-limits';
import type { SessionService } from '../auth/session.service';
import { DatabaseAnswers } from '../../database';
import { REDIS_REQUEST_TIMEOUT_MS } from './live-io.adapter';
import { LiveGateway, PRESENCE_MIN_INTERVAL_MS } from './live.gateway';

type Answer = (error: Error | null, counts: number[]) => void;

/** Just what the gateway uses of a socket.io namespace: local sockets, emit, serverSideEmit. */
class FakeNamespace {
  readonly sockets = new Map<string, object>();
  readonly emitted: number[] = [];
  readonly queries: Answer[] = [];

  readonly rooms: string[] = [];

  to(room: string): this {
    this.rooms.push(room);
    return this;
  }

  emit(event: string, payload: { connected: number }): boolean {
    if (event === 'presence:count') this.emitted.push(payload.connected);
    return true;
  }

  serverSideEmit(_event: string, answer: Answer): boolean {
    this.queries.push(answer);
    return true;
  }
}

function gatewayWith(redis: boolean) {
  const config = {
    redis: redis ? { url: 'redis://127.0.0.1:6379', channelPrefix: 'casustafel' } : null,
  } as AppConfig;
  const gateway = new LiveGateway(
    {} as SessionService,
    config,
    {} as SharedLimits,
    new DatabaseAnswers(false),
  );
  const namespace = new FakeNamespace();
  (gateway as unknown as { namespace: FakeNamespace }).namespace = namespace;
  let n = 0;
  const connect = () => {
    const id = `s${n++}`;
    namespace.sockets.set(id, {});
    gateway.handleConnection({ id } as never);
    return id;
  };
  const disconnect = (id: string) => {
    namespace.sockets.delete(id);
    gateway.handleDisconnect({ id } as never);
  };
  return { gateway, namespace, connect, disconnect };
}

describe('LiveGateway presence:count', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts a burst of connections with at most one broadcast per interval, ending on the true count', async () => {
    const { namespace, connect, disconnect } = gatewayWith(false);
    const ids: string[] = [];
    for (let i = 0; i < 2500; i++) {
      ids.push(connect());
      if (i % 500 === 0) await jest.advanceTimersByTimeAsync(100);
    }
    for (const id of ids.slice(0, 100)) disconnect(id);
    await jest.advanceTimersByTimeAsync(5 * PRESENCE_MIN_INTERVAL_MS);
    // 2,600 connects and disconnects in ~0.5 s: two broadcasts, not 2,600.
    expect(namespace.emitted.length).toBeLessThanOrEqual(2);
    expect(namespace.emitted.at(-1)).toBe(2400);
    expect(new Set(namespace.rooms)).toEqual(new Set(['staff']));
    const before = namespace.emitted.length;
    await jest.advanceTimersByTimeAsync(10 * PRESENCE_MIN_INTERVAL_MS);
    expect(namespace.emitted.length).toBe(before); // quiet when nothing changes
  });

  it('spaces broadcasts by the interval while changes keep coming', async () => {
    const { namespace, connect } = gatewayWith(false);
    // A connect every 50 ms for three intervals: one broadcast per interval, the last complete.
    const steps = (3 * PRESENCE_MIN_INTERVAL_MS) / 50;
    for (let i = 0; i < steps; i += 1) {
      connect();
      await jest.advanceTimersByTimeAsync(50);
    }
    await jest.advanceTimersByTimeAsync(PRESENCE_MIN_INTERVAL_MS);
    expect(namespace.emitted.length).toBeGreaterThanOrEqual(3);
    expect(namespace.emitted.length).toBeLessThanOrEqual(4);
    expect(namespace.emitted.at(-1)).toBe(steps);
  });

  it('with Redis, adds the counts the other instances answer (partial answers on a timeout)', async () => {
    const { namespace, connect } = gatewayWith(true);
    connect();
    connect();
    await jest.advanceTimersByTimeAsync(0);
    expect(namespace.queries).toHaveLength(1);
    namespace.queries[0]?.(null, [3, 4]);
    await jest.advanceTimersByTimeAsync(0);
    expect(namespace.emitted).toEqual([9]);

    connect();
    await jest.advanceTimersByTimeAsync(PRESENCE_MIN_INTERVAL_MS);
    expect(namespace.queries).toHaveLength(2);
    // One instance did not answer in time: count the answers that came.
    namespace.queries[1]?.(new Error('timeout reached'), [5]);
    await jest.advanceTimersByTimeAsync(0);
    expect(namespace.emitted).toEqual([9, 8]);
  });

  it('with Redis unreachable (no answer at all), falls back to this instance after the request timeout', async () => {
    const { namespace, connect } = gatewayWith(true);
    connect();
    await jest.advanceTimersByTimeAsync(REDIS_REQUEST_TIMEOUT_MS);
    expect(namespace.emitted).toEqual([]);
    await jest.advanceTimersByTimeAsync(600);
    expect(namespace.emitted).toEqual([1]);
    // A change during the wait was not lost: it is counted in the next round.
    connect();
    await jest.advanceTimersByTimeAsync(PRESENCE_MIN_INTERVAL_MS);
    namespace.queries.at(-1)?.(null, []);
    await jest.advanceTimersByTimeAsync(0);
    expect(namespace.emitted).toEqual([1, 2]);
  });

  it('stops broadcasting once the module is destroyed', async () => {
    const { gateway, namespace, connect } = gatewayWith(false);
    connect();
    await jest.advanceTimersByTimeAsync(0);
    connect();
    gateway.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(5 * PRESENCE_MIN_INTERVAL_MS);
    expect(namespace.emitted).toEqual([1]);
  });
});
