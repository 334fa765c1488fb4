import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type * as z from 'zod';
import type {
  GenogramLink,
  MapPerson,
  ValidationIssue,
  genogramLinkInputSchema,
  genogramLinkUpdateSchema,
  mapPersonInputSchema,
  mapPersonUpdateSchema,
} from '@casustafel/contracts';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { GenogramLinkEntity } from './network-map.entities';
import { NetworkMapService, toLink } from './network-map.service';

type PersonInput = z.output<typeof mapPersonInputSchema>;
type PersonUpdate = z.output<typeof mapPersonUpdateSchema>;
type LinkInput = z.output<typeof genogramLinkInputSchema>;
type LinkUpdate = z.output<typeof genogramLinkUpdateSchema>;

/** The genogram: persons added in the map (or traits of members) and the lines between them. */
@Injectable()
export class GenogramService {
  constructor(
    private readonly maps: NetworkMapService,
    private readonly clock: Clock,
  ) {}

  async addPerson(actor: Actor, householdId: string, input: PersonInput): Promise<MapPerson> {
    if (input.deceased && !input.deceasedConfirmed)
      throw invalidAt('deceasedConfirmed', 'confirm-deceased');
    return this.maps.write(actor, householdId, { type: 'network-person', id: null }, async (tx) => {
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
    await this.maps.write(actor, householdId, { type: 'person', id: personId }, async (tx) => {
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
    await this.maps.write(
      actor,
      householdId,
      { type: 'network-person', id: personId },
      async (tx) => {
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
      },
    );
  }

  private async personIds(tx: EntityManager, householdId: string): Promise<Set<string>> {
    const [members, network] = await Promise.all([
      tx.find(PersonEntity, { where: { householdId }, select: { id: true } }),
      tx.find(NetworkPersonEntity, { where: { householdId }, select: { id: true } }),
    ]);
    return new Set([...members, ...network].map((p) => p.id));
  }

  async addLink(actor: Actor, householdId: string, input: LinkInput): Promise<GenogramLink> {
    return this.maps.write(actor, householdId, { type: 'genogram-link', id: null }, async (tx) => {
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
    return this.maps.write(
      actor,
      householdId,
      { type: 'genogram-link', id: linkId },
      async (tx) => {
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
      },
    );
  }

  async removeLink(actor: Actor, householdId: string, linkId: string): Promise<void> {
    await this.maps.write(actor, householdId, { type: 'genogram-link', id: linkId }, async (tx) => {
      const link = await tx.findOneBy(GenogramLinkEntity, { id: linkId, householdId });
      if (!link) throw invalidAt('linkId', 'not-in-household');
      // The children of a partnership are kept as persons; their lines go with it.
      if (link.kind === 'partnership')
        await tx.delete(GenogramLinkEntity, { householdId, kind: 'child', fromId: link.id });
      await tx.delete(GenogramLinkEntity, { id: link.id });
    });
  }
}
