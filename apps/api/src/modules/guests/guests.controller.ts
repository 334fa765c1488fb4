import { Body, Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  type GuestInvitationCreated,
  type GuestInvitationView,
  type GuestSessionView,
  guestSignInSchema,
  inviteGuestSchema,
  type SessionState,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor, CurrentSession } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { ClientIp } from '../../common/http/client-ip.decorator';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../auth/auth.service';
import { switchBrowserSession } from '../auth/session-cookie';
import { type ResolvedSession, SessionService } from '../auth/session.service';
import { GuestAccessService } from './guest-access.service';
import { GuestsService } from './guests.service';

/** Inviting remote specialists to agenda items, and the guest's own sign-in and reading. */
@Controller()
export class GuestsController {
  constructor(
    private readonly guests: GuestsService,
    private readonly guestAccess: GuestAccessService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Access('meeting', 'guest.invite')
  @Post('meetings/:meetingId/guests')
  invite(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @Body(new ZodValidationPipe(inviteGuestSchema)) body: z.output<typeof inviteGuestSchema>,
  ): Promise<GuestInvitationCreated> {
    return this.guests.invite(actor, meetingId, body);
  }

  @Access('meeting', 'guest.list')
  @Get('meetings/:meetingId/guests')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
  ): Promise<GuestInvitationView[]> {
    return this.guests.list(actor, meetingId);
  }

  @Access('meeting', 'guest.revoke')
  @Delete('meetings/:meetingId/guests/:invitationId')
  revoke(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @IdParam('invitationId') invitationId: string,
  ): Promise<GuestInvitationView> {
    return this.guests.revoke(actor, meetingId, invitationId);
  }

  @Access('meeting', 'guest.code')
  @Post('meetings/:meetingId/guests/:invitationId/code')
  newCode(
    @CurrentActor() actor: Actor,
    @IdParam('meetingId') meetingId: string,
    @IdParam('invitationId') invitationId: string,
  ): Promise<GuestInvitationCreated> {
    return this.guests.newCode(actor, meetingId, invitationId);
  }

  @Access('public', 'guest.sign-in')
  @Post('guest/sign-in')
  @HttpCode(200)
  async signIn(
    @Body(new ZodValidationPipe(guestSignInSchema)) body: z.output<typeof guestSignInSchema>,
    @CurrentSession() current: ResolvedSession | null,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionState> {
    const { token } = await this.guestAccess.signIn(body.token, body.code, ip);
    return this.auth.state(
      await switchBrowserSession(this.sessions, this.config, reply, current, token),
    );
  }

  @Access('guest', 'guest.read')
  @Get('guest/session')
  session(@CurrentActor() actor: Actor): Promise<GuestSessionView> {
    return this.guestAccess.session(actor);
  }
}
