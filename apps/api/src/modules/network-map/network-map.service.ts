import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager, In } from 'typeorm';
import type * as z from 'zod';
import type {
  EcoTie,
  GenogramLink,
  MapKind,
  MapPerson,
  MapVersion,
  MapVersionSummary,
  NetworkMap,
  ValidationIssue,
  ecoTieInputSchema,
  ecoTieUpdateSchema,
  genogramLinkInputSchema,
  genogramLinkUpdateSchema,
  mapPersonInputSchema,
  mapPersonUpdateSchema,
} from '@casustafel/contracts';
import { ecogramSvg, genogramSvg } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden, invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { UserEntity } from '../identity/user.entity';
import { EcoTieEntity, GenogramLinkEntity, NetworkMapVersionEntity } from './network-map.entities';

type PersonInput = z.output<typeof mapPersonInputSchema>;
type PersonUpdate = z.output<typeof mapPersonUpdateSchema>;
type LinkInput = z.output<typeof genogramLinkInputSchema>;
type LinkUpdate = z.output<typeof genogramLinkUpdateSchema>;
type TieInput = z.output<typeof ecoTieInputSchema>;
type TieUpdate = z.output<typeof ecoTieUpdateSchema>;

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
 * client-data roles only; guests and organisation admins never). Every write bumps the
 * household's `network_revision` in its transaction and is announced on `changed$`.
 */
