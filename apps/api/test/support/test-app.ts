import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  LIVE_PATH,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
} from '@casustafel/contracts';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/time/clock';
import { AppConfig } from '../../src/config/app-config';
import { type Env, parseEnv } from '../../src/config/env.schema';

/** The origin the test clients present (the allowlist holds only this one). */
export const TEST_ORIGIN = 'http://casustafel.test';

export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  origin: string;
  /** Every log line the app wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every log line as written, for grepping. */
  readonly rawLogs: string[];
  connectLive(options?: { origin?: string | null; cookie?: string }): LiveClient;
  close(): Promise<void>;
}

/**
 * nestjs-pino keeps one root logger per process, bound to the first destination it was given;
 * so every app of a test file logs into this one sink, and each app reads its own slice.
 */
const sink = { raw: [] as string[], parsed: [] as Record<string, unknown>[] };
const sinkStream = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      sink.raw.push(line);
      sink.parsed.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  },
});

/** Boots the real api on 127.0.0.1, port 0, capturing its JSON logs. */
export async function startTestApp(
  env: Partial<Record<keyof Env, string>>,
  options: { clock?: Clock } = {},
): Promise<TestApp> {
  const firstLine = sink.raw.length;
  const config = new AppConfig(
    parseEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      CLIENT_DIST: '/nonexistent-client',
      PORT: '0',
      ALLOWED_ORIGINS: TEST_ORIGIN,
      ...env,
    }),
  );
  const app = await createApp(config, { logStream: sinkStream, clock: options.clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const origin = TEST_ORIGIN;
  const sockets: LiveClient[] = [];
  return {
    app,
    config,
    baseUrl,
    origin,
    get logs() {
      return sink.parsed.slice(firstLine);
    },
    get rawLogs() {
      return sink.raw.slice(firstLine);
    },
    connectLive(options = {}) {
      const headerOrigin = options.origin === undefined ? origin : options.origin;
      const socket: LiveClient = io(`${baseUrl}${LIVE_NAMESPACE}`, {
        path: LIVE_PATH,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: {
          ...(headerOrigin ? { origin: headerOrigin } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

/** Opens a live socket (with the client's session cookie) and waits until it is connected. */
export async function connectedLive(
  t: TestApp,
  client?: { cookieHeader: string },
): Promise<LiveClient> {
  const socket = t.connectLive(client ? { cookie: client.cookieHeader } : {});
  if (!socket.connected) await nextEvent(socket, 'connect');
  return socket;
}

/** A clock tests move by hand (idle and absolute session timeouts, throttling). */
export class FakeClock {
  private current: number;

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Waits for `predicate` to hold, polling; fails after `timeoutMs`. */
export async function pollUntil<T>(
  probe: () => T | Promise<T>,
  predicate: (value: T) => boolean,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`pollUntil: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves with the next `event` emitted on `socket`, or rejects after `timeoutMs`. */
export function nextEvent<T>(socket: LiveClient, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once(
      event as 'connect',
      ((payload: T) => {
        clearTimeout(timer);
        resolve(payload);
      }) as () => void,
    );
  });
}

/**
 * The next `meeting:event` of one type (decisions and actions are events of the room's one
 * sequence), flattened to the shape the records' own events have: `{ meetingId, seq, commandId }`
 * plus the payload (`decision` or `action`).
 */
export function nextMeetingEvent<T>(
  socket: LiveClient,
  type: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (event: {
      type: string;
      payload: object;
      meetingId: string;
      seq: number;
      commandId: string;
    }) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      socket.off('meeting:event', listener as never);
      const { meetingId, seq, commandId } = event;
      resolve({ meetingId, seq, commandId, ...event.payload } as T);
    };
    const timer = setTimeout(() => {
      socket.off('meeting:event', listener as never);
      reject(new Error(`no meeting:event ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('meeting:event', listener as never);
  });
}
