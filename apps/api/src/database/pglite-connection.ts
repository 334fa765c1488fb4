import { EventEmitter } from 'node:events';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { PGliteThread } from './pglite-thread';

const ignore = (): void => undefined;

/** How TypeORM (and people) open a transaction: held back to travel with what follows. */
const TRANSACTION_START = /^\s*(BEGIN|START TRANSACTION)\b[^;]*;?\s*$/i;

/**
 * The wire between node-postgres and the PGlite thread: what `pg`'s own `Connection` does over
 * a TCP socket, done over the thread. Every message `pg` sends in one tick (parse, bind,
 * describe, execute, sync) travels as one request and the thread answers with the backend's
 * bytes, which are parsed here into the very messages `pg` expects from a server. Requests are
 * pipelined: the next one is on its way while the thread still works on the last.
 *
 * PGlite is one session. A new connection stands for a new session, so the first one on a
 * thread starts as is, and each later one first rolls back and discards what an earlier
 * connection may have left behind (an open transaction, prepared statements, settings).
 */
export class PGliteConnection extends EventEmitter {
  // Read by pg.Client, as on its own Connection.
  _connecting = false;
  _ending = false;
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  readonly stream = { destroy: () => this.end(), writable: true };

  private readonly parser = new Parser();
  private outgoing: Uint8Array[] = [];
  private scheduled = false;
  private ended = false;
  /** Settles when the thread has answered everything sent so far. */
  private lastAnswer: Promise<unknown> = Promise.resolve();
  /** A transaction start answered here and not sent yet (see `query`). */
  private heldBegin: Uint8Array | null = null;
  /** Answers of transaction starts sent ahead that are still to come (and to be dropped). */
  private beginsToDrop = 0;

  constructor(private readonly thread: PGliteThread) {
    super();
  }

  connect(): void {
    this._connecting = true;
    const reset = this.thread.openSession()
      ? null
      : Buffer.concat([serialize.query('ROLLBACK'), serialize.query('DISCARD ALL')]);
    this.lastAnswer = this.thread.waitReady
      .then(() => (reset ? this.thread.exec(reset) : null))
      .then(
        () => {
          if (!this.ended) this.emit('readyForQuery', { name: 'readyForQuery', status: 'I' });
        },
        (error: unknown) => this.emit('error', error),
      );
  }

  // Authentication and TLS do not apply to an in-process database; the thread keeps (or
  // stops keeping) the process alive by itself.
  readonly requestSsl = ignore;
  readonly startup = ignore;
  readonly password = ignore;
  readonly cancel = ignore;
  readonly sendSASLInitialResponseMessage = ignore;
  readonly sendSCRAMClientFinalMessage = ignore;
  readonly ref = ignore;
  readonly unref = ignore;

  /**
   * A transaction start (`START TRANSACTION`, `BEGIN`) is answered at once, as the database
   * would, and sent together with the transaction's first statement: one round trip to the
   * thread less per transaction. Nothing happens in between: PostgreSQL takes a transaction's
   * snapshot and locks with its first statement anyway. Should the real answer be an error,
   * the connection reports it as broken (the pool then drops this client).
   */
  query(text: string): void {
    if (this.heldBegin === null && TRANSACTION_START.test(text)) {
      this.heldBegin = serialize.query(text);
      queueMicrotask(() => {
        if (this.ended) return;
        this.emitMessage({ name: 'commandComplete', length: 10, text: 'BEGIN' } as BackendMessage);
        this.emitMessage({ name: 'readyForQuery', length: 5, status: 'T' } as BackendMessage);
      });
      return;
    }
    this.send(serialize.query(text));
  }
  parse(query: Parameters<typeof serialize.parse>[0]): void {
    this.send(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]): void {
    this.send(serialize.bind(config));
  }
  execute(config: Parameters<typeof serialize.execute>[0]): void {
    this.send(serialize.execute(config));
  }
  describe(message: Parameters<typeof serialize.describe>[0]): void {
    this.send(serialize.describe(message));
  }
  close(message: Parameters<typeof serialize.close>[0]): void {
    this.send(serialize.close(message));
  }
  flush(): void {
    this.send(serialize.flush());
  }
  sync(): void {
    this.send(serialize.sync());
  }
  sendCopyFromChunk(chunk: Buffer): void {
    this.send(serialize.copyData(chunk));
  }
  endCopyFrom(): void {
    this.send(serialize.copyDone());
  }
  sendCopyFail(message: string): void {
    this.send(serialize.copyFail(message));
  }

  /** After what was sent has been answered, says `end` and lets go of its listeners. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this._ending = true;
    this.stream.writable = false;
    this.outgoing = [];
    this.heldBegin = null;
    void this.lastAnswer.finally(() => {
      this.emit('end');
      this.removeAllListeners();
    });
  }

  private send(bytes: Uint8Array): void {
    if (this.ended) return;
    if (this.heldBegin) {
      this.outgoing.push(this.heldBegin);
      this.heldBegin = null;
      this.beginsToDrop += 1;
    }
    this.outgoing.push(bytes);
    if (this.scheduled) return;
    this.scheduled = true;
    // Everything pg sends in this tick goes as one request.
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.ended || this.outgoing.length === 0) return;
      const request = Buffer.concat(this.outgoing);
      this.outgoing = [];
      // Answers arrive in the order sent, so they are delivered in that order.
      this.lastAnswer = this.thread.exec(request).then(
        (answer) => this.deliver(answer),
        (error: unknown) => this.emit('error', error),
      );
    });
  }

  private deliver(answer: Uint8Array): void {
    this.parser.parse(
      Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength),
      (message: BackendMessage) => {
        if (this.beginsToDrop > 0) {
          // The answer to a transaction start that was answered already (see `query`).
          if (message.name === 'readyForQuery') this.beginsToDrop -= 1;
          else if (message.name === 'error') this.emit('error', message);
          return;
        }
        this.emitMessage(message);
      },
    );
  }

  private emitMessage(message: BackendMessage): void {
    this.emit('message', message);
    this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
  }
}

/** A `pg.Client` class for `pg.Pool` whose every client talks to the given PGlite thread. */
export function pgliteClientClass(thread: PGliteThread): typeof pg.Client {
  return class PGliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PGliteConnection(thread) } as pg.ClientConfig);
    }
  };
}
