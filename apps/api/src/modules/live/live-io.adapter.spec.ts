import { EventEmitter } from 'node:events';
import { describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { from, of, throwError, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import type { AppConfig } from '../../config/app-config';
import { LiveIoAdapter } from './live-io.adapter';

/** A socket as far as the binding uses it: events in, `emit` out. */
function fakeSocket() {
  const socket = new EventEmitter() as EventEmitter & { emitted: unknown[][] };
  socket.emitted = [];
  const receive = socket.emit.bind(socket);
  return {
    socket: Object.assign(socket, {
      emit: (...args: unknown[]) => {
        socket.emitted.push(args);
        return true;
      },
    }) as unknown as Socket & { emitted: unknown[][] },
    receive: (event: string, ...args: unknown[]) => receive(event, ...args),
  };
}

const adapter = () =>
  new LiveIoAdapter({} as INestApplicationContext, { allowedOrigins: [] } as unknown as AppConfig);
// Nest hands the binding a transform of the handler's result into an observable.
const transform = (result: unknown): Observable<unknown> =>
  result instanceof Promise ? from(result) : of(result);
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveIoAdapter.bindMessageHandlers', () => {
  it('runs the handler with the data and answers through the ack', async () => {
    const { socket, receive } = fakeSocket();
    const callback = jest.fn(async (data: unknown, _ack?: unknown) => ({ ok: true, data }));
    adapter().bindMessageHandlers(socket, [{ message: 'x:do', callback } as never], transform);
    const ack = jest.fn();
    receive('x:do', { a: 1 }, ack);
    await flush();
    expect(callback).toHaveBeenCalledWith({ a: 1 }, ack);
    expect(ack).toHaveBeenCalledWith({ ok: true, data: { a: 1 } });
  });

  it('passes an event without ack, and sends nothing for an empty answer', async () => {
    const { socket, receive } = fakeSocket();
    const callback = jest.fn((_data: unknown, _ack?: unknown) => undefined);
    adapter().bindMessageHandlers(socket, [{ message: 'x:say', callback } as never], transform);
    receive('x:say', 'hallo');
    await flush();
    expect(callback).toHaveBeenCalledWith('hallo', undefined);
    expect(socket.emitted).toEqual([]);
  });

  it('emits an { event, data } answer, and leaves the ack to a handler that acks itself', async () => {
    const { socket, receive } = fakeSocket();
    const ack = jest.fn();
    adapter().bindMessageHandlers(
      socket,
      [
        { message: 'x:event', callback: () => ({ event: 'x:done', data: 7 }) } as never,
        {
          message: 'x:manual',
          callback: () => ({ ok: true }),
          isAckHandledManually: true,
        } as never,
      ],
      transform,
    );
    receive('x:event', {}, ack);
    receive('x:manual', {}, ack);
    await flush();
    expect(socket.emitted).toEqual([['x:done', 7]]);
    expect(ack).not.toHaveBeenCalled();
  });

  it('logs a failure that escaped the filters and keeps handling later events', async () => {
    const { socket, receive } = fakeSocket();
    const live = adapter();
    const logged = jest
      .spyOn((live as unknown as { logger: { error: (e: unknown) => void } }).logger, 'error')
      .mockImplementation(() => undefined);
    let calls = 0;
    live.bindMessageHandlers(
      socket,
      [
        {
          message: 'x:flaky',
          callback: () => {
            calls += 1;
            if (calls === 1) throw new Error('sync');
            if (calls === 2) return 'async';
            return { ok: true };
          },
        } as never,
      ],
      (result) => (result === 'async' ? throwError(() => new Error('async')) : of(result)),
    );
    const ack = jest.fn();
    receive('x:flaky', {}, ack);
    receive('x:flaky', {}, ack);
    receive('x:flaky', {}, ack);
    await flush();
    expect(logged).toHaveBeenCalledTimes(2);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack).toHaveBeenCalledWith({ ok: true });
  });
});
