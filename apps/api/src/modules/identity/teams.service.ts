import { Injectable } from '@nestjs/common';
import type { TeamDetail, TeamSummary } from '@casustafel/contracts';
import { abilityFor, asSubject } from '../../common/access/policy';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { IdentityService } from './identity.service';

/** Teams as their members see them. */
@Injectable()
export class TeamsService {
  constructor(private readonly identity: IdentityService) {}

  async myTeams(actor: Actor): Promise<TeamSummary[]> {
    return this.identity.teamSummaries(await this.identity.findTeams([...actor.teams.keys()]));
  }

  /** A team's page: members only. Another team's member gets FORBIDDEN (recorded as denied). */
  async detail(actor: Actor, teamId: string): Promise<TeamDetail> {
    RequestContext.note({ objectType: 'team', objectId: teamId });
    const team = await this.identity.findTeam(teamId);
    if (
      !team ||
      !abilityFor(actor).can(
        'read',
        asSubject('Team', { id: team.id, organisationId: team.organisationId }),
      )
    ) {
      // Same answer for "does not exist" and "not yours": existence is need-to-know too.
      throw forbidden('this team');
    }
    return this.identity.teamDetail(team);
  }
}
