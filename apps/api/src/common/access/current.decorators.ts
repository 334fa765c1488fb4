import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Socket } from 'socket.io';
import type { Actor } from '../context/request-context';
import { DomainError } from '../errors/domain.error';
import type { ResolvedSession } from '../../modules/auth/session.service';
import { getRequestAuth, socketAuth } from './request-session';

function resolvedOf(context: ExecutionContext): ResolvedSession | null {
  if (context.getType() === 'ws')
    return socketAuth(context.switchToWs().getClient<Socket>())?.resolved ?? null;
  return getRequestAuth(context.switchToHttp().getRequest<FastifyRequest>())?.resolved ?? null;
}

/** The caller's session as resolved by the access guard, or null (public handlers). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext) =>
  resolvedOf(context),
);

/** The caller's session; the handler's permission guarantees there is one. */
export const RequiredSession = createParamDecorator(
  (_: unknown, context: ExecutionContext): ResolvedSession => {
    const resolved = resolvedOf(context);
    if (!resolved) throw new DomainError('UNAUTHENTICATED', 'Authentication is required');
    return resolved;
  },
);

/** The signed-in actor; the handler's permission guarantees there is one. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const resolved = resolvedOf(context);
  if (!resolved) throw new DomainError('UNAUTHENTICATED', 'Authentication is required');
  return resolved.actor;
});
