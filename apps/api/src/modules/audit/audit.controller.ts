import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type AuditEventPage,
  type AuditEventQuery,
  auditEventQuerySchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AuditScopeResolver } from './audit-scope';
import { AuditService } from './audit.service';

/** The audit log viewer: who did what, when, to which client, newest first. */
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly scopes: AuditScopeResolver,
  ) {}

  @Access('audit:read', 'audit.read')
  @Get()
  @Header('cache-control', 'no-store')
  async list(
    @Query(new ZodValidationPipe(auditEventQuerySchema)) query: AuditEventQuery,
    @Req() request: FastifyRequest,
  ): Promise<AuditEventPage> {
    const scope = await this.scopes.resolve(request);
    return this.audit.query(
      {
        userId: query.userId,
        clientId: query.clientId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        action: query.action,
        outcome: query.outcome,
      },
      { cursor: query.cursor ?? null, limit: query.limit },
      scope,
    );
  }
}
