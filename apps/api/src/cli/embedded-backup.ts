import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { type AuditVerification, verifyAuditChain } from '../modules/audit/audit-verify';
import { lockDataDir } from '../database/data-dir-lock';
import { buildDataSourceOptions } from '../database/data-source-options';
import { EmbeddedDatabase } from '../database/embedded-database';

/** A backup or restore that cannot (or must not) go ahead: the CLI prints it and exits 1. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface DataDirInspection {
  /** Migrations recorded as applied. */
  migrations: number;
  /** Rows per table of the public schema (migrations table included). */
  rows: Record<string, number>;
  audit: AuditVerification;
}

export interface BackupSummary extends DataDirInspection {
  file: string;
  bytes: number;
  sha256: string;
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function folderOnly(dataDir: string): void {
  if (dataDir.startsWith('memory://')) {
    throw new BackupError('DATA_DIR is memory://: an in-memory database has nothing to back up');
  }
}

/**
 * Opens a data directory the way the api does (its own lock, the PGlite thread, TypeORM,
 * no migrations run, nothing written) and reports what it holds: the migrations applied, the
 * rows per table and the audit chain's verification.
 */
export async function inspectDataDir(dataDir: string): Promise<DataDirInspection> {
  const embedded = await EmbeddedDatabase.open(dataDir);
  const config = { engine: 'pglite', dataDir } as AppConfig['database'];
  const dataSource = await new DataSource({
    ...buildDataSourceOptions(config, embedded),
    migrationsRun: false,
  }).initialize();
  try {
    const tables = (await dataSource.query(
      `SELECT "tablename" FROM "pg_tables" WHERE "schemaname" = 'public' ORDER BY "tablename"`,
    )) as { tablename: string }[];
    const rows: Record<string, number> = {};
    for (const { tablename } of tables) {
      const [count] = (await dataSource.query(
        `SELECT count(*)::int AS "n" FROM "public"."${tablename.replace(/"/g, '""')}"`,
      )) as { n: number }[];
      rows[tablename] = count?.n ?? 0;
    }
    if (rows['migrations'] === undefined) {
      throw new BackupError('No Casustafel database here (no migrations table)');
    }
    return { migrations: rows['migrations'], rows, audit: await verifyAuditChain(dataSource) };
  } finally {
    await dataSource.destroy();
    await embedded.close();
  }
}

/**
 * The tar inside a gzip'ed archive, checked before PGlite sees it: PGlite's own decompression
 * turns a damaged file into an uncaught exception that ends the process.
 */
function untarGz(archive: Buffer): Buffer {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch {
    throw new BackupError('Not a readable Casustafel backup: not a gzip archive');
  }
  // A ustar header (magic at offset 257) and a PostgreSQL data directory inside.
  if (tar.subarray(257, 262).toString('latin1') !== 'ustar' || !tar.includes('PG_VERSION')) {
    throw new BackupError('Not a readable Casustafel backup: no data directory in the archive');
  }
  return tar;
}

/** Unpacks an archive into `dataDir` (absent or empty) with PGlite's own loader. */
async function unpack(archive: Buffer, dataDir: string): Promise<void> {
  const tar = untarGz(archive);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create({
    dataDir,
    loadDataDir: new File([new Uint8Array(tar)], 'casustafel.tar', { type: 'application/x-tar' }),
  });
  await db.close();
}

/**
 * Checks an archive without touching any live data directory: unpacks it into a temporary
 * folder, opens it as the api would and verifies the audit chain.
 */
export async function verifyArchive(file: string): Promise<DataDirInspection> {
  const archive = await readFile(file);
  const scratch = await mkdtemp(path.join(tmpdir(), 'casustafel-verify-'));
  try {
    await unpack(archive, path.join(scratch, 'data'));
    const inspection = await inspectDataDir(path.join(scratch, 'data'));
    if (!inspection.audit.ok) {
      throw new BackupError(
        `The archive's audit chain is broken at seq ${inspection.audit.firstBrokenSeq}: ${inspection.audit.reason}`,
      );
    }
    return inspection;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Not a readable Casustafel backup: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Backs up the embedded database at `dataDir` into `toFile` (a gzip'ed tar of the data
 * directory, PGlite's `dumpDataDir`), while nobody else has it open (the lock refuses a running
 * api), then verifies the written archive. Never overwrites a file.
 */
export async function backupEmbedded(dataDir: string, toFile: string): Promise<BackupSummary> {
  folderOnly(dataDir);
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    throw new BackupError(`No embedded database in ${dataDir}`);
  }
  if (await exists(toFile)) throw new BackupError(`${toFile} exists; choose another file name`);
  const lock = await lockDataDir(dataDir);
  let archive: Buffer;
  try {
    const db = await PGlite.create(dataDir);
    try {
      const dump = await db.dumpDataDir('gzip');
      archive = Buffer.from(await dump.arrayBuffer());
    } finally {
      await db.close();
    }
  } finally {
    await lock.release();
  }
  const partial = `${toFile}.partial`;
  await writeFile(partial, archive, { flag: 'wx', mode: 0o600 });
  await rename(partial, toFile);
  const inspection = await verifyArchive(toFile);
  return {
    ...inspection,
    file: toFile,
    bytes: archive.length,
    sha256: createHash('sha256').update(archive).digest('hex'),
  };
}

/**
 * Restores an archive into `dataDir`, which must be absent or empty (restore into a fresh data
 * directory; move the old one aside first), then opens and verifies the result. On a failed
 * verification the half-restored folder is removed again.
 */
export async function restoreEmbedded(
  fromFile: string,
  dataDir: string,
): Promise<DataDirInspection> {
  folderOnly(dataDir);
  if (!(await exists(fromFile))) throw new BackupError(`${fromFile} does not exist`);
  if (!(await isEmptyOrAbsent(dataDir))) {
    throw new BackupError(
      `${dataDir} is not empty: restore into a fresh data directory (move the old one aside)`,
    );
  }
  const archive = await readFile(fromFile);
  try {
    await unpack(archive, dataDir);
    const inspection = await inspectDataDir(dataDir);
    if (!inspection.audit.ok) {
      throw new BackupError(
        `The restored audit chain is broken at seq ${inspection.audit.firstBrokenSeq}: ${inspection.audit.reason}`,
      );
    }
    return inspection;
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Not a readable Casustafel backup: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
