import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  addBottomLineSchema,
  checkBottomLineSchema,
  recordFollowUpSchema,
  type CircleInvitationCreated,
  circleMemberInputSchema,
  type CircleSuggestion,
  conferenceSignInSchema,
  type ConferenceSessionView,
  type ConferenceSummary,
  type ConferenceView,
  createConferenceSchema,
  type FamilyGroupPlanView,
  inviteCircleMemberSchema,
  savePlanSchema,
  updateConferenceSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor, CurrentSession } from '../../common/access/current.decorators';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { ClientIp } from '../../common/http/client-ip.decorator';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { switchBrowserSession } from '../auth/session-cookie';
import { type ResolvedSession, SessionService } from '../auth/session.service';
import { FamilyConferenceCircleService } from './family-conference-circle.service';
import { ConferenceFollowUpService } from './conference-follow-up.service';
import { ConferencePlanService } from './conference-plan.service';
import { ConferenceReader } from './conference-reader.service';
import { ConferenceSignInService } from './conference-sign-in.service';
import { FamilyConferenceService } from './family-conference.service';

/**
 * The familienetwerkberaad over REST: the team prepares it (`client-data`); everyone in it —
 * staff, and family and network members signed in by link + code (`conference`) — reads it and
 * its plan as far as the phase allows.
 */
@Controller()
export class FamilyConferenceController {
  constructor(
    private readonly conferences: FamilyConferenceService,
    private readonly reader: ConferenceReader,
    private readonly plans: ConferencePlanService,
    private readonly followUps: ConferenceFollowUpService,
    private readonly signIns: ConferenceSignInService,
    private readonly circles: FamilyConferenceCircleService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  /* ---------- preparation by the team ---------- */

  @Access('client-data', 'family-conference.list')
  @Get('households/:householdId/family-conferences')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<ConferenceSummary[]> {
    return this.conferences.list(actor, householdId);
  }

  @Access('client-data', 'family-conference.circle')
  @Get('households/:householdId/family-conference-circle')
  circle(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<CircleSuggestion[]> {
    return this.circles.suggestions(actor, householdId);
  }

  @Access('client-data', 'family-conference.create')
  @Post('households/:householdId/family-conferences')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(createConferenceSchema))
    body: z.output<typeof createConferenceSchema>,
  ): Promise<ConferenceView> {
    return this.conferences.create(actor, householdId, body);
  }

