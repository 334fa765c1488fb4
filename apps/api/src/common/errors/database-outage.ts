import { Logger } from '@nestjs/common';

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** How often the database is probed during an outage, to notice (and log) its return. */
const PROBE_INTERVAL_MS = 1000;

/** Socket and DNS errors of a connection that could not be made or was lost. */
const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not accepting sessions: admin_shutdown,
 * crash_shutdown, cannot_connect_now, too_many_connections, and class 08 (connection
 * exception).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Messages of node-postgres, its pool and the embedded database thread for a lost database. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection terminated due to connection timeout|Embedded database (thread stopped|closed)|Cannot use a pool after calling end/i;

/**
 * True for an error that means "the database cannot be reached right now" (refused, reset,
 * terminated, timed out, shutting down; the embedded thread gone) rather than a failed
 * statement. Looks through TypeORM's `driverError` and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof e.code === 'string') {
      if (CONNECTION_ERROR_CODES.has(e.code) || isUnavailableSqlState(e.code)) return true;
    }
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (Array.isArray((current as { errors?: unknown }).errors)) {
      // AggregateError of a connect attempt to several addresses (IPv4 and IPv6).
      if ((current as { errors: unknown[] }).errors.some((inner) => isDatabaseUnavailable(inner)))
        return true;
    }
    current = e.driverError ?? e.cause;
  }
  return false;
}

/**
 * SQLSTATEs of a statement the database gave up on because of contention or load, not because
 * it was wrong: serialization_failure, deadlock_detected, lock_not_available (lock timeout),
 * query_canceled (statement timeout). Worth the same call again a moment later.
 */
const BUSY_SQL_STATES: ReadonlySet<string> = new Set(['40001', '40P01', '55P03', '57014']);

/** Seconds a client is asked to wait before retrying a call the busy database gave up on. */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * True for a statement refused by a database that is busy rather than gone (see
 * `BUSY_SQL_STATES`). Looks through TypeORM's `driverError` and `cause` chains.
 */
export function isDatabaseBusy(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && BUSY_SQL_STATES.has(e.code)) return true;
    current = e.driverError ?? e.cause;
  }
  return false;
}

/**
 * The SQLSTATE of a database error (TypeORM's `QueryFailedError` or the driver's own), looking
 * through the `driverError` and `cause` chains; null when there is none.
 */
export function sqlStateOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^(?=.*\d)[0-9A-Z]{5}$/.test(e.code)) return e.code;
    current = e.driverError ?? e.cause;
  }
  return null;
}

/**
 * True for a statement the database refused because of a value in it (SQLSTATE class 22, "data
 * exception": a NUL character in text, a number or date out of range, a string too long for its
 * column…). That is bad input that slipped past validation — a 400, never a 500.
 */
export function isDataException(error: unknown): boolean {
  return sqlStateOf(error)?.startsWith('22') ?? false;
}

/**
 * Logs a database outage once, not once per refused request: a warning when the first call
 * fails for want of the database, an info line when a probe query succeeds again (with how
 * many calls were refused meanwhile). One per process; the app registers how to probe.
 */
export class DatabaseOutageLog {
  private readonly logger = new Logger('Database');
  private down = false;
  private since = 0;
  private refusedCalls = 0;
  private probe: (() => Promise<unknown>) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  get isDown(): boolean {
    return this.down;
  }

  /**
   * How to check that the database answers again (`SELECT 1`), set when an app starts (which
   * begins with a clean slate); null when it closes.
   */
  setProbe(probe: (() => Promise<unknown>) | null): void {
    this.stopProbing();
    this.probe = probe;
    this.down = false;
    this.refusedCalls = 0;
  }

  /** A call was refused because the database is unreachable. */
  refused(error: unknown): void {
    this.refusedCalls += 1;
    if (this.down) return;
    this.down = true;
    this.since = Date.now();
    const code = (error as { code?: unknown } | null)?.code;
    this.logger.warn(
      { reason: typeof code === 'string' ? code : 'connection-lost' },
      'Database unreachable: answering 503 SERVICE_UNAVAILABLE until it is back',
    );
    this.scheduleProbe();
  }

  /** The database answered a query again. */
  recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.stopProbing();
    this.logger.log(
      { downMs: Date.now() - this.since, refusedCalls: this.refusedCalls },
      'Database reachable again',
    );
    this.refusedCalls = 0;
  }

  private scheduleProbe(): void {
    if (this.timer || !this.probe) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const probe = this.probe;
      if (!probe || !this.down) return;
      probe().then(
        () => this.recovered(),
        () => this.scheduleProbe(),
      );
    }, PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  private stopProbing(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The process's outage log (the HTTP and socket filters report to it). */
export const databaseOutage = new DatabaseOutageLog();
