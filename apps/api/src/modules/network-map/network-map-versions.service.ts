import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MapKind, MapVersion, MapVersionSummary } from '@casustafel/contracts';
import { ecogramSvg, genogramSvg } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { UserEntity } from '../identity/user.entity';
import { NetworkMapVersionEntity } from './network-map.entities';
import { NetworkMapService } from './network-map.service';

/** Saved versions of the maps, and a map (or a saved version of it) as an SVG file. */
@Injectable()
export class NetworkMapVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseFileAccess,
    private readonly maps: NetworkMapService,
    private readonly clock: Clock,
  ) {}

  async saveVersion(actor: Actor, householdId: string, name: string): Promise<MapVersionSummary> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: 'network-map-version',
      id: null,
    });
    const map = await this.maps.load(this.dataSource.manager, household);
    const saved = await this.dataSource.manager.save(
      this.dataSource.manager.create(NetworkMapVersionEntity, {
        householdId,
        name,
        map,
        createdByUserId: actor.userId,
        createdAt: this.clock.now(),
      }),
    );
    RequestContext.note({ objectId: saved.id });
    return (await this.summaries([saved]))[0] as MapVersionSummary;
  }

  async versions(actor: Actor, householdId: string): Promise<MapVersionSummary[]> {
    await this.access.household(actor, householdId, 'read', {
      type: 'network-map-version',
      id: null,
    });
    const rows = await this.dataSource.manager.find(NetworkMapVersionEntity, {
      where: { householdId },
      order: { createdAt: 'DESC', id: 'DESC' },
      select: { id: true, name: true, createdAt: true, createdByUserId: true, householdId: true },
    });
    return this.summaries(rows);
  }

  async version(actor: Actor, householdId: string, versionId: string): Promise<MapVersion> {
    await this.access.household(actor, householdId, 'read', {
      type: 'network-map-version',
      id: versionId,
    });
    const row = await this.dataSource.manager.findOneBy(NetworkMapVersionEntity, {
      id: versionId,
      householdId,
    });
    if (!row) throw new DomainError('NOT_FOUND', 'This version does not exist');
    const [summary] = await this.summaries([row]);
    return { ...(summary as MapVersionSummary), map: row.map };
  }

  private async summaries(rows: NetworkMapVersionEntity[]): Promise<MapVersionSummary[]> {
    const users = await this.dataSource.manager.find(UserEntity, {
      where: { id: In([...new Set(rows.map((r) => r.createdByUserId))]) },
      select: { id: true, displayName: true },
    });
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt.toISOString(),
      createdBy: { id: r.createdByUserId, name: names.get(r.createdByUserId) ?? '' },
    }));
  }

  /** The map (or a saved version of it) as a standalone SVG file. */
  async svg(
    actor: Actor,
    householdId: string,
    kind: MapKind,
    versionId: string | null,
  ): Promise<string> {
    const map = versionId
      ? (await this.version(actor, householdId, versionId)).map
      : await this.maps.map(actor, householdId);
    RequestContext.note({ objectType: 'network-map', objectId: versionId ?? householdId });
    const year = this.clock.now().getUTCFullYear();
    return kind === 'genogram' ? genogramSvg(map, year) : ecogramSvg(map);
  }
}
