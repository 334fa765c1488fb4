import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { LiveAck } from '@casustafel/contracts';
import { databaseOutage, sqlStateOf } from './database-outage';
import { mapError } from './to-error-body';

/**
 * Socket counterpart of the HTTP filter: an error in a handler (validation, permission,
 * domain rule) is answered through the event's acknowledgement as `{ ok: false, error }`.
 * The connection stays open; nothing is thrown into socket.io. A lost database answers
 * SERVICE_UNAVAILABLE (the client sends the same command id again), logged once per outage.
 */
@Catch()
export class LiveExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(LiveExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const args = host.getArgs<unknown[]>();
    const socket = args[0] as Socket | undefined;
    const ack = args
      .slice(1)
      .find((a): a is (res: LiveAck<never>) => void => typeof a === 'function');
    const error = mapError(exception);
    if (error.databaseUnavailable) databaseOutage.refused(exception);
    else if (error.databaseBusy)
      this.logger.warn({ err: exception, socketId: socket?.id }, 'Database busy: answered 503');
    else if (error.dataException)
      this.logger.warn(
        { sqlState: sqlStateOf(exception), socketId: socket?.id },
        'The database refused a value that validation let through: answered 400',
      );
    else if (error.unexpected) {
      this.logger.error(
        { err: exception, socketId: socket?.id },
        'Unhandled error in socket handler',
      );
    }
    ack?.({ ok: false, error: { code: error.code, message: error.message } });
  }
}
