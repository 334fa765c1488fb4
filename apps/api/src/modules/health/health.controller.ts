import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { HealthResponse, ReadyResponse } from '@casustafel/contracts';
import { Public } from '../../common/access/access.decorator';
import { HealthService } from './health.service';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process runs. */
  @Public()
  @Get('health')
  live(): HealthResponse {
    return this.health.health();
  }

  /** Readiness: 200 when the database answers, 503 with the same body otherwise. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyResponse> {
    const result = await this.health.ready();
    void reply.status(result.status === 'ready' ? 200 : 503).header('cache-control', 'no-store');
    return result;
  }
}
