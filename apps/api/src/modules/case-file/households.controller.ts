import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type AccessLog,
  type AccessLogLanguage,
  ACCESS_LOG_LANGUAGES,
  type Consent,
  type HouseholdDetail,
  type HouseholdSummary,
  type NetworkPerson,
  type Person,
  createConsentSchema,
  createHouseholdSchema,
  networkPersonInputSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { CSV_HEADERS } from './access-log-words';
import { HouseholdMembersService } from './household-members.service';
import {
  HouseholdsService,
  type UpdateHouseholdRequest,
  updateHouseholdSchema,
} from './households.service';

const accessLogQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  /** The language of the words; without it, the request's Accept-Language (Dutch by default). */
  lang: z.enum(ACCESS_LOG_LANGUAGES).optional(),
});
const CSV_COLUMNS = ['at', 'role', 'organisation', 'action', 'data', 'purpose', 'outcome'] as const;
/** UTF-8 byte order mark: Excel then reads the file as UTF-8 (é, ë, ’). */
const BOM = '\uFEFF';

/** English only when the caller prefers it over Dutch; Dutch otherwise. */
export function accessLogLanguage(
  requested: AccessLogLanguage | undefined,
  acceptLanguage: string | undefined,
): AccessLogLanguage {
  if (requested) return requested;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.tag === 'nl' || p.tag === 'en')
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag === 'en' ? 'en' : 'nl';
}

/**
 * One CSV field: always quoted, quotes doubled, and a leading formula character (= + - @, tab,
 * carriage return) neutralised with an apostrophe (spreadsheet formula injection).
 */
export function csvField(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Local time in the Netherlands, as a spreadsheet reads it: `2026-12-06 14:05:09`. */
const CSV_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The overview for Dutch Excel: UTF-8 with BOM, `;` between fields, CRLF, every field quoted. */
export function accessLogCsv(log: AccessLog): string {
  const lines = [CSV_HEADERS[log.lang].map(csvField).join(';')];
  for (const entry of log.entries) {
    const values = { ...entry, at: CSV_TIME.format(new Date(entry.at)) };
    lines.push(CSV_COLUMNS.map((c) => csvField(values[c])).join(';'));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Households, their members and network, the consent ledger and the art. 15 access log. */
@Controller()
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly members: HouseholdMembersService,
  ) {}

  @Access('client-data', 'household.read')
  @Get('teams/:teamId/households')
  list(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
  ): Promise<HouseholdSummary[]> {
    return this.households.list(actor, teamId);
  }

  @Access('client-data', 'household.create')
  @Post('teams/:teamId/households')
  create(
    @CurrentActor() actor: Actor,
    @IdParam('teamId') teamId: string,
    @Body(new ZodValidationPipe(createHouseholdSchema))
    body: z.output<typeof createHouseholdSchema>,
  ): Promise<HouseholdDetail> {
    return this.households.create(actor, teamId, body);
  }

  @Access('client-data', 'household.read')
  @Get('households/:householdId')
  detail(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<HouseholdDetail> {
    return this.households.detail(actor, householdId);
  }

  @Access('client-data', 'household.update')
  @Patch('households/:householdId')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(updateHouseholdSchema)) body: UpdateHouseholdRequest,
  ): Promise<HouseholdDetail> {
    return this.households.update(actor, householdId, body);
  }

  @Access('client-data', 'person.create')
  @Post('households/:householdId/persons')
  addPerson(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    return this.members.addPerson(actor, householdId, body);
  }

  @Access('client-data', 'person.update')
  @Patch('persons/:personId')
  updatePerson(
    @CurrentActor() actor: Actor,
    @IdParam('personId') personId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    return this.members.updatePerson(actor, personId, body);
  }

  @Access('client-data', 'network.update')
  @Post('households/:householdId/network')
  addNetworkPerson(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(networkPersonInputSchema))
    body: z.output<typeof networkPersonInputSchema>,
  ): Promise<NetworkPerson> {
    return this.members.addNetworkPerson(actor, householdId, body);
  }

  @Access('client-data', 'network.update')
  @Delete('network/:networkPersonId')
  @HttpCode(204)
  async removeNetworkPerson(
    @CurrentActor() actor: Actor,
    @IdParam('networkPersonId') networkPersonId: string,
  ): Promise<void> {
    await this.members.removeNetworkPerson(actor, networkPersonId);
  }

  @Access('client-data', 'consent.create')
  @Post('households/:householdId/consents')
  addConsent(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(createConsentSchema)) body: z.output<typeof createConsentSchema>,
  ): Promise<Consent> {
    return this.households.addConsent(actor, householdId, body);
  }

  @Access('client-data', 'consent.withdraw')
  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @IdParam('consentId') consentId: string,
  ): Promise<Consent> {
    return this.households.withdrawConsent(actor, consentId);
  }

  @Access('client-data', 'access-log.export')
  @Get('households/:householdId/access-log')
  @Header('cache-control', 'no-store')
  async accessLog(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Query(new ZodValidationPipe(accessLogQuerySchema))
    query: z.output<typeof accessLogQuerySchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessLog | string> {
    const lang = accessLogLanguage(query.lang, request.headers['accept-language']);
    const log = await this.households.accessLog(actor, householdId, lang);
    void reply.header('vary', 'Accept-Language');
    if (query.format === 'json') return log;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="inzageverzoek-${householdId}.csv"`);
    return accessLogCsv(log);
  }
}
