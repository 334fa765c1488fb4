import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import type { z } from 'zod';
import {
  type CaseDetail,
  type CaseListQuery,
  type CaseSummary,
  type MeldcodeRecordView,
  type MeldcodeStepRequest,
  type Preparation,
  type PreparationComment,
  type RegisseurCandidate,
  type ZrmAssessment,
  caseListQuerySchema,
  caseTransitionSchema,
  createCaseSchema,
  createPreparationSchema,
  createZrmAssessmentSchema,
  meldcodeStepInputSchema,
  preparationCommentInputSchema,
  updateCaseSchema,
  updatePreparationSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { CasesService } from './cases.service';
import { MeldcodeService } from './meldcode.service';
import { PreparationsService } from './preparations.service';
import { ZrmService } from './zrm.service';

/** Cases, their status lifecycle, ZRM, the Meldcode record and case preparations. */
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly zrm: ZrmService,
    private readonly meldcode: MeldcodeService,
    private readonly preparations: PreparationsService,
  ) {}

  @Access('client-data', 'case.list')
  @Get('teams/:teamId/cases')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Query(new ZodValidationPipe(caseListQuerySchema)) query: CaseListQuery,
  ): Promise<CaseSummary[]> {
    return this.cases.list(actor, teamId, query);
  }

  @Access('client-data', 'case.create')
  @Post('teams/:teamId/cases')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Body(new ZodValidationPipe(createCaseSchema)) body: z.output<typeof createCaseSchema>,
  ): Promise<CaseDetail> {
    return this.cases.create(actor, teamId, body);
  }

  /** Who may be casusregisseur or procesregisseur of the team's cases (for the pickers). */
  @Access('client-data', 'case.list')
  @Get('teams/:teamId/regisseur-candidates')
  regisseurCandidates(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
  ): Promise<RegisseurCandidate[]> {
    return this.cases.regisseurCandidates(actor, teamId);
  }

  @Access('client-data', 'case.read')
  @Get('cases/:caseId')
  detail(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CaseDetail> {
    return this.cases.detail(actor, caseId);
  }

  @Access('client-data', 'case.update')
  @Patch('cases/:caseId')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(updateCaseSchema)) body: z.output<typeof updateCaseSchema>,
  ): Promise<CaseDetail> {
    return this.cases.update(actor, caseId, body);
  }

  @Access('client-data', 'case.status')
  @Post('cases/:caseId/status')
  @HttpCode(200)
  changeStatus(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(caseTransitionSchema)) body: z.output<typeof caseTransitionSchema>,
  ): Promise<CaseDetail> {
    return this.cases.changeStatus(actor, caseId, body.to);
  }

  @Access('client-data', 'zrm.create')
  @Post('cases/:caseId/zrm')
  addZrm(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(createZrmAssessmentSchema))
    body: z.output<typeof createZrmAssessmentSchema>,
  ): Promise<ZrmAssessment> {
    return this.zrm.add(actor, caseId, body);
  }

  @Access('client-data', 'meldcode.open')
  @Post('cases/:caseId/meldcode')
  openMeldcode(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
  ): Promise<MeldcodeRecordView> {
    return this.meldcode.open(actor, caseId);
  }

  @Access('client-data', 'meldcode.step')
  @Post('meldcode/:recordId/steps')
  @HttpCode(200)
  meldcodeStep(
    @CurrentActor() actor: Actor,
    @IdParam('recordId') recordId: string,
    @Body(new ZodValidationPipe(meldcodeStepInputSchema)) body: MeldcodeStepRequest,
  ): Promise<MeldcodeRecordView> {
    return this.meldcode.step(actor, recordId, body);
  }

  @Access('client-data', 'preparation.create')
  @Post('cases/:caseId/preparations')
  addPreparation(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(createPreparationSchema))
    body: z.output<typeof createPreparationSchema>,
  ): Promise<Preparation> {
    return this.preparations.add(actor, caseId, body);
  }

  @Access('client-data', 'preparation.update')
  @Put('preparations/:preparationId')
  updatePreparation(
    @CurrentActor() actor: Actor,
    @IdParam('preparationId') preparationId: string,
    @Body(new ZodValidationPipe(updatePreparationSchema))
    body: z.output<typeof updatePreparationSchema>,
  ): Promise<Preparation> {
    return this.preparations.update(actor, preparationId, body.content);
  }

  @Access('client-data', 'preparation.ready')
  @Post('preparations/:preparationId/ready')
  @HttpCode(200)
  markReady(
    @CurrentActor() actor: Actor,
    @IdParam('preparationId') preparationId: string,
  ): Promise<Preparation> {
    return this.preparations.markReady(actor, preparationId);
  }

  @Access('client-data', 'preparation.update')
  @Post('preparations/:preparationId/draft')
  @HttpCode(200)
  markDraft(
    @CurrentActor() actor: Actor,
    @IdParam('preparationId') preparationId: string,
  ): Promise<Preparation> {
    return this.preparations.markDraft(actor, preparationId);
  }

  @Access('client-data', 'preparation.comment')
  @Post('preparations/:preparationId/comments')
  comment(
    @CurrentActor() actor: Actor,
    @IdParam('preparationId') preparationId: string,
    @Body(new ZodValidationPipe(preparationCommentInputSchema))
    body: z.output<typeof preparationCommentInputSchema>,
  ): Promise<PreparationComment> {
    return this.preparations.comment(actor, preparationId, body.text);
  }
}
