import { describe, expect, it, jest } from '@jest/globals';
import { guardAdapterClient, LiveConnections, LiveRedisStatus } from './live-link';

/** The part of a node-redis client the adapter uses, with a private field as node-redis has. */
class FakeClient {
  #secret = 'private';
  isReady = true;
  publish = jest.fn(async (_channel: string, _message: string) => {
    throw new Error('The queue is full');
  });
  sendCommand = jest.fn(async (_args: string[]) => [this.#secret]);
  name(): string {
    return this.#secret;
  }
}

describe('guardAdapterClient', () => {
  it('turns a failed fire-and-forget publish into a report, not an unhandled rejection', async () => {
    const failures: string[] = [];
    const client = guardAdapterClient(new FakeClient(), (command) => failures.push(command));
    await expect(client.publish('channel', 'message')).resolves.toBeUndefined();
    expect(failures).toEqual(['publish']);
  });

  it('fails an awaited command at once while Redis is away, and passes it on otherwise', async () => {
    const target = new FakeClient();
    const client = guardAdapterClient(target, () => undefined);
    await expect(client.sendCommand(['PUBSUB'])).resolves.toEqual(['private']);
    target.isReady = false;
    await expect(client.sendCommand(['PUBSUB'])).rejects.toThrow('Redis is unavailable');
    expect(target.sendCommand).toHaveBeenCalledTimes(1);
  });

  it('calls every other method on the client itself (private fields work)', () => {
    expect(guardAdapterClient(new FakeClient(), () => undefined).name()).toBe('private');
  });
});

describe('LiveRedisStatus and LiveConnections without an adapter', () => {
  it('report Redis disabled and close nothing', () => {
    expect(new LiveRedisStatus().state()).toEqual({ status: 'disabled', downSince: null });
    const connections = new LiveConnections();
    expect(connections.closing).toBe(false);
    expect(connections.closeAll()).toBe(0);
    expect(connections.closing).toBe(true);
  });
});
