import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  type AccessLog,
  type Consent,
  type HouseholdDetail,
  type HouseholdSummary,
  type NetworkPerson,
  type Person,
  createConsentSchema,
  createHouseholdSchema,
  networkPersonInputSchema,
  uuidParamSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import {
  HouseholdsService,
  type UpdateHouseholdRequest,
  updateHouseholdSchema,
} from './households.service';

const idPipe = () => new ZodValidationPipe(uuidParamSchema);
const accessLogQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
const CSV_COLUMNS = ['at', 'role', 'organisation', 'action', 'data', 'purpose', 'outcome'] as const;

/** One CSV field: quoted, and a leading formula character neutralised (spreadsheet injection). */
function csvField(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function accessLogCsv(log: AccessLog): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of log.entries) lines.push(CSV_COLUMNS.map((c) => csvField(entry[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Households, their members and network, the consent ledger and the art. 15 access log. */
@Controller()
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Access('client-data', 'household.read')
  @Get('teams/:teamId/households')
  list(
    @CurrentActor() actor: Actor,
    @Param('teamId', idPipe()) teamId: string,
  ): Promise<HouseholdSummary[]> {
    return this.households.list(actor, teamId);
  }

  @Access('client-data', 'household.create')
  @Post('teams/:teamId/households')
  create(
    @CurrentActor() actor: Actor,
    @Param('teamId', idPipe()) teamId: string,
    @Body(new ZodValidationPipe(createHouseholdSchema))
    body: z.output<typeof createHouseholdSchema>,
  ): Promise<HouseholdDetail> {
    return this.households.create(actor, teamId, body);
  }

  @Access('client-data', 'household.read')
  @Get('households/:householdId')
  detail(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
  ): Promise<HouseholdDetail> {
    return this.households.detail(actor, householdId);
  }

  @Access('client-data', 'household.update')
  @Patch('households/:householdId')
  update(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
    @Body(new ZodValidationPipe(updateHouseholdSchema)) body: UpdateHouseholdRequest,
  ): Promise<HouseholdDetail> {
    return this.households.update(actor, householdId, body);
  }

  @Access('client-data', 'person.create')
  @Post('households/:householdId/persons')
  addPerson(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    return this.households.addPerson(actor, householdId, body);
  }

  @Access('client-data', 'person.update')
  @Patch('persons/:personId')
  updatePerson(
    @CurrentActor() actor: Actor,
    @Param('personId', idPipe()) personId: string,
    @Body() body: unknown,
  ): Promise<Person> {
    return this.households.updatePerson(actor, personId, body);
  }

  @Access('client-data', 'network.update')
  @Post('households/:householdId/network')
  addNetworkPerson(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
    @Body(new ZodValidationPipe(networkPersonInputSchema))
    body: z.output<typeof networkPersonInputSchema>,
  ): Promise<NetworkPerson> {
    return this.households.addNetworkPerson(actor, householdId, body);
  }

  @Access('client-data', 'network.update')
  @Delete('network/:networkPersonId')
  @HttpCode(204)
  async removeNetworkPerson(
    @CurrentActor() actor: Actor,
    @Param('networkPersonId', idPipe()) networkPersonId: string,
  ): Promise<void> {
    await this.households.removeNetworkPerson(actor, networkPersonId);
  }

  @Access('client-data', 'consent.create')
  @Post('households/:householdId/consents')
  addConsent(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
    @Body(new ZodValidationPipe(createConsentSchema)) body: z.output<typeof createConsentSchema>,
  ): Promise<Consent> {
    return this.households.addConsent(actor, householdId, body);
  }

  @Access('client-data', 'consent.withdraw')
  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @Param('consentId', idPipe()) consentId: string,
  ): Promise<Consent> {
    return this.households.withdrawConsent(actor, consentId);
  }

  @Access('client-data', 'access-log.export')
  @Get('households/:householdId/access-log')
  @Header('cache-control', 'no-store')
  async accessLog(
    @CurrentActor() actor: Actor,
    @Param('householdId', idPipe()) householdId: string,
    @Query(new ZodValidationPipe(accessLogQuerySchema))
    query: z.output<typeof accessLogQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessLog | string> {
    const log = await this.households.accessLog(actor, householdId);
    if (query.format === 'json') return log;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="inzageverzoek-${householdId}.csv"`);
    return accessLogCsv(log);
  }
}
