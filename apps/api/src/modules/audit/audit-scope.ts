import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { getRequestAuth } from '../../common/access/request-session';
import { DomainError } from '../../common/errors/domain.error';

/**
 * Whose events a reader may see: one organisation's (an organisation admin, a logbeheerder of
 * that organisation), or every event (the platform's own log administrator, the CLI).
 */
export type AuditScope =
  { readonly kind: 'organisation'; readonly organisationId: string } | { readonly kind: 'all' };

export const AUDIT_SCOPE_ALL: AuditScope = { kind: 'all' };

export function organisationScope(organisationId: string): AuditScope {
  return { kind: 'organisation', organisationId };
}

/**
 * Turns the signed-in caller of a request into the scope they may read: an organisation admin
 * reads the own organisation's events (the access guard has already required `audit:read` and
 * a passed second factor). Anyone else is refused, so the viewer fails closed.
 */
@Injectable()
export class AuditScopeResolver {
  resolve(request: FastifyRequest): AuditScope {
    const actor = getRequestAuth(request)?.resolved?.actor;
    if (!actor?.orgAdmin || !actor.secondFactorPassed) {
      throw new DomainError('FORBIDDEN', 'No audit scope for this caller');
    }
    return organisationScope(actor.organisationId);
  }
}
