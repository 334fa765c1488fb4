import { randomUUID } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The lock file inside an embedded data directory (PostgreSQL ignores files it does not know). */
export const DATA_DIR_LOCK_FILE = 'casustafel.lock';

/** Another live process (the api, a CLI command) has the embedded data directory open. */
export class DataDirLockedError extends Error {
  constructor(readonly pid: number) {
    super(`The data directory is in use by process ${pid} (is the api running?); stop it first`);
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the single-process lock of an embedded data directory: PGlite is a single-process
 * database in a folder, and two processes on one folder corrupt it. The lock file holds the
 * owner's pid; a lock whose process is gone (killed) is stale and taken over. A lock with this
 * process's own pid counts as stale too: in a container the api is always pid 1, so the lock a
 * killed container left behind carries the pid of its successor.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, DATA_DIR_LOCK_FILE);
  const token = randomUUID();
  const content = `${process.pid}\n${token}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, content, { flag: 'wx', mode: 0o600 });
      return {
        release: async () => {
          const now = await readFile(file, 'utf8').catch(() => '');
          if (now === content) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(
      (await readFile(file, 'utf8').catch(() => '')).split('\n')[0] ?? '',
      10,
    );
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new DataDirLockedError(owner);
    }
    await unlink(file).catch(() => undefined);
  }
  throw new Error('Could not take the data directory lock');
}
