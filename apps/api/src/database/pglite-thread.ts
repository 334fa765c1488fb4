import { createRequire } from 'node:module';
import {
  MessageChannel,
  type MessagePort,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';

/** Every open thread, for `takeDatabaseAnswers`. */
const running = new Set<PGliteThread>();

/**
 * Takes the answers the database threads have ready, without waiting for the event loop to
 * come round to their port. Under load a turn of the loop handles many sockets; a transaction
 * of ten statements would wait ten turns. The live gateway calls this on every incoming
 * packet, so answers are picked up between two packets. Costs a few microseconds when idle.
 */
export function takeDatabaseAnswers(): void {
  for (const thread of running) thread.takeAnswers();
}

/**
 * The embedded PGlite on a worker thread of its own. PGlite runs PostgreSQL as WebAssembly,
 * synchronously: on the api's event loop every query (and every checkpoint) stalls the live
 * rooms for its whole duration. Here the loop only posts the wire-protocol bytes of a request
 * and parses the bytes of the answer; the database works beside it.
 *
 * Answers come over a port of their own, which the loop can also read synchronously
 * (`takeDatabaseAnswers`).
 *
 * The worker is plain JavaScript handed over as a string, so the same code runs from the
 * bundled api, the CLI and the TypeScript tests without a second entry point to build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const answer = (message, transfer) => workerData.answers.postMessage(message, transfer);
const { PGlite } = require(workerData.pglitePath);
let db;
const started = PGlite.create(workerData.dataDir).then(
  (created) => { db = created; parentPort.postMessage({ kind: 'ready' }); },
  (error) => parentPort.postMessage({ kind: 'failed', message: String(error && error.message || error) }),
);
// One request at a time, in order: PGlite is single-user and so is its one connection.
let queue = started;
parentPort.on('message', (message) => {
  queue = queue.then(async () => {
    if (message.kind === 'close') {
      if (db) await db.close();
      answer({ kind: 'closed', id: message.id });
      return;
    }
    try {
      const chunks = [];
      let length = 0;
      await db.execProtocolRawStream(message.bytes, {
        onRawData: (data) => { chunks.push(data.slice()); length += data.length; },
      });
      const out = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) { out.set(chunk, offset); offset += chunk.length; }
      answer({ kind: 'result', id: message.id, bytes: out }, [out.buffer]);
    } catch (error) {
      answer({ kind: 'error', id: message.id, message: String(error && error.message || error) });
    }
  });
});
`;

type Started = { kind: 'ready' } | { kind: 'failed'; message: string };
type Answer =
  | { kind: 'result'; id: number; bytes: Uint8Array }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'closed'; id: number };

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * The thread's end of the wire: protocol bytes in, protocol bytes out (`PGliteConnection` is
 * node-postgres's end). Errors of the database come back as protocol messages; only a broken
 * thread rejects.
 */
export class PGliteThread {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly answers: MessagePort;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | null = null;
  private sessions = 0;

  private constructor(dataDir: string) {
    const require = createRequire(import.meta.url);
    const channel = new MessageChannel();
    this.answers = channel.port1;
    this.answers.on('message', (message: Answer) => this.settle(message));
    this.answers.unref();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        dataDir,
        pglitePath: require.resolve('@electric-sql/pglite'),
        answers: channel.port2,
      },
      transferList: [channel.port2],
    });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: Started) => {
        if (message.kind === 'ready') resolve();
        else reject(new Error(message.message));
      });
      const fail = (error: Error) => {
        this.stopped ??= error;
        reject(error);
        for (const { reject: rejectCall } of this.pending.values()) rejectCall(error);
        this.pending.clear();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', (code) =>
        fail(new Error(`Embedded database thread stopped (${code})`)),
      );
    });
    // Unhandled when nobody waits yet; the first caller sees the failure. Once open, the thread
    // keeps the process alive only while a request is under way (see `track`).
    this.waitReady.then(
      () => this.pending.size === 0 && this.worker.unref(),
      () => undefined,
    );
  }

  /** Starts the thread and opens the database in it (`memory://` or a folder). */
  static async start(dataDir: string): Promise<PGliteThread> {
    const thread = new PGliteThread(dataDir);
    try {
      await thread.waitReady;
    } catch (error) {
      await thread.worker.terminate();
      throw error;
    }
    running.add(thread);
    return thread;
  }

  /**
   * True for the first session opened on this thread, false for every later one (which then
   * resets what an earlier one left behind: see `PGliteConnection`).
   */
  openSession(): boolean {
    return this.sessions++ === 0;
  }

  /** Closes the database after the requests already sent, then stops the thread. */
  async close(): Promise<void> {
    if (!this.stopped) {
      this.stopped = new Error('Embedded database closed');
      const id = this.nextId++;
      await new Promise<void>((resolve) => {
        this.track(id, { resolve: () => resolve(), reject: () => resolve() });
        this.worker.postMessage({ kind: 'close', id });
      });
    }
    running.delete(this);
    await this.worker.terminate();
    this.answers.close();
  }

  /**
   * Sends frontend protocol messages (one or several, concatenated) and resolves with the
   * backend's answer to all of them. Answers come in the order requests were sent.
   */
  exec(bytes: Uint8Array): Promise<Uint8Array> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    // A copy of exactly these bytes, handed over rather than cloned: a small Buffer is a view
    // on Node's shared buffer pool (64 KiB here), and cloning a view clones its whole backing
    // store (measured: 18 MB/s of copies and garbage under the benchmark load).
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.track(id, { resolve, reject });
      this.worker.postMessage({ kind: 'exec', id, bytes: own }, [own.buffer]);
    });
  }

  /** Settles the requests whose answers are already here (see `takeDatabaseAnswers`). */
  takeAnswers(): void {
    if (this.pending.size === 0) return;
    for (
      let next = receiveMessageOnPort(this.answers);
      next;
      next = receiveMessageOnPort(this.answers)
    )
      this.settle(next.message as Answer);
  }

  private track(id: number, pending: Pending): void {
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(id, pending);
  }

  private settle(message: Answer): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.kind === 'result') pending.resolve(message.bytes);
    else if (message.kind === 'closed') pending.resolve(new Uint8Array());
    else pending.reject(new Error(message.message));
  }
}
