import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  type ActivateAccountRequest,
  type LoginRequest,
  type SecondFactorRequest,
  type SessionState,
  type TotpEnrolConfirmRequest,
  type TotpEnrolConfirmResponse,
  type TotpEnrolment,
  activateAccountSchema,
  loginRequestSchema,
  secondFactorRequestSchema,
  totpEnrolConfirmSchema,
} from '@casustafel/contracts';
import { Access, Public } from '../../common/access/access.decorator';
import { CurrentSession, RequiredSession } from '../../common/access/current.decorators';
import { ClientIp } from '../../common/http/client-ip.decorator';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { AuthService, type SessionOutcome } from './auth.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { ResolvedSession } from './session.service';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Where this browser's session stands (also the CSRF token to use). */
  @Public()
  @Get('session')
  session(@CurrentSession() session: ResolvedSession | null): Promise<SessionState> {
    return this.auth.state(session);
  }

  @Access('public', 'auth.login')
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @CurrentSession() session: ResolvedSession | null,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionState> {
    return this.answer(reply, await this.auth.login(body.email, body.password, ip, session));
  }

  @Access('session', 'auth.second-factor')
  @Post('second-factor')
  @HttpCode(200)
  async secondFactor(
    @Body(new ZodValidationPipe(secondFactorRequestSchema)) body: SecondFactorRequest,
    @RequiredSession() session: ResolvedSession,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionState> {
    return this.answer(reply, await this.auth.verifySecondFactor(session, body.code));
  }

  @Access('session', 'auth.totp-enrol')
  @Post('totp/enrolment')
  @HttpCode(200)
  startEnrolment(@RequiredSession() session: ResolvedSession): Promise<TotpEnrolment> {
    return this.auth.startEnrolment(session);
  }

  @Access('session', 'auth.totp-enrol')
  @Post('totp/enrolment/confirm')
  @HttpCode(200)
  async confirmEnrolment(
    @Body(new ZodValidationPipe(totpEnrolConfirmSchema)) body: TotpEnrolConfirmRequest,
    @RequiredSession() session: ResolvedSession,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TotpEnrolConfirmResponse> {
    const { outcome, recoveryCodes } = await this.auth.confirmEnrolment(session, body.code);
    return { recoveryCodes, session: this.answer(reply, outcome) };
  }

  @Access('public', 'auth.activate')
  @Post('activate')
  @HttpCode(200)
  async activate(
    @Body(new ZodValidationPipe(activateAccountSchema)) body: ActivateAccountRequest,
    @CurrentSession() session: ResolvedSession | null,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionState> {
    return this.answer(reply, await this.auth.activate(body.token, body.password, ip, session));
  }

  @Access('session', 'auth.logout')
  @Post('logout')
  @HttpCode(204)
  async logout(
    @RequiredSession() session: ResolvedSession,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(session);
    clearSessionCookie(reply, this.config);
  }

  private answer(reply: FastifyReply, outcome: SessionOutcome): SessionState {
    if (outcome.token) setSessionCookie(reply, this.config, outcome.token);
    void reply.header('cache-control', 'no-store');
    return outcome.state;
  }
}
