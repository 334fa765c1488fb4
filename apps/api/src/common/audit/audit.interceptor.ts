import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import type { Socket } from 'socket.io';
import { AuditAttribution } from '../../modules/audit/audit-attribution';
import { AuditService } from '../../modules/audit/audit.service';
import { ACCESS_POLICY, type AccessPolicy } from '../access/access.decorator';
import { getRequestAuth, socketAuth } from '../access/request-session';
import { actorRole, RequestContext, type RequestContextStore } from '../context/request-context';
import { DomainError } from '../errors/domain.error';

const DENIED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SECOND_FACTOR_REQUIRED',
  'CSRF_INVALID',
  'NOT_FOUND',
]);

/**
 * Runs every handler inside its request context and writes one audit record per call whose
 * policy names an audit action: `allowed` after success, `denied` for an access refusal in
 * the service (another team's object), `failed` otherwise. The record is stored before the
 * response leaves, so no answered access goes unrecorded.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly attribution: AuditAttribution,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const store = this.storeFor(context);
    return new Observable((subscriber) =>
      RequestContext.run(store, () =>
        next
          .handle()
          .pipe(
            mergeMap(async (value: unknown) => {
              if (policy && policy.audit !== 'none') await this.record(store, policy, 'allowed');
              return value;
            }),
            catchError((error: unknown) => {
              if (!policy || policy.audit === 'none') return throwError(() => error);
              const outcome =
                error instanceof DomainError && DENIED_CODES.has(error.code) ? 'denied' : 'failed';
              return from(this.record(store, policy, outcome)).pipe(
                mergeMap(() => throwError(() => error)),
              );
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }

  private storeFor(context: ExecutionContext): RequestContextStore {
    if (context.getType() === 'ws') {
      const socket = context.switchToWs().getClient<Socket>();
      const auth = socketAuth(socket);
      return {
        requestId: null,
        ip: auth?.ip ?? null,
        channel: 'socket',
        actor: auth?.resolved.actor ?? null,
        audit: {},
      };
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return (
      getRequestAuth(request)?.store ?? {
        requestId: String(request.id),
        ip: request.ip ?? null,
        channel: 'http',
        actor: null,
        audit: {},
      }
    );
  }

  private async record(
    store: RequestContextStore,
    policy: AccessPolicy,
    outcome: 'allowed' | 'denied' | 'failed',
  ): Promise<void> {
    const note = store.audit;
    const teamId = note.context?.['teamId'];
    const object = note.objectType ? { type: note.objectType, id: note.objectId ?? null } : null;
    // No signed-in caller (a failed sign-in, a guest's sign-in): the event belongs to the
    // organisation of the account or invitation it targeted, so that organisation sees it.
    const attributed = store.actor ? null : await this.attribution.attribute(object);
    return this.audit.record({
      action: policy.audit,
      outcome,
      actor: {
        userId: store.actor?.userId ?? null,
        role: actorRole(store.actor, teamId),
        organisationId: store.actor?.organisationId ?? attributed?.organisationId ?? null,
      },
      object,
      clientId: note.clientId ?? attributed?.clientId ?? null,
      purpose: note.purpose ?? null,
      context: note.context ?? null,
      channel: store.channel,
      source: { ip: store.ip, requestId: store.requestId },
      legalBasis: note.legalBasis ?? null,
    });
  }
}
