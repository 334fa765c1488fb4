import { Controller, Get } from '@nestjs/common';
import { type TeamDetail, type TeamSummary } from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { TeamsService } from './teams.service';

@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Access('authenticated', 'team.read')
  @Get()
  mine(@CurrentActor() actor: Actor): Promise<TeamSummary[]> {
    return this.teams.myTeams(actor);
  }

  @Access('team:read', 'team.read')
  @Get(':teamId')
  detail(@CurrentActor() actor: Actor, @IdParam('teamId') teamId: string): Promise<TeamDetail> {
    return this.teams.detail(actor, teamId);
  }
}
