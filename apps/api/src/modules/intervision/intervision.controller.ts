import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import {
  type IntervisionCase,
  type IntervisionCaseSummary,
  type IntervisionSource,
  createIntervisionCopySchema,
  intervisionReviewSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { IntervisionReviewService } from './intervision-review.service';
import { IntervisionService } from './intervision.service';

/** Intervision copies of cases: make, review, release; the source link for the creator only. */
@Controller()
export class IntervisionController {
  constructor(
    private readonly intervision: IntervisionService,
    private readonly reviews: IntervisionReviewService,
  ) {}

  @Access('client-data', 'intervision-case.create')
  @Post('cases/:caseId/intervision-copies')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(createIntervisionCopySchema))
    body: z.output<typeof createIntervisionCopySchema>,
  ): Promise<IntervisionCase> {
    return this.intervision.create(actor, caseId, body);
  }

  @Access('team:read', 'intervision-case.list')
  @Get('teams/:teamId/intervision-cases')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
  ): Promise<IntervisionCaseSummary[]> {
    return this.intervision.list(actor, teamId);
  }

  @Access('team:read', 'intervision-case.read')
  @Get('intervision-cases/:copyId')
  read(@CurrentActor() actor: Actor, @IdParam('copyId') copyId: string): Promise<IntervisionCase> {
    return this.intervision.read(actor, copyId);
  }

  @Access('team:read', 'intervision-case.review')
  @Post('intervision-cases/:copyId/review')
  @HttpCode(200)
  review(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
    @Body(new ZodValidationPipe(intervisionReviewSchema))
    body: z.output<typeof intervisionReviewSchema>,
  ): Promise<IntervisionCase> {
    return this.reviews.review(actor, copyId, body);
  }

  @Access('team:read', 'intervision-case.release')
  @Post('intervision-cases/:copyId/release')
  @HttpCode(200)
  release(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
  ): Promise<IntervisionCase> {
    return this.reviews.release(actor, copyId);
  }

  @Access('team:read', 'intervision-case.source')
  @Get('intervision-cases/:copyId/source')
  source(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
  ): Promise<IntervisionSource> {
    return this.intervision.source(actor, copyId);
  }
}
