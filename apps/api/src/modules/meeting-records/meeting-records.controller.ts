import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  actionListQuerySchema,
  type ActionView,
  createActionSchema,
  createDecisionSchema,
  type DecisionView,
  type FollowUpView,
  type MeetingRecordsView,
  type MinutesView,
  type MyActionView,
  type RecordCommandResult,
  updateActionStatusSchema,
  updateMinutesSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { LiveSessionService } from '../live-session/live-session.service';
import { MeetingRecordsService } from './meeting-records.service';
import { MinutesService } from './minutes.service';
import { MinutesExportService } from './minutes-export.service';

const actionStatusBodySchema = updateActionStatusSchema.omit({ actionId: true });
/** The minutes PDF in Dutch (default) or English. */
const pdfQuerySchema = z.strictObject({ lang: z.enum(['nl', 'en']).default('nl') });

/** REST equivalents of the live record commands, action lists, follow-up and minutes. */
@Controller()
export class MeetingRecordsController {
  constructor(
    private readonly records: MeetingRecordsService,
    private readonly minutes: MinutesService,
    private readonly exporter: MinutesExportService,
    private readonly live: LiveSessionService,
  ) {}

  @Access('meeting', 'decision.list')
  @Get('meetings/:meetingId/records')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingRecordsView> {
    return this.records.records(actor, meetingId);
  }

  @Access('meeting', 'decision.create')
  @Post('meetings/:meetingId/decisions')
  createDecision(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(createDecisionSchema)) body: z.output<typeof createDecisionSchema>,
  ): Promise<RecordCommandResult<DecisionView>> {
    return this.live.createDecision(actor, meetingId, body);
  }

  @Access('meeting', 'action.create')
  @Post('meetings/:meetingId/actions')
  createAction(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(createActionSchema)) body: z.output<typeof createActionSchema>,
  ): Promise<RecordCommandResult<ActionView>> {
    return this.live.createAction(actor, meetingId, body);
  }

  @Access('meeting', 'action.update')
  @Patch('actions/:actionId')
  updateAction(
    @CurrentActor() actor: Actor,
    @IdParam('actionId') actionId: string,
    @Body(new ZodValidationPipe(actionStatusBodySchema))
    body: z.output<typeof actionStatusBodySchema>,
  ): Promise<RecordCommandResult<ActionView>> {
    return this.live.updateActionStatus(actor, null, { ...body, actionId });
  }

  @Access('meeting', 'action.list')
  @Get('me/actions')
  mine(@CurrentActor() actor: Actor): Promise<MyActionView[]> {
    return this.records.myOpenActions(actor);
  }

  @Access('meeting', 'action.list')
  @Get('teams/:teamId/actions')
  team(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Query(new ZodValidationPipe(actionListQuerySchema))
    query: z.output<typeof actionListQuerySchema>,
  ): Promise<ActionView[]> {
    return this.records.teamActions(actor, teamId, query.status);
  }

  @Access('meeting', 'follow-up.read')
  @Get('agenda-items/:itemId/follow-up')
  followUp(@CurrentActor() actor: Actor, @IdParam('itemId') itemId: string): Promise<FollowUpView> {
    return this.records.followUp(actor, itemId);
  }

  @Access('meeting', 'minutes.generate')
  @Post('meetings/:meetingId/minutes')
  @HttpCode(201)
  generate(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MinutesView> {
    return this.minutes.generateMinutes(actor, meetingId);
  }

  @Access('meeting', 'minutes.read')
  @Get('meetings/:meetingId/minutes')
  read(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MinutesView> {
    return this.minutes.readMinutes(actor, meetingId);
  }

  @Access('meeting', 'minutes.update')
  @Patch('meetings/:meetingId/minutes')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(updateMinutesSchema)) body: z.output<typeof updateMinutesSchema>,
  ): Promise<MinutesView> {
    return this.minutes.updateMinutes(actor, meetingId, body);
  }

  @Access('meeting', 'minutes.approve')
  @Post('meetings/:meetingId/minutes/approve')
  @HttpCode(200)
  approve(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MinutesView> {
    return this.minutes.approveMinutes(actor, meetingId);
  }

  @Access('meeting', 'minutes.export')
  @Get('meetings/:meetingId/minutes.pdf')
  @Header('cache-control', 'no-store')
  async pdf(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Query(new ZodValidationPipe(pdfQuerySchema)) query: z.infer<typeof pdfQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.exporter.pdf(actor, meetingId, query.lang);
    const name = query.lang === 'en' ? 'minutes' : 'verslag';
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}-${meetingId}.pdf"`);
    return pdf;
  }
}
