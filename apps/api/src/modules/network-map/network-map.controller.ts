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
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import * as z from 'zod';
import {
  type EcoTie,
  type GenogramLink,
  MAP_KINDS,
  type MapPerson,
  type MapVersion,
  type MapVersionSummary,
  type NetworkMap,
  ecoTieInputSchema,
  ecoTieUpdateSchema,
  genogramLinkInputSchema,
  genogramLinkUpdateSchema,
  mapPersonInputSchema,
  mapPersonUpdateSchema,
  mapVersionInputSchema,
} from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { IdParam } from '../../common/validation/id-param';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { EcogramService } from './ecogram.service';
import { GenogramService } from './genogram.service';
import { NetworkMapVersionsService } from './network-map-versions.service';
import { NetworkMapService } from './network-map.service';

const exportQuerySchema = z.strictObject({
  kind: z.enum(MAP_KINDS),
  version: z.uuid().optional(),
});

/** The household's genogram and ecogram: the model, changes, versions and SVG exports. */
@Controller('households/:householdId/network-map')
export class NetworkMapController {
  constructor(
    private readonly maps: NetworkMapService,
    private readonly genograms: GenogramService,
    private readonly ecograms: EcogramService,
    private readonly mapVersions: NetworkMapVersionsService,
  ) {}

  @Access('client-data', 'network-map.read')
  @Get()
  @Header('cache-control', 'no-store')
  map(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<NetworkMap> {
    return this.maps.map(actor, householdId);
  }

  @Access('client-data', 'network-map.update')
  @Post('persons')
  addPerson(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(mapPersonInputSchema)) body: z.output<typeof mapPersonInputSchema>,
  ): Promise<MapPerson> {
    return this.genograms.addPerson(actor, householdId, body);
  }

  @Access('client-data', 'network-map.update')
  @Patch('persons/:personId')
  @HttpCode(204)
  async updatePerson(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('personId') personId: string,
    @Body(new ZodValidationPipe(mapPersonUpdateSchema))
    body: z.output<typeof mapPersonUpdateSchema>,
  ): Promise<void> {
    await this.genograms.updatePerson(actor, householdId, personId, body);
  }

  @Access('client-data', 'network-map.update')
  @Delete('persons/:personId')
  @HttpCode(204)
  async removePerson(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('personId') personId: string,
  ): Promise<void> {
    await this.genograms.removePerson(actor, householdId, personId);
  }

  @Access('client-data', 'network-map.update')
  @Post('links')
  addLink(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(genogramLinkInputSchema))
    body: z.output<typeof genogramLinkInputSchema>,
  ): Promise<GenogramLink> {
    return this.genograms.addLink(actor, householdId, body);
  }

  @Access('client-data', 'network-map.update')
  @Patch('links/:linkId')
  updateLink(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('linkId') linkId: string,
    @Body(new ZodValidationPipe(genogramLinkUpdateSchema))
    body: z.output<typeof genogramLinkUpdateSchema>,
  ): Promise<GenogramLink> {
    return this.genograms.updateLink(actor, householdId, linkId, body);
  }

  @Access('client-data', 'network-map.update')
  @Delete('links/:linkId')
  @HttpCode(204)
  async removeLink(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('linkId') linkId: string,
  ): Promise<void> {
    await this.genograms.removeLink(actor, householdId, linkId);
  }

  @Access('client-data', 'network-map.update')
  @Post('ties')
  addTie(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(ecoTieInputSchema)) body: z.output<typeof ecoTieInputSchema>,
  ): Promise<EcoTie> {
    return this.ecograms.addTie(actor, householdId, body);
  }

  @Access('client-data', 'network-map.update')
  @Patch('ties/:tieId')
  @HttpCode(204)
  async updateTie(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('tieId') tieId: string,
    @Body(new ZodValidationPipe(ecoTieUpdateSchema)) body: z.output<typeof ecoTieUpdateSchema>,
  ): Promise<void> {
    await this.ecograms.updateTie(actor, householdId, tieId, body);
  }

  @Access('client-data', 'network-map.update')
  @Delete('ties/:tieId')
  @HttpCode(204)
  async removeTie(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('tieId') tieId: string,
  ): Promise<void> {
    await this.ecograms.removeTie(actor, householdId, tieId);
  }

  @Access('client-data', 'network-map.version')
  @Post('versions')
  saveVersion(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Body(new ZodValidationPipe(mapVersionInputSchema))
    body: z.output<typeof mapVersionInputSchema>,
  ): Promise<MapVersionSummary> {
    return this.mapVersions.saveVersion(actor, householdId, body.name);
  }

  @Access('client-data', 'network-map.read')
  @Get('versions')
  @Header('cache-control', 'no-store')
  versions(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
  ): Promise<MapVersionSummary[]> {
    return this.mapVersions.versions(actor, householdId);
  }

  @Access('client-data', 'network-map.read')
  @Get('versions/:versionId')
  @Header('cache-control', 'no-store')
  version(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @IdParam('versionId') versionId: string,
  ): Promise<MapVersion> {
    return this.mapVersions.version(actor, householdId, versionId);
  }

  @Access('client-data', 'network-map.export')
  @Get('export.svg')
  @Header('cache-control', 'no-store')
  async exportSvg(
    @CurrentActor() actor: Actor,
    @IdParam('householdId') householdId: string,
    @Query(new ZodValidationPipe(exportQuerySchema)) query: z.output<typeof exportQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const svg = await this.mapVersions.svg(actor, householdId, query.kind, query.version ?? null);
    void reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${query.kind}-${householdId}.svg"`);
    return svg;
  }
}
