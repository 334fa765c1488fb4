import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type InsightComparison,
  type InsightDashboard,
  type InsightExportQuery,
  type InsightQuery,
  type InsightTeam,
  insightExportQuerySchema,
  insightQuerySchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { accessLogLanguage } from '../case-file/households.controller';
import { insightCsv, insightGmsdCsv } from './insight-export';
import type { QueryTiming } from './insight-queries';
import { InsightService } from './insight.service';

/** `Server-Timing` of the dashboard's statements (the benchmark reads it; no data in it). */
function serverTiming(timings: QueryTiming[]): string {
  return timings.map((t) => `${t.name};dur=${t.ms.toFixed(1)}`).join(', ');
}

/** Management information of teams: dashboard, comparison between teams, exports. */
@Controller()
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  @Access('insight', 'insight.read')
  @Get('insight/teams')
  teams(@CurrentActor() actor: Actor): Promise<InsightTeam[]> {
    return this.insight.teams(actor);
  }

  @Access('insight', 'insight.read')
  @Get('insight/compare')
  @Header('cache-control', 'no-store')
  compare(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(insightQuerySchema)) query: InsightQuery,
  ): Promise<InsightComparison> {
    return this.insight.compare(actor, query);
  }

  @Access('insight', 'insight.read')
  @Get('teams/:teamId/insight')
  @Header('cache-control', 'no-store')
  async dashboard(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Query(new ZodValidationPipe(insightQuerySchema)) query: InsightQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InsightDashboard> {
    const timings: QueryTiming[] = [];
    const dashboard = await this.insight.dashboard(actor, teamId, query, timings);
    void reply.header('server-timing', serverTiming(timings));
    return dashboard;
  }

  @Access('insight', 'insight.export')
  @Get('teams/:teamId/insight/export')
  @Header('cache-control', 'no-store')
  async export(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Query(new ZodValidationPipe(insightExportQuerySchema)) query: InsightExportQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const period: InsightQuery = {
      from: query.from,
      to: query.to,
      // The GMSD reports per half year: built from quarters.
      granularity: query.format === 'gmsd' ? 'quarter' : query.granularity,
    };
    const lang = accessLogLanguage(query.lang, request.headers['accept-language']);
    const dashboard = await this.insight.dashboard(actor, teamId, period);
    const body =
      query.format === 'gmsd'
        ? insightGmsdCsv(dashboard, await this.insight.organisationName(actor), lang)
        : insightCsv(dashboard, lang);
    const name = `${query.format === 'gmsd' ? 'gmsd' : 'stuurinformatie'}-${query.from}-${query.to}.csv`;
    void reply
      .header('vary', 'Accept-Language')
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`);
    return body;
  }
}
