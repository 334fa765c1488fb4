import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
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
 * The seam between the viewer and the session: turns the signed-in caller of a request into
 * the scope they may read. The accounts feature provides the real resolver (from the session's
 * organisation and role); this default refuses everyone, so the viewer fails closed.
 */
@Injectable()
export class AuditScopeResolver {
  resolve(_request: FastifyRequest): AuditScope | Promise<AuditScope> {
    throw new DomainError('FORBIDDEN', 'No audit scope for this caller');
  }
}
