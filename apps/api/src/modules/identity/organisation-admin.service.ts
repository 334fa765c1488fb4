import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type {
  CreateTeamRequest,
  InviteUserResponse,
  OrganisationOverview,
  SetMembershipRequest,
  TeamDetail,
  TeamSummary,
  UpdateTeamRequest,
  UpdateUserRequest,
  UserAdminView,
} from '@casustafel/contracts';
import type { inviteUserSchema } from '@casustafel/contracts';
import type { z } from 'zod';
import { abilityFor, asSubject } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { RecoveryCodeEntity } from '../auth/recovery-code.entity';
import { SessionService } from '../auth/session.service';
import { IdentityService } from './identity.service';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { TeamEntity } from './team.entity';
import { UserIdentityEntity } from './user-identity.entity';
import { NEW_ACCOUNT, UserEntity } from './user.entity';

const ACTIVATION_VALID_DAYS = 7;

/**
 * What an organisation admin does: teams, invitations, roles, disabling accounts, ending
 * sessions, resetting a second factor. Everything is scoped to the admin's own organisation
 * and none of it reveals client data.
 */
@Injectable()
export class OrganisationAdminService {
  constructor(
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(UserIdentityEntity)
    private readonly identities: Repository<UserIdentityEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async overview(actor: Actor): Promise<OrganisationOverview> {
    RequestContext.note({ objectType: 'organisation', objectId: actor.organisationId });
    const organisation = await this.organisations.findOneByOrFail({ id: actor.organisationId });
    const teams = await this.teams.findBy({ organisationId: organisation.id });
    // Guest accounts (invited external specialists) are managed per meeting, not here.
    const users = await this.users.findBy({ organisationId: organisation.id, kind: 'staff' });
    return {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      teams: await this.identity.teamSummaries(teams),
      users: await this.userViews(users),
    };
  }

  async createTeam(actor: Actor, request: CreateTeamRequest): Promise<TeamSummary> {
    this.assertManage(actor, 'Team', actor.organisationId);
    await this.assertTeamNameFree(actor.organisationId, request.name);
    const team = await this.teams.save(
      this.teams.create({ organisationId: actor.organisationId, ...request }),
    );
    RequestContext.note({ objectType: 'team', objectId: team.id });
    const [summary] = await this.identity.teamSummaries([team]);
    return summary as TeamSummary;
  }

  async updateTeam(actor: Actor, teamId: string, request: UpdateTeamRequest): Promise<TeamSummary> {
    const team = await this.ownTeam(actor, teamId);
    if (request.name && request.name !== team.name)
      await this.assertTeamNameFree(team.organisationId, request.name);
    Object.assign(team, request);
    await this.teams.save(team);
    const [summary] = await this.identity.teamSummaries([team]);
    return summary as TeamSummary;
  }

  async teamDetail(actor: Actor, teamId: string): Promise<TeamDetail> {
    return this.identity.teamDetail(await this.ownTeam(actor, teamId));
  }

  async setMembership(
    actor: Actor,
    teamId: string,
    userId: string,
    request: SetMembershipRequest,
  ): Promise<TeamDetail> {
    const team = await this.ownTeam(actor, teamId);
    const user = await this.ownUser(actor, userId);
    const roles = [...new Set(request.roles)];
    const existing = await this.memberships.findOneBy({ teamId: team.id, userId: user.id });
    if (existing) {
      existing.roles = roles;
      await this.memberships.save(existing);
    } else {
      await this.memberships.save(
        this.memberships.create({ teamId: team.id, userId: user.id, roles }),
      );
    }
    return this.membershipChanged(team, user);
  }

  async removeMembership(actor: Actor, teamId: string, userId: string): Promise<TeamDetail> {
    const team = await this.ownTeam(actor, teamId);
    const user = await this.ownUser(actor, userId);
    const result = await this.memberships.delete({ teamId: team.id, userId: user.id });
    if (!result.affected)
      throw new DomainError('NOT_FOUND', 'This user is not a member of the team');
    return this.membershipChanged(team, user);
  }

  /** After a membership changed: the audit note, the user's access re-read, the team as now. */
  private membershipChanged(team: TeamEntity, user: UserEntity): Promise<TeamDetail> {
    RequestContext.note({
      objectType: 'membership',
      objectId: user.id,
      context: { teamId: team.id },
    });
    this.sessions.accessChanged(user.id);
    return this.identity.teamDetail(team);
  }

  async inviteUser(
    actor: Actor,
    request: z.output<typeof inviteUserSchema>,
  ): Promise<InviteUserResponse> {
    this.assertManage(actor, 'User', actor.organisationId);
    if (await this.users.existsBy({ email: request.email })) {
      throw new DomainError('CONFLICT', 'An account with this e-mail address exists');
    }
    const team = request.teamId ? await this.ownTeam(actor, request.teamId) : null;
    const { token, hash, expiresAt } = this.activationToken();
    const user = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(UserEntity, {
          ...NEW_ACCOUNT,
          organisationId: actor.organisationId,
          email: request.email,
          displayName: request.displayName,
          discipline: request.discipline,
          orgAdmin: request.orgAdmin,
          activationTokenHash: hash,
          activationExpiresAt: expiresAt,
        }),
      );
      if (team) {
        await manager.save(
          manager.create(MembershipEntity, {
            teamId: team.id,
            userId: created.id,
            roles: request.roles,
          }),
        );
      }
      return created;
    });
    RequestContext.note({ objectType: 'user', objectId: user.id });
    const [view] = await this.userViews([user]);
    return {
      user: view as UserAdminView,
      activationPath: `/activeren#${token}`,
      activationExpiresAt: expiresAt.toISOString(),
    };
  }

  async newActivation(actor: Actor, userId: string): Promise<InviteUserResponse> {
    const user = await this.ownUser(actor, userId);
    if (user.passwordHash) throw new DomainError('CONFLICT', 'This account is already activated');
    const { token, hash, expiresAt } = this.activationToken();
    await this.users.update(user.id, { activationTokenHash: hash, activationExpiresAt: expiresAt });
    const [view] = await this.userViews([user]);
    return {
      user: view as UserAdminView,
      activationPath: `/activeren#${token}`,
      activationExpiresAt: expiresAt.toISOString(),
    };
  }

  async updateUser(
    actor: Actor,
    userId: string,
    request: UpdateUserRequest,
  ): Promise<UserAdminView> {
    const user = await this.ownUser(actor, userId);
    if (user.id === actor.userId && (request.disabled === true || request.orgAdmin === false)) {
      throw new DomainError('CONFLICT', 'Administrators cannot disable or demote themselves');
    }
    const { disabled, ...fields } = request;
    Object.assign(user, fields);
    if (disabled !== undefined)
      user.disabledAt = disabled ? (user.disabledAt ?? this.clock.now()) : null;
    await this.users.save(user);
    if (disabled === true) await this.sessions.endAllForUser(user.id, 'disabled');
    else if (request.orgAdmin !== undefined) this.sessions.accessChanged(user.id);
    const [view] = await this.userViews([user]);
    return view as UserAdminView;
  }

  async endSessions(actor: Actor, userId: string): Promise<void> {
    const user = await this.ownUser(actor, userId);
    await this.sessions.endAllForUser(user.id, 'admin');
  }

  /** The user sets up a new second factor at the next sign-in (lost phone). */
  async resetSecondFactor(actor: Actor, userId: string): Promise<void> {
    const user = await this.ownUser(actor, userId);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, user.id, {
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      });
      await manager.delete(RecoveryCodeEntity, { userId: user.id });
    });
    await this.sessions.endAllForUser(user.id, 'second-factor-reset');
  }

  private async userViews(users: UserEntity[]): Promise<UserAdminView[]> {
    const ids = users.map((u) => u.id);
    const [memberships, sessions, linked] = await Promise.all([
      this.identity.membershipsOf(ids),
      this.sessions.countActive(ids),
      ids.length
        ? this.identities
            .createQueryBuilder('i')
            .select('DISTINCT i.user_id', 'userId')
            .where('i.user_id IN (:...ids)', { ids })
            .getRawMany()
        : [],
    ]);
    const ssoLinked = new Set((linked as { userId: string }[]).map((l) => l.userId));
    return users
      .map((u) => ({
        id: u.id,
        displayName: u.displayName,
        email: u.email,
        discipline: u.discipline,
        orgAdmin: u.orgAdmin,
        status: u.disabledAt
          ? ('disabled' as const)
          : u.passwordHash || ssoLinked.has(u.id)
            ? ('active' as const)
            : ('invited' as const),
        totpEnabled: u.totpEnabledAt !== null,
        ssoLinked: ssoLinked.has(u.id),
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        activeSessions: sessions.get(u.id) ?? 0,
        teams: memberships.get(u.id) ?? [],
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }

  private activationToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: createHash('sha256').update(token).digest('hex'),
      expiresAt: new Date(this.clock.now().getTime() + ACTIVATION_VALID_DAYS * 24 * 3600 * 1000),
    };
  }

  private assertManage(actor: Actor, type: 'Team' | 'User', organisationId: string): void {
    if (!abilityFor(actor).can('manage', asSubject(type, { organisationId }))) {
      throw new DomainError('FORBIDDEN', 'You do not manage this organisation');
    }
  }

  /** A team of the admin's organisation; another organisation's team looks like no team at all. */
  private async ownTeam(actor: Actor, teamId: string): Promise<TeamEntity> {
    RequestContext.note({ objectType: 'team', objectId: teamId });
    const team = await this.teams.findOneBy({ id: teamId });
    if (
      !team ||
      !abilityFor(actor).can('manage', asSubject('Team', { organisationId: team.organisationId }))
    ) {
      throw notFound('team in your organisation');
    }
    return team;
  }

  private async ownUser(actor: Actor, userId: string): Promise<UserEntity> {
    RequestContext.note({ objectType: 'user', objectId: userId });
    const user = await this.users.findOneBy({ id: userId });
    if (
      !user ||
      user.kind !== 'staff' ||
      !abilityFor(actor).can('manage', asSubject('User', { organisationId: user.organisationId }))
    ) {
      throw notFound('user in your organisation');
    }
    return user;
  }

  private async assertTeamNameFree(organisationId: string, name: string): Promise<void> {
    if (await this.teams.existsBy({ organisationId, name })) {
      throw new DomainError('CONFLICT', 'A team with this name exists');
    }
  }
}
