import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import type { z } from 'zod';
import {
  createAgendaItemSchema,
  createMeetingSchema,
  createMeetingSeriesSchema,
  type MeetingClosePreview,
  type MeetingDetail,
  type MeetingSeriesCreated,
  type MeetingSummary,
  type MyMeetingView,
  type OwedPreparationView,
  type ReorderAgenda,
  reorderAgendaSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AgendaService } from './agenda.service';
import { MeetingCloseService } from './meeting-close.service';
import { MeetingSeriesService } from './meeting-series.service';
import { MeetingsService } from './meetings.service';

/** Meetings of a team, their agenda, publishing and closing. */
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly series: MeetingSeriesService,
    private readonly agenda: AgendaService,
    private readonly closing: MeetingCloseService,
  ) {}

  @Access('meeting', 'meeting.list')
  @Get('teams/:teamId/meetings')
  list(@CurrentActor() actor: Actor, @IdParam('teamId') teamId: string): Promise<MeetingSummary[]> {
    return this.meetings.list(actor, teamId);
  }

  @Access('meeting', 'meeting.create')
  @Post('teams/:teamId/meetings')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Body(new ZodValidationPipe(createMeetingSchema)) body: z.output<typeof createMeetingSchema>,
  ): Promise<MeetingDetail> {
    return this.meetings.create(actor, teamId, body);
  }

  @Access('meeting', 'meeting-series.create')
  @Post('teams/:teamId/meeting-series')
  createSeries(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Body(new ZodValidationPipe(createMeetingSeriesSchema))
    body: z.output<typeof createMeetingSeriesSchema>,
  ): Promise<MeetingSeriesCreated> {
    return this.series.createSeries(actor, teamId, body);
  }

  @Access('meeting', 'meeting.read')
  @Get('meetings/:meetingId')
  detail(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingDetail> {
    return this.meetings.detail(actor, meetingId);
  }

  @Access('meeting', 'meeting.update')
  @Patch('meetings/:meetingId')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(updateMeetingSchema)) body: z.output<typeof updateMeetingSchema>,
  ): Promise<MeetingDetail> {
    return this.meetings.update(actor, meetingId, body);
  }

  @Access('meeting', 'agenda.create')
  @Post('meetings/:meetingId/agenda')
  addItem(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(createAgendaItemSchema))
    body: z.output<typeof createAgendaItemSchema>,
  ): Promise<MeetingDetail> {
    return this.agenda.addItem(actor, meetingId, body);
  }

  @Access('meeting', 'agenda.reorder')
  @Post('meetings/:meetingId/agenda/reorder')
  @HttpCode(200)
  reorder(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(reorderAgendaSchema)) body: ReorderAgenda,
  ): Promise<MeetingDetail> {
    return this.agenda.reorder(actor, meetingId, body);
  }

  @Access('meeting', 'agenda.update')
  @Patch('agenda-items/:itemId')
  updateItem(
    @CurrentActor() actor: Actor,
    @IdParam('itemId') itemId: string,
    @Body(new ZodValidationPipe(updateAgendaItemSchema))
    body: z.output<typeof updateAgendaItemSchema>,
  ): Promise<MeetingDetail> {
    return this.agenda.updateItem(actor, itemId, body);
  }

  @Access('meeting', 'agenda.delete')
  @Delete('agenda-items/:itemId')
  @HttpCode(204)
  deleteItem(@CurrentActor() actor: Actor, @IdParam('itemId') itemId: string): Promise<void> {
    return this.agenda.deleteItem(actor, itemId);
  }

  @Access('meeting', 'meeting.publish')
  @Post('meetings/:meetingId/publish')
  @HttpCode(200)
  publish(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingDetail> {
    return this.meetings.publish(actor, meetingId);
  }

  @Access('meeting', 'meeting.close')
  @Post('meetings/:meetingId/close')
  @HttpCode(200)
  close(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingDetail> {
    return this.closing.close(actor, meetingId);
  }

  @Access('meeting', 'meeting.read')
  @Get('meetings/:meetingId/close-preview')
  closePreview(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingClosePreview> {
    return this.closing.closePreview(actor, meetingId);
  }

  @Access('meeting', 'meeting.cancel')
  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  cancel(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<MeetingDetail> {
    return this.meetings.cancel(actor, meetingId);
  }

  @Access('meeting', 'meeting.list')
  @Get('me/meetings')
  mine(@CurrentActor() actor: Actor): Promise<MyMeetingView[]> {
    return this.meetings.myMeetings(actor);
  }

  @Access('client-data', 'preparation.list')
  @Get('me/preparations')
  preparations(@CurrentActor() actor: Actor): Promise<OwedPreparationView[]> {
    return this.meetings.myPreparations(actor);
  }
}
