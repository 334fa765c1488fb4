import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Piscina } from 'piscina';
import { DomainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import type { DocumentInputs, DocumentKind, DocumentTask } from './document-kinds';
import { type PdfFontFiles, resolvePdfFonts } from './pdf-fonts';
import { documentsWorkerFile } from './worker-file';

/** A render that takes longer than this (waiting not counted) is stopped; its worker replaced. */
const RENDER_TIMEOUT_MS = 120_000;
/** Memory one worker may use; a document that needs more is refused as too large. */
const WORKER_HEAP_MB = 512;

/**
 * Renders documents (PDFs, later exports) in a bounded pool of worker threads, so a large
 * document never stalls the event loop that serves every live room and `/api/health`.
 * Limits: the input size (413 DOCUMENT_TOO_LARGE), the number of documents rendering or
 * waiting (503 DOCUMENT_BUSY with `retry-after`), a render time and a worker heap limit.
 */
@Injectable()
export class DocumentsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DocumentsService.name);
  /** Resolved at boot: a missing font package fails the start, not the first download. */
  private readonly fonts: PdfFontFiles = resolvePdfFonts();
  private pool: Promise<Piscina<DocumentTask, Uint8Array>> | null = null;
  /** Aborted when the pool fails as a whole (a worker that cannot start): fails its tasks. */
  private poolFailure = new AbortController();
  private inFlight = 0;
  /** Renders handed to the pool (at most `workers`); the rest wait here, in order. */
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closing = false;
  /** Moving average of render times, for `retry-after`. */
  private averageMs = 2_000;

  constructor(private readonly config: AppConfig) {}

  /** Documents rendering or waiting right now. */
  get load(): number {
    return this.inFlight;
  }

  async render<K extends DocumentKind>(kind: K, input: DocumentInputs[K]): Promise<Buffer> {
    const { workers, queueLimit, maxInputBytes } = this.config.documents;
    const bytes = Buffer.byteLength(JSON.stringify(input));
    if (bytes > maxInputBytes)
      throw new DomainError(
        'DOCUMENT_TOO_LARGE',
        `Document input of ${bytes} bytes exceeds the limit`,
        [{ path: '', issue: 'too_big' }],
      );
    if (this.closing)
      throw new DomainError('SERVICE_UNAVAILABLE', 'The instance is shutting down', undefined, 5);
    if (this.inFlight >= workers + queueLimit)
      throw new DomainError(
        'DOCUMENT_BUSY',
        'Every document worker is busy and the queue is full',
        undefined,
        this.retryAfterSeconds(),
      );
    this.inFlight += 1;
    let failure: AbortSignal | undefined;
    let slot = false;
    try {
      await this.acquireSlot();
      slot = true;
      if (this.closing)
        throw new DomainError('SERVICE_UNAVAILABLE', 'The instance is shutting down', undefined, 5);
      const pool = await this.startPool();
      const started = performance.now();
      failure = this.poolFailure.signal;
      const output = await pool.run(
        { kind, input, fonts: this.fonts },
        { signal: AbortSignal.any([AbortSignal.timeout(RENDER_TIMEOUT_MS), failure]) },
      );
      this.averageMs = 0.7 * this.averageMs + 0.3 * (performance.now() - started);
      return Buffer.from(output.buffer, output.byteOffset, output.byteLength);
    } catch (error) {
      if (failure?.aborted) throw failure.reason;
      throw this.mapFailure(error, kind);
    } finally {
      if (slot) this.releaseSlot();
      this.inFlight -= 1;
    }
  }

  /** Waits (FIFO) until fewer than `workers` renders run, so the time limit counts rendering only. */
  private acquireSlot(): Promise<void> {
    if (this.running < this.config.documents.workers) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting render, or frees it. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  /** Before the HTTP server closes: stops the renders, so their requests end at once (503). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    // Waiting renders go on, see `closing` and answer 503 without starting a new pool.
    for (const next of this.waiting.splice(0)) {
      this.running += 1;
      next();
    }
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool.catch(() => null))?.destroy();
  }

  private startPool(): Promise<Piscina<DocumentTask, Uint8Array>> {
    this.pool ??= documentsWorkerFile().then((filename) => {
      const { workers, queueLimit } = this.config.documents;
      const pool = new Piscina<DocumentTask, Uint8Array>({
        filename,
        name: 'default',
        minThreads: 0,
        maxThreads: workers,
        // Our own limit counts first (inFlight); this one only guards the pool itself.
        maxQueue: workers + queueLimit,
        idleTimeout: 60_000,
        // Below the event loop's priority (Linux): live rooms win a shared core.
        niceIncrement: 10,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      // Piscina reports a worker that fails outside a task (e.g. its script does not load)
      // only here, and leaves that task pending: fail the pool's tasks, start afresh next time.
      pool.on('error', (error: unknown) => {
        this.logger.error({ err: error }, 'Document worker failed');
        const failed = this.poolFailure;
        this.poolFailure = new AbortController();
        this.pool = null;
        failed.abort(error);
        void pool.destroy().catch(() => undefined);
      });
      return pool;
    });
    this.pool.catch(() => (this.pool = null));
    return this.pool;
  }

  private retryAfterSeconds(): number {
    const { workers } = this.config.documents;
    const seconds = Math.ceil((this.averageMs * Math.max(1, this.inFlight / workers)) / 1000);
    return Math.min(120, Math.max(1, seconds));
  }

  private mapFailure(error: unknown, kind: DocumentKind): unknown {
    if (error instanceof DomainError) return error;
    if (this.closing)
      return new DomainError('SERVICE_UNAVAILABLE', 'The instance is shutting down', undefined, 5);
    const name = error instanceof Error ? error.name : '';
    const code = (error as { code?: unknown } | null)?.code;
    if (name === 'AbortError' || name === 'TimeoutError') {
      this.logger.warn({ kind }, 'Document render stopped after the time limit');
      return new DomainError('DOCUMENT_TOO_LARGE', 'The document took too long to render', [
        { path: '', issue: 'too_big' },
      ]);
    }
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.logger.warn({ kind }, 'Document render ran out of worker memory');
      return new DomainError('DOCUMENT_TOO_LARGE', 'The document needs too much memory', [
        { path: '', issue: 'too_big' },
      ]);
    }
    if (error instanceof Error && /queue is at limit/i.test(error.message))
      return new DomainError(
        'DOCUMENT_BUSY',
        'Every document worker is busy and the queue is full',
        undefined,
        this.retryAfterSeconds(),
      );
    return error;
  }
}
