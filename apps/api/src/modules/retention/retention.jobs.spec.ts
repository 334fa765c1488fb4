import { describe, expect, it, jest } from '@jest/globals';
import type { JobHandler, JobsService, ScheduleOptions } from '../jobs/jobs.service';
import { RETENTION_SWEEP_CRON, RETENTION_SWEEP_JOB, RetentionJobs } from './retention.jobs';
import type { RetentionService, SweepResult } from './retention.service';

const NOTHING: SweepResult = {
  householdsErased: 0,
  sessionsPurged: 0,
  invitationsPurged: 0,
  guestAccountsAnonymised: 0,
};

describe('RetentionJobs', () => {
  function setup() {
    const handlers = new Map<string, JobHandler>();
    const scheduled: { name: string; options: ScheduleOptions | undefined }[] = [];
    const jobs = {
      work: (name: string, handler: JobHandler) => void handlers.set(name, handler),
      schedule: async (name: string, _payload: unknown, options?: ScheduleOptions) => {
        scheduled.push({ name, options });
        return null;
      },
    } as unknown as JobsService;
    const sweep = jest.fn(async () => NOTHING);
    const instance = new RetentionJobs(jobs, { sweep } as unknown as RetentionService);
    return { instance, handlers, scheduled, sweep };
  }

  it('registers retention:sweep, whose handler runs the sweep', async () => {
    const { instance, handlers, sweep } = setup();
    instance.onModuleInit();
    expect([...handlers.keys()]).toEqual([RETENTION_SWEEP_JOB]);
    const handler = handlers.get(RETENTION_SWEEP_JOB);
    await handler?.({}, { id: 'j1', name: RETENTION_SWEEP_JOB, attempt: 1 });
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('queues it as a recurring job every six hours (cron, so one run at a time)', async () => {
    const { instance, scheduled } = setup();
    await instance.onApplicationBootstrap();
    expect(scheduled).toEqual([
      { name: RETENTION_SWEEP_JOB, options: { cron: RETENTION_SWEEP_CRON } },
    ]);
    expect(RETENTION_SWEEP_CRON).toBe('0 */6 * * *');
  });

  it('lets a failing sweep fail the job (the queue retries it with backoff)', async () => {
    const { instance, handlers, sweep } = setup();
    sweep.mockRejectedValueOnce(new Error('database gone'));
    instance.onModuleInit();
    await expect(
      handlers.get(RETENTION_SWEEP_JOB)?.({}, { id: 'j1', name: RETENTION_SWEEP_JOB, attempt: 1 }),
    ).rejects.toThrow('database gone');
  });
});
