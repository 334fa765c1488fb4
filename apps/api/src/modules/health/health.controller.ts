import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HealthResponse, ReadyResponse } from '@casustafel/contracts';
import { Public } from '../../common/access/access.decorator';
import { abilityFor } from '../../common/access/policy';
import { getRequestAuth } from '../../common/access/request-session';
import { AppConfig } from '../../config/app-config';
import { HealthService } from './health.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

@Controller()
export class HealthController {
  private readonly operatorDigest: Buffer | null;

  constructor(
    private readonly health: HealthService,
    config: AppConfig,
  ) {
    this.operatorDigest = config.readyDetailsToken ? digest(config.readyDetailsToken) : null;
  }

  /** Liveness: the process runs. */
  @Public()
  @Get('health')
  live(): HealthResponse {
    return this.health.health();
  }

  /**
   * Readiness: 200 when the database answers, 503 otherwise. Anyone (a load balancer) gets
   * `{ status }` only. The details — what is degraded (Redis), each check with the engine and
   * latency, the instance id and schema version — go only to an authorised operator: a signed-in
   * organisation admin (second factor passed; the status page), or monitoring that sends
   * `Authorization: Bearer <READY_DETAILS_TOKEN>` (compared in constant time; without that
   * variable only organisation admins get them).
   */
  @Public()
  @Get('ready')
  async ready(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<ReadyResponse> {
    const result = await this.health.ready();
    void reply.status(result.status === 'ready' ? 200 : 503).header('cache-control', 'no-store');
    return this.isOperator(request, authorization) ? result : { status: result.status };
  }

  private isOperator(request: FastifyRequest, authorization: string | undefined): boolean {
    // The global guard resolved the session (if any) before this public handler.
    const actor = getRequestAuth(request)?.resolved?.actor;
    if (
      actor?.secondFactorPassed &&
      !actor.guest &&
      abilityFor(actor).can('manage', 'Organisation')
    )
      return true;
    if (!this.operatorDigest || !authorization?.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(authorization.slice('Bearer '.length)), this.operatorDigest);
  }
}
