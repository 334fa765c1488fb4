import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type { EcoTie, GenogramLink, MapPerson, NetworkMap } from '@casustafel/contracts';
import { type Actor } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { CaseFileAccess } from '../case-file/case-file-access';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { EcoTieEntity, GenogramLinkEntity } from './network-map.entities';

/** What the gateway broadcasts after a change. */
export interface NetworkChange {
  householdId: string;
  revision: number;
}

function birthYearOf(dateOfBirth: string | null): number | null {
  return dateOfBirth ? Number(dateOfBirth.slice(0, 4)) : null;
}

/**
 * The household's genogram and ecogram. One model: the persons are the household's members and
 * network persons (with genogram traits on their own rows); links, ties and versions are stored
 * per household. Access as the rest of the case file (`CaseFileAccess`: the household's team,
 * client-data roles only; guests and organisation admins never). Every write (`write`, used by
 * the genogram's and the ecogram's services) bumps the household's `network_revision` in its
 * transaction and is announced on `changed$`. This service reads the maps.
 */
@Injectable()
export class NetworkMapService {
  readonly changed$ = new Subject<NetworkChange>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseFileAccess,
  ) {}

  async map(actor: Actor, householdId: string): Promise<NetworkMap> {
    const household = await this.access.household(actor, householdId, 'read', {
      type: 'network-map',
      id: householdId,
    });
    return this.load(this.dataSource.manager, household);
  }

  /** Checks read access for a socket that follows the maps; answers the current revision. */
  async follow(actor: Actor, householdId: string): Promise<number> {
    const household = await this.access.household(actor, householdId, 'read', {
      type: 'network-map',
      id: householdId,
    });
    return household.networkRevision;
  }

  async load(tx: EntityManager, household: HouseholdEntity): Promise<NetworkMap> {
    const householdId = household.id;
    const [members, network, links, ties] = await Promise.all([
      tx.find(PersonEntity, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      tx.find(NetworkPersonEntity, {
        where: { householdId },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      tx.find(GenogramLinkEntity, {
        where: { householdId },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      tx.find(EcoTieEntity, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    const persons: MapPerson[] = [
      ...members.map((p): MapPerson => ({
        id: p.id,
        kind: 'member',
        name: `${p.givenName} ${p.familyName}`,
        role: p.role,
        relationDetail: null,
        gender: p.gender,
        birthYear: p.birthYear ?? birthYearOf(p.dateOfBirth),
        deceased: p.deceased,
        deathYear: p.deathYear,
        indexPerson: p.indexPerson,
        mapOnly: false,
      })),
      ...network.map((p): MapPerson => ({
        id: p.id,
        kind: 'network',
        name: p.name,
        role: p.relation,
        relationDetail: p.relationDetail,
        gender: p.gender,
        birthYear: p.birthYear,
        deceased: p.deceased,
        deathYear: p.deathYear,
        indexPerson: p.indexPerson,
        mapOnly: p.mapOnly,
      })),
    ];
    const ids = new Set(persons.map((p) => p.id));
    const partnershipIds = new Set(links.filter((l) => l.kind === 'partnership').map((l) => l.id));
    const names = new Map(network.map((p) => [p.id, p.name]));
    return {
      householdId,
      householdLabel: household.label,
      revision: household.networkRevision,
      persons,
      // Links to someone no longer in the household's lists are left out.
      links: links
        .filter(
          (l) =>
            ids.has(l.toId) &&
            (ids.has(l.fromId) || (l.kind === 'child' && partnershipIds.has(l.fromId))),
        )
        .map(toLink),
      ties: ties.map((t): EcoTie => ({
        id: t.id,
        category: t.category,
        label: t.networkPersonId ? (names.get(t.networkPersonId) ?? '') : (t.label ?? ''),
        networkPersonId: t.networkPersonId,
        strength: t.strength,
        energy: t.energy,
        codes: t.codes,
      })),
    };
  }

  /**
   * Runs a change under a row lock on the household, bumps its revision, then announces it.
   * Concurrent changes of one household are serialised; each lands.
   */
  async write<T>(
    actor: Actor,
    householdId: string,
    object: { type: string; id: string | null },
    change: (tx: EntityManager, household: HouseholdEntity) => Promise<T>,
  ): Promise<T> {
    await this.access.household(actor, householdId, 'update', object);
    const { result, revision } = await this.dataSource.manager.transaction(async (tx) => {
      const household = await tx.findOne(HouseholdEntity, {
        where: { id: householdId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!household) throw forbidden('this case file');
      const result = await change(tx, household);
      const revision = household.networkRevision + 1;
      await tx.update(HouseholdEntity, { id: householdId }, { networkRevision: revision });
      return { result, revision };
    });
    this.changed$.next({ householdId, revision });
    return result;
  }
}

/** A stored genogram link as the map shows it. */
export function toLink(l: GenogramLinkEntity): GenogramLink {
  type Of<K extends GenogramLink['kind']> = Extract<GenogramLink, { kind: K }>;
  const line = <K extends GenogramLink['kind']>(kind: K) => ({
    id: l.id,
    kind,
    from: l.fromId,
    to: l.toId,
  });
  if (l.kind === 'partnership') {
    const status = l.variant as Of<'partnership'>['status'];
    return { ...line('partnership'), status, startYear: l.startYear, endYear: l.endYear };
  }
  if (l.kind === 'child') {
    const childType = l.variant as Of<'child'>['childType'];
    return { ...line('child'), childType, twinGroup: l.twinGroup };
  }
  const emotion = l.variant as Of<'emotional'>['emotion'];
  return { ...line('emotional'), emotion, directed: l.directed };
}
