import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import type { AppConfig } from '../../config/app-config';
import type { DocumentInputs } from './document-kinds';

/** Stand-in worker scripts: the pool's limits and failures, without rendering a real PDF. */
const dir = mkdtempSync(path.join(tmpdir(), 'cst-documents-'));
const script = (name: string, source: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
};
const workers = {
  slow: script(
    'slow.mjs',
    'export default async () => { await new Promise((r) => setTimeout(r, 400)); return new Uint8Array([37, 80, 68, 70]); };',
  ),
  broken: script('broken.mjs', "throw new Error('cannot load');\nexport default () => 1;"),
};
let workerFile = workers.slow;
jest.unstable_mockModule('./worker-file', () => ({
  documentsWorkerFile: async () => workerFile,
}));
const { DocumentsService } = await import('./documents.service');

const config = (documents: AppConfig['documents']) => ({ documents }) as AppConfig;
const input = (notes = '') =>
  ({ minutes: { items: [{ notes }] } }) as unknown as DocumentInputs['minutes-pdf'];

describe('DocumentsService', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders up to workers + queue at once; one more is refused at once with DOCUMENT_BUSY and a retry-after', async () => {
    workerFile = workers.slow;
    const service = new DocumentsService(
      config({ workers: 1, queueLimit: 1, maxInputBytes: 10_000 }),
    );
    try {
      const accepted = [
        service.render('minutes-pdf', input()),
        service.render('minutes-pdf', input()),
      ];
      expect(service.load).toBe(2);
      const refused = await service.render('minutes-pdf', input()).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'DOCUMENT_BUSY' });
      expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(
        1,
      );
      for (const pdf of await Promise.all(accepted)) expect(pdf.toString('latin1')).toBe('%PDF');
      expect(service.load).toBe(0);
    } finally {
      await service.beforeApplicationShutdown();
    }
  });

  it('refuses an input above the limit with DOCUMENT_TOO_LARGE before it reaches a worker', async () => {
    const service = new DocumentsService(
      config({ workers: 1, queueLimit: 1, maxInputBytes: 2_000 }),
    );
    await expect(service.render('minutes-pdf', input('x'.repeat(2_000)))).rejects.toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
    });
    expect(service.load).toBe(0);
  });

  it('fails the task (does not hang) when the worker cannot start, and starts a new pool next time', async () => {
    workerFile = workers.broken;
    const service = new DocumentsService(
      config({ workers: 1, queueLimit: 1, maxInputBytes: 10_000 }),
    );
    try {
      const started = Date.now();
      await expect(service.render('minutes-pdf', input())).rejects.toThrow('cannot load');
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(service.load).toBe(0);
      workerFile = workers.slow;
      expect((await service.render('minutes-pdf', input())).toString('latin1')).toBe('%PDF');
    } finally {
      await service.beforeApplicationShutdown();
    }
  });

  it('on shutdown ends the running and the waiting renders with SERVICE_UNAVAILABLE, and takes no more', async () => {
    workerFile = workers.slow;
    const service = new DocumentsService(
      config({ workers: 1, queueLimit: 1, maxInputBytes: 10_000 }),
    );
    const running = service.render('minutes-pdf', input()).catch((e: unknown) => e);
    const waiting = service.render('minutes-pdf', input()).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await service.beforeApplicationShutdown();
    expect(await waiting).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const first = await running;
    // The running one either finished before the pool stopped or was ended with a 503.
    if (!Buffer.isBuffer(first)) expect(first).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(service.load).toBe(0);
    await expect(service.render('minutes-pdf', input())).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
