import { Injectable } from '@nestjs/common';
import type * as z from 'zod';
import type { EcoTie, ecoTieInputSchema, ecoTieUpdateSchema } from '@casustafel/contracts';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { NetworkPersonEntity } from '../case-file/household.entity';
import { EcoTieEntity } from './network-map.entities';
import { NetworkMapService } from './network-map.service';

type TieInput = z.output<typeof ecoTieInputSchema>;
type TieUpdate = z.output<typeof ecoTieUpdateSchema>;

/** The ecogram: the household's ties with people and organisations around it. */
@Injectable()
export class EcogramService {
  constructor(
    private readonly maps: NetworkMapService,
    private readonly clock: Clock,
  ) {}

  async addTie(actor: Actor, householdId: string, input: TieInput): Promise<EcoTie> {
    return this.maps.write(actor, householdId, { type: 'eco-tie', id: null }, async (tx) => {
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
    await this.maps.write(actor, householdId, { type: 'eco-tie', id: tieId }, async (tx) => {
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
    await this.maps.write(actor, householdId, { type: 'eco-tie', id: tieId }, async (tx) => {
      const found = await tx.delete(EcoTieEntity, { id: tieId, householdId });
      if (!found.affected) throw invalidAt('tieId', 'not-in-household');
    });
  }
}
