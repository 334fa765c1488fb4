import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '@casustafel/contracts';
import { databaseOutage, sqlStateOf } from './database-outage';
import { mapError } from './to-error-body';

/**
 * Every HTTP error leaves the api as `{ code, message, requestId }` (plus `details`); a lost
 * database is a 503 with `retry-after`, logged once per outage.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = mapError(exception);
    if (error.databaseUnavailable) databaseOutage.refused(exception);
    else if (error.databaseBusy)
      this.logger.warn({ err: exception, requestId: request.id }, 'Database busy: answered 503');
    else if (error.dataException)
      this.logger.warn(
        { sqlState: sqlStateOf(exception), requestId: request.id },
        'The database refused a value that validation let through: answered 400',
      );
    else if (error.unexpected) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error in request');
    }
    const body: ErrorResponse = {
      code: error.code,
      message: error.message,
      requestId: String(request.id),
      ...(error.details ? { details: error.details } : {}),
    };
    if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(error.status).header('cache-control', 'no-store').send(body);
  }
}
