import { Controller, Delete, Get, Header, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type CalendarFeedView, calendarFeedTokenSchema } from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { notFound } from '../../common/errors/refusals';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { CalendarService } from './calendar.service';
import { ICS_CONTENT_TYPE } from './ics';

const feedQuerySchema = z.object({ token: z.string().max(200).optional() });

function sendIcs(reply: FastifyReply, filename: string): void {
  void reply
    .header('content-type', ICS_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${filename}"`);
}

/** .ics downloads of meetings and series, and the user's secret calendar feed. */
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Access('meeting', 'calendar.download')
  @Get('meetings/:meetingId/calendar.ics')
  @Header('cache-control', 'no-store')
  async meeting(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ics = await this.calendar.meetingForActor(actor, meetingId);
    sendIcs(reply, `overleg-${meetingId}.ics`);
    return ics;
  }

  @Access('meeting', 'calendar.download')
  @Get('meeting-series/:seriesId/calendar.ics')
  @Header('cache-control', 'no-store')
  async series(
    @CurrentActor() actor: Actor,
    @IdParam('seriesId') seriesId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ics = await this.calendar.seriesForActor(actor, seriesId);
    sendIcs(reply, `reeks-${seriesId}.ics`);
    return ics;
  }

  @Access('authenticated', 'none')
  @Get('calendar/feed')
  feedStatus(@CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.calendar.feedStatus(actor.userId);
  }

  @Access('authenticated', 'calendar-feed.create')
  @Post('calendar/feed')
  regenerate(@CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.calendar.regenerate(actor.userId);
  }

  @Access('authenticated', 'calendar-feed.revoke')
  @Delete('calendar/feed')
  revoke(@CurrentActor() actor: Actor): Promise<CalendarFeedView> {
    return this.calendar.revoke(actor.userId);
  }

  /** The feed a calendar app subscribes to: no session, the secret token is the key. */
  @Access('public', 'calendar-feed.read')
  @Get('calendar/feed.ics')
  @Header('cache-control', 'private, no-store')
  async feed(
    @Query(new ZodValidationPipe(feedQuerySchema)) query: z.output<typeof feedQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = calendarFeedTokenSchema.safeParse(query.token);
    if (!token.success) throw notFound('calendar feed');
    const ics = await this.calendar.feed(token.data);
    void reply.header('content-type', ICS_CONTENT_TYPE);
    return ics;
  }
}
