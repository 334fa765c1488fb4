import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import {
  assessErasureRequestSchema,
  createErasureRequestSchema,
  type ErasureRequestView,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { ErasureService } from './erasure.service';

/** AVG art. 17 erasure requests of the organisation: administrators assess and execute them. */
@Controller('admin/erasure-requests')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Access('organisation:manage', 'erasure.list')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<ErasureRequestView[]> {
    return this.erasure.list(actor);
  }

  @Access('organisation:manage', 'erasure.assess')
  @Post(':requestId/assess')
  @HttpCode(200)
  assess(
    @CurrentActor() actor: Actor,
    @IdParam('requestId') requestId: string,
    @Body(new ZodValidationPipe(assessErasureRequestSchema))
    body: z.output<typeof assessErasureRequestSchema>,
  ): Promise<ErasureRequestView> {
    return this.erasure.assess(actor, requestId, body);
  }

  @Access('organisation:manage', 'erasure.execute')
  @Post(':requestId/execute')
  @HttpCode(200)
  execute(
    @CurrentActor() actor: Actor,
    @IdParam('requestId') requestId: string,
  ): Promise<ErasureRequestView> {
    return this.erasure.execute(actor, requestId);
  }
}

/**
 * A member of the household's team files an erasure request from the household page (the
 * administrator, who reads no client data, cannot look the household up and only decides).
 */
@Controller('households/:householdId/erasure-requests')
export class HouseholdErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Access('client-data', 'erasure.request')
  @Post()
  file(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(createErasureRequestSchema))
    body: z.output<typeof createErasureRequestSchema>,
  ): Promise<ErasureRequestView> {
    return this.erasure.file(actor, householdId, body);
  }
}
