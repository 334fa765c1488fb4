import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  type CreateTeamRequest,
  type InviteUserResponse,
  type OrganisationOverview,
  type SetMembershipRequest,
  type TeamDetail,
  type TeamSummary,
  type UpdateTeamRequest,
  type UpdateUserRequest,
  type UserAdminView,
  createTeamSchema,
  inviteUserSchema,
  setMembershipSchema,
  updateTeamSchema,
  updateUserSchema,
} from '@casustafel/contracts';
import type { z } from 'zod';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { OrganisationAdminService } from './organisation-admin.service';

/** Organisation administration: teams, accounts, roles. No client data passes here. */
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: OrganisationAdminService) {}

  @Access('organisation:manage', 'organisation.read')
  @Get('organisation')
  overview(@CurrentActor() actor: Actor): Promise<OrganisationOverview> {
    return this.admin.overview(actor);
  }

  @Access('organisation:manage', 'team.create')
  @Post('teams')
  createTeam(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(createTeamSchema)) body: CreateTeamRequest,
  ): Promise<TeamSummary> {
    return this.admin.createTeam(actor, body);
  }

  @Access('organisation:manage', 'team.read')
  @Get('teams/:teamId')
  team(@CurrentActor() actor: Actor, @IdParam('teamId') teamId: string): Promise<TeamDetail> {
    return this.admin.teamDetail(actor, teamId);
  }

  @Access('organisation:manage', 'team.update')
  @Patch('teams/:teamId')
  updateTeam(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Body(new ZodValidationPipe(updateTeamSchema)) body: UpdateTeamRequest,
  ): Promise<TeamSummary> {
    return this.admin.updateTeam(actor, teamId, body);
  }

  @Access('organisation:manage', 'membership.update')
  @Put('teams/:teamId/members/:userId')
  setMembership(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @IdParam('userId') userId: string,
    @Body(new ZodValidationPipe(setMembershipSchema)) body: SetMembershipRequest,
  ): Promise<TeamDetail> {
    return this.admin.setMembership(actor, teamId, userId, body);
  }

  @Access('organisation:manage', 'membership.remove')
  @Delete('teams/:teamId/members/:userId')
  removeMembership(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @IdParam('userId') userId: string,
  ): Promise<TeamDetail> {
    return this.admin.removeMembership(actor, teamId, userId);
  }

  @Access('organisation:manage', 'user.invite')
  @Post('users')
  invite(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(inviteUserSchema)) body: z.output<typeof inviteUserSchema>,
  ): Promise<InviteUserResponse> {
    return this.admin.inviteUser(actor, body);
  }

  @Access('organisation:manage', 'user.invite')
  @Post('users/:userId/activation')
  newActivation(
    @CurrentActor() actor: Actor,
    @IdParam('userId') userId: string,
  ): Promise<InviteUserResponse> {
    return this.admin.newActivation(actor, userId);
  }

  @Access('organisation:manage', 'user.update')
  @Patch('users/:userId')
  updateUser(
    @CurrentActor() actor: Actor,
    @IdParam('userId') userId: string,
    @Body(new ZodValidationPipe(updateUserSchema)) body: UpdateUserRequest,
  ): Promise<UserAdminView> {
    return this.admin.updateUser(actor, userId, body);
  }

  @Access('organisation:manage', 'user.sessions-end')
  @Post('users/:userId/sessions/end')
  @HttpCode(204)
  endSessions(@CurrentActor() actor: Actor, @IdParam('userId') userId: string): Promise<void> {
    return this.admin.endSessions(actor, userId);
  }

  @Access('organisation:manage', 'user.totp-reset')
  @Post('users/:userId/totp/reset')
  @HttpCode(204)
  resetTotp(@CurrentActor() actor: Actor, @IdParam('userId') userId: string): Promise<void> {
    return this.admin.resetSecondFactor(actor, userId);
  }
}
