import { mkdir } from 'node:fs/promises';
import { type DataDirLock, lockDataDir } from './data-dir-lock';
import { pgliteClientClass } from './pglite-connection';
import { PGliteThread } from './pglite-thread';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is configured. PGlite runs on a
 * worker thread (`PGliteThread`), so queries never stall the api's event loop, and TypeORM
 * reaches it through `pg` with a connection that speaks the wire protocol to that thread
 * (`PGliteConnection`): the very same driver path as in production.
 *
 * A data directory is opened by one process at a time (`lockDataDir`): a second api, or a
 * backup while the api runs, is refused instead of corrupting the folder.
 */
export class EmbeddedDatabase {
  private closed = false;

  private constructor(
    private readonly thread: PGliteThread,
    readonly dataDir: string,
    private readonly lock: DataDirLock | null,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    let lock: DataDirLock | null = null;
    if (!dataDir.startsWith('memory://')) {
      await mkdir(dataDir, { recursive: true });
      lock = await lockDataDir(dataDir);
    }
    try {
      return new EmbeddedDatabase(await PGliteThread.start(dataDir), dataDir, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /**
   * Options for `pg.Pool` (TypeORM's `extra`): clients that talk to the PGlite thread, one at a
   * time (PGlite is single-user), never closed for idleness.
   */
  poolOptions(): Record<string, unknown> {
    return {
      Client: pgliteClientClass(this.thread),
      user: 'postgres',
      database: 'postgres',
      max: 1,
      idleTimeoutMillis: 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.thread.close();
    } finally {
      await this.lock?.release();
    }
  }
}
