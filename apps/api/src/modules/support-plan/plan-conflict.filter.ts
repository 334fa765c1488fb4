import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlanConflictResponse } from '@casustafel/contracts';
import { PlanConflictError } from './plan-store.service';

/**
 * A stale edit of the plan: 409 `PLAN_CONFLICT` with, besides the usual error fields, the plan
 * as it is now, so the client can show what changed and re-apply the user's input.
 */
@Catch(PlanConflictError)
export class PlanConflictFilter implements ExceptionFilter {
  catch(error: PlanConflictError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body: PlanConflictResponse = {
      code: 'PLAN_CONFLICT',
      message: error.message,
      requestId: String(request.id),
      ...(error.details ? { details: error.details } : {}),
      current: error.current,
    };
    void reply.status(409).header('cache-control', 'no-store').send(body);
  }
}