  @Access('conference', 'family-conference.update')
  @Patch('family-conferences/:conferenceId')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Body(new ZodValidationPipe(updateConferenceSchema))
    body: z.output<typeof updateConferenceSchema>,
  ): Promise<ConferenceView> {
    return this.conferences.update(actor, conferenceId, body);
  }

  @Access('conference', 'family-conference.update')
  @Post('family-conferences/:conferenceId/circle')
  addCircleMember(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Body(new ZodValidationPipe(circleMemberInputSchema))
    body: z.output<typeof circleMemberInputSchema>,
  ): Promise<ConferenceView> {
    return this.circles.add(actor, conferenceId, body);
  }

  @Access('conference', 'family-conference.circle-remove')
  @Delete('family-conferences/:conferenceId/circle/:participantId')
  removeCircleMember(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('participantId') participantId: string,
  ): Promise<ConferenceView> {
    return this.circles.remove(actor, conferenceId, participantId);
  }

  @Access('conference', 'family-conference.bottom-line')
  @Post('family-conferences/:conferenceId/bottom-lines')
  addBottomLine(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Body(new ZodValidationPipe(addBottomLineSchema)) body: z.output<typeof addBottomLineSchema>,
  ): Promise<ConferenceView> {
    return this.conferences.addBottomLine(actor, conferenceId, body);
  }

  @Access('conference', 'family-conference.invite')
  @Post('family-conferences/:conferenceId/circle/:participantId/invitation')
  @Header('cache-control', 'no-store')
  invite(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('participantId') participantId: string,
    @Body(new ZodValidationPipe(inviteCircleMemberSchema))
    body: z.output<typeof inviteCircleMemberSchema>,
  ): Promise<CircleInvitationCreated> {
    return this.circles.invite(actor, conferenceId, participantId, body);
  }

  @Access('conference', 'family-conference.revoke')
  @Delete('family-conferences/:conferenceId/circle/:participantId/invitation')
  revokeInvitation(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('participantId') participantId: string,
  ): Promise<ConferenceView> {
    return this.circles.revoke(actor, conferenceId, participantId);
  }

  @Access('conference', 'family-conference.start')
  @Post('family-conferences/:conferenceId/start')
  @HttpCode(200)
  start(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
  ): Promise<ConferenceView> {
    return this.conferences.start(actor, conferenceId);
  }

  /* ---------- the conference and its plan ---------- */

  @Access('conference', 'family-conference.read')
  @Get('family-conferences/:conferenceId')
  @Header('cache-control', 'no-store')
  read(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
  ): Promise<ConferenceView> {
    return this.reader.read(actor, conferenceId);
  }

  @Access('conference', 'family-conference.plan-read')
  @Get('family-conferences/:conferenceId/plan')
  @Header('cache-control', 'no-store')
  readPlan(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
  ): Promise<FamilyGroupPlanView> {
    return this.plans.readPlan(actor, conferenceId);
  }

  @Access('conference', 'family-conference.plan-update')
  @Put('family-conferences/:conferenceId/plan')
  savePlan(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Body(new ZodValidationPipe(savePlanSchema)) body: z.output<typeof savePlanSchema>,
  ): Promise<FamilyGroupPlanView> {
    return this.plans.savePlan(actor, conferenceId, body);
  }

  @Access('conference', 'family-conference.export')
  @Get('family-conferences/:conferenceId/plan.csv')
  @Header('cache-control', 'no-store')
  async exportPlan(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.plans.exportPlan(actor, conferenceId);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="familiegroepsplan.csv"');
    return csv;
  }

  @Access('conference', 'family-conference.bottom-line')
  @Post('family-conferences/:conferenceId/bottom-lines/:lineId/check')
  @HttpCode(200)
  checkBottomLine(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('lineId') lineId: string,
    @Body(new ZodValidationPipe(checkBottomLineSchema))
    body: z.output<typeof checkBottomLineSchema>,
  ): Promise<ConferenceView> {
    return this.plans.checkBottomLine(actor, conferenceId, lineId, body);
  }

  @Access('conference', 'family-conference.accept')
  @Post('family-conferences/:conferenceId/accept')
  @HttpCode(200)
  accept(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
  ): Promise<ConferenceView> {
    return this.plans.accept(actor, conferenceId);
  }

  @Access('conference', 'family-conference.follow-up')
  @Post('family-conferences/:conferenceId/follow-up')
  @HttpCode(200)
  recordFollowUp(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @Body(new ZodValidationPipe(recordFollowUpSchema))
    body: z.output<typeof recordFollowUpSchema>,
  ): Promise<ConferenceView> {
    return this.followUps.recordFollowUp(actor, conferenceId, body);
  }

  /* ---------- family and network by link + code ---------- */

  @Access('public', 'conference.sign-in')
  @Post('conference/sign-in')
  @HttpCode(200)
  async signIn(
    @Body(new ZodValidationPipe(conferenceSignInSchema))
    body: z.output<typeof conferenceSignInSchema>,
    @CurrentSession() current: ResolvedSession | null,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceSessionView> {
    const { token } = await this.signIns.signIn(body.token, body.code, body.consent, ip);
    const resolved = await switchBrowserSession(this.sessions, this.config, reply, current, token);
    // Recorded as the participant's own sign-in, not as an anonymous call.
    if (resolved) RequestContext.actAs(resolved.actor);
    if (!resolved) throw new Error('conference sign-in: the new session did not resolve');
    return this.signIns.session(resolved.actor, resolved.session.csrfToken);
  }

  @Access('conference', 'conference.session')
  @Get('conference/session')
  @Header('cache-control', 'no-store')
  session(
    @CurrentActor() actor: Actor,
    @CurrentSession() current: ResolvedSession | null,
  ): Promise<ConferenceSessionView> {
    return this.signIns.session(actor, current?.session.csrfToken ?? '');
  }
}
