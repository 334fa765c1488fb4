import { mkdir } from 'node:fs/promises';
import { pgliteClientClass } from './pglite-connection';
import { PGliteThread } from './pglite-thread';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is configured. PGlite runs on a
 * worker thread (`PGliteThread`), so queries never stall the api's event loop, and TypeORM
 * reaches it through `pg` with a connection that speaks the wire protocol to that thread
 * (`PGliteConnection`): the very same driver path as in production.
 */
export class EmbeddedDatabase {
  private closed = false;

  private constructor(
    private readonly thread: PGliteThread,
    readonly dataDir: string,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    return new EmbeddedDatabase(await PGliteThread.start(dataDir), dataDir);
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
    await this.thread.close();
  }
}
