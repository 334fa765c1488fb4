import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AppConfig } from '../../config/app-config';
import { RetentionScheduler } from './retention.scheduler';
import type { RetentionService, SweepResult } from './retention.service';

const NOTHING: SweepResult = {
  householdsErased: 0,
  sessionsPurged: 0,
  invitationsPurged: 0,
  guestAccountsAnonymised: 0,
};

describe('RetentionScheduler', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function scheduler(nodeEnv: AppConfig['nodeEnv']) {
    const sweep = jest.fn(async () => NOTHING);
    const instance = new RetentionScheduler(
      { sweep } as unknown as RetentionService,
      { nodeEnv } as AppConfig,
    );
    return { instance, sweep };
  }

  it('sweeps a minute after start, then every six hours, and stops at shutdown', async () => {
    const { instance, sweep } = scheduler('production');
    instance.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(sweep).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(6 * 3600_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    await instance.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(12 * 3600_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('does not run in tests (they call sweep() with an injected clock)', async () => {
    const { instance, sweep } = scheduler('test');
    instance.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(7 * 3600_000);
    expect(sweep).not.toHaveBeenCalled();
  });
});
