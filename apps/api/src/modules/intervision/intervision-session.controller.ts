import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  attendancePeriodSchema,
  type IntervisionAttendance,
  type IntervisionSessionView,
  type MyIntervisionSession,
  startIntervisionSessionSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { IntervisionAttendanceService } from './intervision-attendance.service';
import { IntervisionSessionService } from './intervision-session.service';

const langSchema = z.strictObject({ lang: z.enum(['nl', 'en']).default('nl') });

function pdf(reply: FastifyReply, name: string): void {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${name}.pdf"`);
}

/**
 * Intervision sessions on released copies (the live room itself is the engine's: socket
 * `session:join` / `session:command`, `GET /api/live-sessions/:id`), and attendance records.
 */
@Controller()
export class IntervisionSessionController {
  constructor(
    private readonly sessions: IntervisionSessionService,
    private readonly attendance: IntervisionAttendanceService,
  ) {}

  @Access('team:read', 'intervision-session.start')
  @Post('intervision-cases/:copyId/sessions')
  start(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
    @Body(new ZodValidationPipe(startIntervisionSessionSchema))
    body: z.output<typeof startIntervisionSessionSchema>,
  ): Promise<IntervisionSessionView> {
    return this.sessions.start(actor, copyId, body);
  }

  @Access('team:read', 'intervision-session.read')
  @Get('intervision-sessions/:sessionId')
  read(
    @CurrentActor() actor: Actor,
    @IdParam('sessionId') sessionId: string,
  ): Promise<IntervisionSessionView> {
    return this.sessions.view(actor, sessionId);
  }

  @Access('team:read', 'intervision-session.end')
  @Post('intervision-sessions/:sessionId/end')
  @HttpCode(200)
  end(
    @CurrentActor() actor: Actor,
    @IdParam('sessionId') sessionId: string,
  ): Promise<IntervisionSessionView> {
    return this.sessions.end(actor, sessionId);
  }

  @Access('team:read', 'intervision-attendance.list')
  @Get('intervision-sessions/:sessionId/attendance')
  sessionAttendance(
    @CurrentActor() actor: Actor,
    @IdParam('sessionId') sessionId: string,
  ): Promise<IntervisionAttendance[]> {
    return this.attendance.ofSession(actor, sessionId);
  }

  @Access('team:read', 'intervision-attendance.export')
  @Get('intervision-sessions/:sessionId/attendance.pdf')
  @Header('cache-control', 'no-store')
  async sessionAttendancePdf(
    @CurrentActor() actor: Actor,
    @IdParam('sessionId') sessionId: string,
    @Query(new ZodValidationPipe(langSchema)) query: z.output<typeof langSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.attendance.sessionPdf(actor, sessionId, query.lang);
    pdf(reply, `${query.lang === 'en' ? 'attendance' : 'presentielijst'}-${sessionId}`);
    return file;
  }

  @Access('team:read', 'intervision-session.list')
  @Get('me/intervision-sessions')
  mine(@CurrentActor() actor: Actor): Promise<MyIntervisionSession[]> {
    return this.sessions.mine(actor);
  }

  @Access('team:read', 'intervision-attendance.list')
  @Get('me/intervision-attendance')
  own(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(attendancePeriodSchema))
    query: z.output<typeof attendancePeriodSchema>,
  ): Promise<IntervisionAttendance[]> {
    return this.attendance.own(actor, query.from, query.to);
  }

  @Access('team:read', 'intervision-attendance.export')
  @Get('me/intervision-attendance.pdf')
  @Header('cache-control', 'no-store')
  async ownPdf(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(attendancePeriodSchema))
    query: z.output<typeof attendancePeriodSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.attendance.ownPdf(actor, query.from, query.to, query.lang);
    pdf(reply, `${query.lang === 'en' ? 'attendance' : 'intervisie'}-${query.from}-${query.to}`);
    return file;
  }
}
