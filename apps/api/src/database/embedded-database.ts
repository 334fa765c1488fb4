import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is configured. It is driven
 * through PGlite's node-postgres adapter, so TypeORM takes the very same `pg` driver path as
 * in production. One connection only: PGlite is single-user.
 */
export class EmbeddedDatabase {
  private closed = false;

  private constructor(
    readonly pglite: PGlite,
    readonly dataDir: string,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    const pglite = await PGlite.create(dataDir);
    return new EmbeddedDatabase(pglite, dataDir);
  }

  /** Options for `pg.Pool` (TypeORM's `extra`): one never-idle connection to this PGlite. */
  poolOptions(): Record<string, unknown> {
    const config = createPgConfig(this.pglite);
    return {
      connection: config.connection,
      user: config.user,
      password: config.password,
      database: config.database,
      host: config.host,
      port: config.port,
      max: 1,
      idleTimeoutMillis: 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pglite.close();
  }
}
