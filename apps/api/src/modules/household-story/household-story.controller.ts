import { Body, Controller, Delete, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import * as z from 'zod';
import {
  type FamilyAccessLog,
  type FamilyAgreementView,
  type FamilyInvitationCreated,
  type FamilyInvitationView,
  type FamilyPlanView,
  type FamilySessionView,
  familyAgreementSchema,
  familySignInSchema,
  inviteFamilySchema,
  type SessionState,
  type TimelinePage,
  timelineQuerySchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor, CurrentSession } from '../../common/access/current.decorators';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { ClientIp } from '../../common/http/client-ip.decorator';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../auth/auth.service';
import { switchBrowserSession } from '../auth/session-cookie';
import { type ResolvedSession, SessionService } from '../auth/session.service';
import { FamilyInvitationsService } from './family-invitations.service';
import { FamilyService } from './family.service';
import { TimelineService } from './timeline.service';

const langQuerySchema = z.strictObject({ lang: z.enum(['nl', 'en']).default('nl') });
type LangQuery = z.output<typeof langQuerySchema>;

/** The household's story (timeline) for the team, and the family's own pages. */
@Controller()
export class HouseholdStoryController {
  constructor(
    private readonly timeline: TimelineService,
    private readonly family: FamilyService,
    private readonly invitations: FamilyInvitationsService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /* ---------- timeline ---------- */

  @Access('client-data', 'timeline.read')
  @Get('cases/:caseId/timeline')
  @Header('cache-control', 'no-store')
  caseTimeline(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Query(new ZodValidationPipe(timelineQuerySchema)) query: z.output<typeof timelineQuerySchema>,
  ): Promise<TimelinePage> {
    return this.timeline.forCase(actor, caseId, query);
  }

  @Access('client-data', 'timeline.read')
  @Get('households/:householdId/timeline')
  @Header('cache-control', 'no-store')
  householdTimeline(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Query(new ZodValidationPipe(timelineQuerySchema)) query: z.output<typeof timelineQuerySchema>,
  ): Promise<TimelinePage> {
    return this.timeline.forHousehold(actor, householdId, query);
  }

  /* ---------- the team issues and stops family links ---------- */

  @Access('client-data', 'family.invite')
  @Post('households/:householdId/family-invitations')
  invite(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(inviteFamilySchema)) body: z.output<typeof inviteFamilySchema>,
  ): Promise<FamilyInvitationCreated> {
    return this.invitations.invite(actor, householdId, body);
  }

  @Access('client-data', 'family.list')
  @Get('households/:householdId/family-invitations')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<FamilyInvitationView[]> {
    return this.invitations.list(actor, householdId);
  }

  @Access('client-data', 'family.revoke')
  @Delete('households/:householdId/family-invitations/:invitationId')
  revoke(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('invitationId') invitationId: string,
  ): Promise<FamilyInvitationView> {
    return this.invitations.revoke(actor, householdId, invitationId);
  }

  /* ---------- the family ---------- */

  @Access('public', 'family.sign-in')
  @Post('family/sign-in')
  @HttpCode(200)
  async signIn(
    @Body(new ZodValidationPipe(familySignInSchema)) body: z.output<typeof familySignInSchema>,
    @CurrentSession() current: ResolvedSession | null,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionState> {
    const { token } = await this.family.signIn(body.token, body.code, ip);
    const resolved = await switchBrowserSession(this.sessions, this.config, reply, current, token);
    // The sign-in is recorded as the family's own (role `family`), not as an anonymous call.
    if (resolved) RequestContext.actAs(resolved.actor);
    return this.auth.state(resolved);
  }

  @Access('family', 'family.read')
  @Get('family/session')
  @Header('cache-control', 'no-store')
  session(@CurrentActor() actor: Actor): Promise<FamilySessionView> {
    return this.family.session(actor);
  }

  @Access('family', 'family.read')
  @Get('family/plan')
  @Header('cache-control', 'no-store')
  plan(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(langQuerySchema)) query: LangQuery,
  ): Promise<FamilyPlanView> {
    return this.family.plan(actor, query.lang);
  }

  @Access('family', 'family.export')
  @Get('family/plan.pdf')
  @Header('cache-control', 'no-store')
  async pdf(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(langQuerySchema)) query: LangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const pdf = await this.family.pdf(actor, query.lang);
    void reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="${query.lang === 'en' ? 'our-plan' : 'ons-plan'}.pdf"`,
      );
    return pdf;
  }

  @Access('family', 'family.agree')
  @Post('family/agreement')
  agree(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(familyAgreementSchema))
    body: z.output<typeof familyAgreementSchema>,
  ): Promise<FamilyAgreementView> {
    return this.family.agree(actor, body);
  }

  @Access('family', 'family.access-log')
  @Get('family/access-log')
  @Header('cache-control', 'no-store')
  accessLog(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(langQuerySchema)) query: LangQuery,
  ): Promise<FamilyAccessLog> {
    return this.family.accessLog(actor, query.lang);
  }
}
