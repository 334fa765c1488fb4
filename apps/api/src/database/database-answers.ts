import { takeDatabaseAnswers } from './pglite-thread';

/**
 * The embedded database's answers arrive from its thread as messages; Node delivers them only
 * between two turns of the event loop. A transport that handles many small packets in one turn
 * (socket.io) calls `take()` between packets so a command waiting on the database does not wait
 * for the whole batch. On PostgreSQL it does nothing.
 */
export class DatabaseAnswers {
  constructor(private readonly embedded: boolean) {}

  take(): void {
    if (this.embedded) takeDatabaseAnswers();
  }
}