@Injectable()
export class NetworkMapService {
  readonly changed$ = new Subject<NetworkChange>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseFileAccess,
    private readonly clock: Clock,
  ) {}

  /* ---------- reading ---------- */

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

  private async load(tx: EntityManager, household: HouseholdEntity): Promise<NetworkMap> {
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

  /* ---------- writing ---------- */

  /**
   * Runs a change under a row lock on the household, bumps its revision, then announces it.
   * Concurrent changes of one household are serialised; each lands.
   */
  private async write<T>(
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

  async addPerson(actor: Actor, householdId: string, input: PersonInput): Promise<MapPerson> {
    if (input.deceased && !input.deceasedConfirmed)
      throw invalidAt('deceasedConfirmed', 'confirm-deceased');
    return this.write(actor, householdId, { type: 'network-person', id: null }, async (tx) => {
      const saved = await tx.save(
        tx.create(NetworkPersonEntity, {
          householdId,
          name: input.name,
          relation: input.relation,
          relationDetail: input.relationDetail,
          phone: null,
          gender: input.gender,
          birthYear: input.birthYear,
          deceased: input.deceased,
          deathYear: input.deceased ? input.deathYear : null,
          indexPerson: false,
          mapOnly: true,
          createdAt: this.clock.now(),
        }),
      );
      RequestContext.note({ objectId: saved.id });
      return {
        id: saved.id,
        kind: 'network',
        name: saved.name,
        role: saved.relation,
        relationDetail: saved.relationDetail,
        gender: saved.gender,
        birthYear: saved.birthYear,
        deceased: saved.deceased,
        deathYear: saved.deathYear,
        indexPerson: false,
        mapOnly: true,
      } satisfies MapPerson;
    });
  }

  async updatePerson(
    actor: Actor,
    householdId: string,
    personId: string,
    input: PersonUpdate,
  ): Promise<void> {
    await this.write(actor, householdId, { type: 'person', id: personId }, async (tx) => {
      const member = await tx.findOneBy(PersonEntity, { id: personId, householdId });
      const other = member
        ? null
        : await tx.findOneBy(NetworkPersonEntity, { id: personId, householdId });
      const row = member ?? other;
      if (!row) throw invalidAt('personId', 'not-in-household');
      if (input.deceased === true && !row.deceased && input.deceasedConfirmed !== true)
        throw invalidAt('deceasedConfirmed', 'confirm-deceased');
      if (input.name !== undefined) {
        if (!other) throw invalidAt('name', 'member-name-in-member-form');
        other.name = input.name;
      }
      if (input.gender !== undefined) row.gender = input.gender;
      if (input.birthYear !== undefined) row.birthYear = input.birthYear;
      if (input.deceased !== undefined) row.deceased = input.deceased;
      if (input.deathYear !== undefined) row.deathYear = input.deathYear;
      if (!row.deceased) row.deathYear = null;
      if (input.indexPerson === true) {
        // One index person per household.
        await tx.update(PersonEntity, { householdId }, { indexPerson: false });
        await tx.update(NetworkPersonEntity, { householdId }, { indexPerson: false });
      }
      if (input.indexPerson !== undefined) row.indexPerson = input.indexPerson;
      if (member) {
        member.updatedAt = this.clock.now();
        await tx.save(member);
      } else await tx.save(other as NetworkPersonEntity);
    });
  }

  /** Removes a person added in the map (`mapOnly`) with their lines; members stay. */
  async removePerson(actor: Actor, householdId: string, personId: string): Promise<void> {
    await this.write(actor, householdId, { type: 'network-person', id: personId }, async (tx) => {
      const row = await tx.findOneBy(NetworkPersonEntity, { id: personId, householdId });
      if (!row?.mapOnly) throw invalidAt('personId', 'not-map-only');
      const partnerships = await tx.find(GenogramLinkEntity, {
        where: [
          { householdId, kind: 'partnership', fromId: personId },
          { householdId, kind: 'partnership', toId: personId },
        ],
      });
      const unions = partnerships.map((p) => p.id);
      await tx.delete(GenogramLinkEntity, { householdId, fromId: In([personId, ...unions]) });
      await tx.delete(GenogramLinkEntity, { householdId, toId: personId });
      await tx.delete(GenogramLinkEntity, { id: In(unions.length ? unions : [personId]) });
      await tx.delete(NetworkPersonEntity, { id: personId });
    });
  }

  private async personIds(tx: EntityManager, householdId: string): Promise<Set<string>> {
    const [members, network] = await Promise.all([
      tx.find(PersonEntity, { where: { householdId }, select: { id: true } }),
      tx.find(NetworkPersonEntity, { where: { householdId }, select: { id: true } }),
    ]);
    return new Set([...members, ...network].map((p) => p.id));
  }

  async addLink(actor: Actor, householdId: string, input: LinkInput): Promise<GenogramLink> {
    return this.write(actor, householdId, { type: 'genogram-link', id: null }, async (tx) => {
      const ids = await this.personIds(tx, householdId);
      const issues: ValidationIssue[] = [];
      let fromOk = ids.has(input.from);
      if (!fromOk && input.kind === 'child')
        fromOk =
          (await tx.countBy(GenogramLinkEntity, {
            id: input.from,
            householdId,
            kind: 'partnership',
          })) > 0;
      if (!fromOk) issues.push({ path: 'from', issue: 'not-in-household' });
      if (!ids.has(input.to)) issues.push({ path: 'to', issue: 'not-in-household' });
      if (input.from === input.to) issues.push({ path: 'to', issue: 'same-person' });
      if (input.kind === 'child') {
        const already = await tx.countBy(GenogramLinkEntity, {
          householdId,
          kind: 'child',
          toId: input.to,
        });
        if (already > 0) issues.push({ path: 'to', issue: 'already-a-child' });
      }
      if (issues.length > 0) throw invalid(issues);
      const saved = await tx.save(
        tx.create(GenogramLinkEntity, {
          householdId,
          kind: input.kind,
          fromId: input.from,
          toId: input.to,
          variant:
            input.kind === 'partnership'
              ? input.status
              : input.kind === 'child'
                ? input.childType
                : input.emotion,
          startYear: input.kind === 'partnership' ? input.startYear : null,
          endYear: input.kind === 'partnership' ? input.endYear : null,
          twinGroup: input.kind === 'child' ? input.twinGroup : null,
          directed: input.kind === 'emotional' ? input.directed : false,
          createdAt: this.clock.now(),
        }),
      );
      RequestContext.note({ objectId: saved.id });
      return toLink(saved);
    });
  }

  async updateLink(
    actor: Actor,
    householdId: string,
    linkId: string,
    input: LinkUpdate,
  ): Promise<GenogramLink> {
    return this.write(actor, householdId, { type: 'genogram-link', id: linkId }, async (tx) => {
      const link = await tx.findOneBy(GenogramLinkEntity, { id: linkId, householdId });
      if (!link) throw invalidAt('linkId', 'not-in-household');
      const issues: ValidationIssue[] = [];
      const allowed: Record<GenogramLinkEntity['kind'], (keyof LinkUpdate)[]> = {
        partnership: ['status', 'startYear', 'endYear'],
        child: ['childType', 'twinGroup'],
        emotional: ['emotion', 'directed'],
      };
      for (const key of Object.keys(input) as (keyof LinkUpdate)[])
        if (input[key] !== undefined && !allowed[link.kind].includes(key))
          issues.push({ path: key, issue: 'not-for-this-kind' });
      if (issues.length > 0) throw invalid(issues);
      if (input.status !== undefined) link.variant = input.status;
      if (input.childType !== undefined) link.variant = input.childType;
      if (input.emotion !== undefined) link.variant = input.emotion;
      if (input.startYear !== undefined) link.startYear = input.startYear;
      if (input.endYear !== undefined) link.endYear = input.endYear;
      if (input.twinGroup !== undefined) link.twinGroup = input.twinGroup;
      if (input.directed !== undefined) link.directed = input.directed;
      return toLink(await tx.save(link));
    });
  }

  async removeLink(actor: Actor, householdId: string, linkId: string): Promise<void> {
    await this.write(actor, householdId, { type: 'genogram-link', id: linkId }, async (tx) => {
      const link = await tx.findOneBy(GenogramLinkEntity, { id: linkId, householdId });
      if (!link) throw invalidAt('linkId', 'not-in-household');
      // The children of a partnership are kept as persons; their lines go with it.
      if (link.kind === 'partnership')
        await tx.delete(GenogramLinkEntity, { householdId, kind: 'child', fromId: link.id });
      await tx.delete(GenogramLinkEntity, { id: link.id });
    });
  }

  async addTie(actor: Actor, householdId: string, input: TieInput): Promise<EcoTie> {
    return this.write(actor, householdId, { type: 'eco-tie', id: null }, async (tx) => {
      let label = input.label;
      if (input.networkPersonId !== null) {
        const person = await tx.findOneBy(NetworkPersonEntity, {
          id: input.networkPersonId,
          householdId,
        });
        if (!person) throw invalidAt('networkPersonId', 'not-in-household');
        label = null;
      } else if (label === null) throw invalidAt('label', 'required');
      const saved = await tx.save(
        tx.create(EcoTieEntity, {
          householdId,
          category: input.category,
          label,
          networkPersonId: input.networkPersonId,
          strength: input.strength,
          energy: input.energy,
          codes: [...new Set(input.codes)],
          createdAt: this.clock.now(),
        }),
      );
      RequestContext.note({ objectId: saved.id });
      const name = input.networkPersonId
        ? ((await tx.findOneBy(NetworkPersonEntity, { id: input.networkPersonId }))?.name ?? '')
        : (label ?? '');
      return {
        id: saved.id,
        category: saved.category,
        label: name,
        networkPersonId: saved.networkPersonId,
        strength: saved.strength,
        energy: saved.energy,
        codes: saved.codes,
      };
    });
  }

  async updateTie(
    actor: Actor,
    householdId: string,
    tieId: string,
    input: TieUpdate,
  ): Promise<void> {
    await this.write(actor, householdId, { type: 'eco-tie', id: tieId }, async (tx) => {
      const tie = await tx.findOneBy(EcoTieEntity, { id: tieId, householdId });
      if (!tie) throw invalidAt('tieId', 'not-in-household');
      if (input.label !== undefined) {
        if (tie.networkPersonId) throw invalidAt('label', 'network-person-name');
        tie.label = input.label;
      }
      if (input.category !== undefined) tie.category = input.category;
      if (input.strength !== undefined) tie.strength = input.strength;
      if (input.energy !== undefined) tie.energy = input.energy;
      if (input.codes !== undefined) tie.codes = [...new Set(input.codes)];
      await tx.save(tie);
    });
  }

  async removeTie(actor: Actor, householdId: string, tieId: string): Promise<void> {
    await this.write(actor, householdId, { type: 'eco-tie', id: tieId }, async (tx) => {
      const found = await tx.delete(EcoTieEntity, { id: tieId, householdId });
      if (!found.affected) throw invalidAt('tieId', 'not-in-household');
    });
  }

  /* ---------- versions ---------- */

  async saveVersion(actor: Actor, householdId: string, name: string): Promise<MapVersionSummary> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: 'network-map-version',
      id: null,
    });
    const map = await this.load(this.dataSource.manager, household);
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

  /* ---------- export ---------- */

  /** The map (or a saved version of it) as a standalone SVG file. */
  async svg(
    actor: Actor,
    householdId: string,
    kind: MapKind,
    versionId: string | null,
  ): Promise<string> {
    const map = versionId
      ? (await this.version(actor, householdId, versionId)).map
      : await this.map(actor, householdId);
    RequestContext.note({ objectType: 'network-map', objectId: versionId ?? householdId });
    const year = this.clock.now().getUTCFullYear();
    return kind === 'genogram' ? genogramSvg(map, year) : ecogramSvg(map);
  }
}

function toLink(l: GenogramLinkEntity): GenogramLink {
  if (l.kind === 'partnership')
    return {
      id: l.id,
      kind: 'partnership',
      from: l.fromId,
      to: l.toId,
      status: l.variant as Extract<GenogramLink, { kind: 'partnership' }>['status'],
      startYear: l.startYear,
      endYear: l.endYear,
    };
  if (l.kind === 'child')
    return {
      id: l.id,
      kind: 'child',
      from: l.fromId,
      to: l.toId,
      childType: l.variant as Extract<GenogramLink, { kind: 'child' }>['childType'],
      twinGroup: l.twinGroup,
    };
  return {
    id: l.id,
    kind: 'emotional',
    from: l.fromId,
    to: l.toId,
    emotion: l.variant as Extract<GenogramLink, { kind: 'emotional' }>['emotion'],
    directed: l.directed,
  };
}
