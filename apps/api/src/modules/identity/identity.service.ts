import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { CurrentUser, TeamDetail, TeamMembership, TeamSummary } from '@casustafel/contracts';
import { MembershipEntity } from './membership.entity';
import { OrganisationEntity } from './organisation.entity';
import { TeamEntity } from './team.entity';
import { UserEntity } from './user.entity';

/** Read models of users and teams, shared by the auth, teams and admin features. */
@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async currentUser(user: UserEntity): Promise<CurrentUser> {
    const organisation = await this.organisations.findOneByOrFail({ id: user.organisationId });
    return {
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      discipline: user.discipline,
      organisationId: user.organisationId,
      organisationName: organisation.name,
      orgAdmin: user.orgAdmin,
      totpEnabled: user.totpEnabledAt !== null,
      teams: (await this.membershipsOf([user.id])).get(user.id) ?? [],
      guest: user.kind === 'guest',
      family: user.kind === 'family',
      conference: user.kind === 'conference',
    };
  }

  /** userId → the teams they belong to, with roles, sorted by team name. */
  async membershipsOf(userIds: string[]): Promise<Map<string, TeamMembership[]>> {
    const result = new Map<string, TeamMembership[]>();
    if (userIds.length === 0) return result;
    const rows = await this.memberships.find({
      where: { userId: In(userIds) },
      relations: { team: true },
    });
    rows.sort((a, b) => (a.team?.name ?? '').localeCompare(b.team?.name ?? '', 'nl'));
    for (const row of rows) {
      const list = result.get(row.userId) ?? [];
      list.push({ teamId: row.teamId, teamName: row.team?.name ?? '', roles: row.roles });
      result.set(row.userId, list);
    }
    return result;
  }

  async teamSummaries(teams: TeamEntity[]): Promise<TeamSummary[]> {
    if (teams.length === 0) return [];
    const counts = (await this.memberships
      .createQueryBuilder('m')
      .select('m.team_id', 'teamId')
      .addSelect('COUNT(*)', 'count')
      .where('m.team_id IN (:...ids)', { ids: teams.map((t) => t.id) })
      .groupBy('m.team_id')
      .getRawMany()) as { teamId: string; count: string }[];
    const byTeam = new Map(counts.map((c) => [c.teamId, Number(c.count)]));
    return teams
      .map((t) => ({
        id: t.id,
        name: t.name,
        type: t.type,
        memberCount: byTeam.get(t.id) ?? 0,
        createdAt: t.createdAt.toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async teamDetail(team: TeamEntity): Promise<TeamDetail> {
    const [summary] = await this.teamSummaries([team]);
    const rows = await this.memberships.find({
      where: { teamId: team.id },
      relations: { user: true },
    });
    const members = rows
      .filter((m) => m.user && !m.user.disabledAt)
      .map((m) => ({
        userId: m.userId,
        displayName: m.user?.displayName ?? '',
        discipline: m.user?.discipline ?? 'anders',
        roles: m.roles,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
    return { ...(summary as TeamSummary), members };
  }

  findTeam(id: string): Promise<TeamEntity | null> {
    return this.teams.findOneBy({ id });
  }

  findTeams(ids: string[]): Promise<TeamEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.teams.findBy({ id: In(ids) });
  }
}
