import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  InsightComparison,
  InsightDashboard,
  InsightQuery,
  InsightTeam,
} from '@casustafel/contracts';
import { buildInsightDashboard, insightHeadline, roundedForComparison } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { localDate } from '../meeting-records/meeting-records.service';
import { type QueryTiming, gatherInsight } from './insight-queries';

/** Purpose code of management information in the audit trail. */
export const INSIGHT_PURPOSE = 'stuurinformatie';

interface TeamRow {
  id: string;
  name: string;
  organisationId: string;
}

/** What a refusal names: the same answer for "no such team" and "not yours". */
const MANAGEMENT_INFORMATION = 'this team’s management information';

/**
 * Management information of a team (issue 15): aggregates only, computed from the recorded
 * work, small cells hidden. Who may read it: a team leader of the team, and an organisation
 * admin for the teams of the own organisation (the policy role; DESIGN.md: an admin reads no
 * client data — and gets none here: only suppressed totals, no row links to a client). The
 * comparison shows the headline figures of every team of the caller's organisation.
 */
@Injectable()
export class InsightService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The teams whose dashboard the caller may read. */
  async teams(actor: Actor): Promise<InsightTeam[]> {
    RequestContext.note({ objectType: 'team-insight', objectId: null, purpose: INSIGHT_PURPOSE });
    const rows = await this.organisationTeams(actor.organisationId);
    return rows.filter((t) => this.may(actor, t)).map(({ id, name }) => ({ id, name }));
  }

  async dashboard(
    actor: Actor,
    teamId: string,
    query: InsightQuery,
    timings: QueryTiming[] = [],
  ): Promise<InsightDashboard> {
    const team = await this.team(actor, teamId);
    const raw = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      gatherInsight(
        manager,
        { teamId: team.id, ...query, today: localDate(this.clock.now()) },
        timings,
      ),
    );
    return {
      team: { id: team.id, name: team.name },
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      minCell: this.config.insightMinCell,
      generatedAt: this.clock.now().toISOString(),
      indicators: buildInsightDashboard(raw, this.config.insightMinCell),
    };
  }

  /** Every team of the caller's organisation side by side (headline figures only). */
  async compare(actor: Actor, query: InsightQuery): Promise<InsightComparison> {
    RequestContext.note({
      objectType: 'organisation-insight',
      objectId: actor.organisationId,
      purpose: INSIGHT_PURPOSE,
    });
    const teams = await this.organisationTeams(actor.organisationId);
    if (!teams.some((t) => this.may(actor, t))) throw forbidden(MANAGEMENT_INFORMATION);
    const today = localDate(this.clock.now());
    const k = this.config.insightMinCell;
    const result: InsightComparison['teams'] = [];
    for (const team of teams) {
      const raw = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
        gatherInsight(manager, { teamId: team.id, ...query, today }),
      );
      result.push({
        id: team.id,
        name: team.name,
        headline: roundedForComparison(insightHeadline(buildInsightDashboard(raw, k))),
      });
    }
    return { from: query.from, to: query.to, minCell: k, teams: result };
  }

  /** The team, if the caller may read its management information (noted for the audit trail). */
  async team(actor: Actor, teamId: string): Promise<TeamRow> {
    RequestContext.note({
      objectType: 'team-insight',
      objectId: teamId,
      purpose: INSIGHT_PURPOSE,
      context: { teamId },
    });
    const [team] = (await this.dataSource.query(
      'SELECT id, name, organisation_id AS "organisationId" FROM team WHERE id = $1',
      [teamId],
    )) as TeamRow[];
    if (!team || !this.may(actor, team)) throw forbidden(MANAGEMENT_INFORMATION);
    return team;
  }

  async organisationName(actor: Actor): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT name FROM organisation WHERE id = $1', [
      actor.organisationId,
    ])) as { name: string }[];
    return row?.name ?? '';
  }

  private may(actor: Actor, team: TeamRow): boolean {
    if (actor.guest || team.organisationId !== actor.organisationId) return false;
    if (actor.teams.get(team.id)?.includes('team_leader')) return true;
    return actor.orgAdmin;
  }

  private organisationTeams(organisationId: string): Promise<TeamRow[]> {
    return this.dataSource.query(
      'SELECT id, name, organisation_id AS "organisationId" FROM team WHERE organisation_id = $1 ORDER BY name',
      [organisationId],
    ) as Promise<TeamRow[]>;
  }
}
