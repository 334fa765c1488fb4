import type { EntityManager } from 'typeorm';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { EcoTieEntity, GenogramLinkEntity } from '../network-map/network-map.entities';

/**
 * The Jansen household's genogram (three generations: grandparents with a deceased
 * grandfather, Marieke and her ex-partner, the children) and ecogram (school, work, GP, GGZ,
 * the neighbour, grandmother, football). Map-only persons are network persons of the household.
 */
export async function seedNetworkMaps(
  manager: EntityManager,
  householdId: string,
  people: PersonEntity[],
  riet: NetworkPersonEntity,
  els: NetworkPersonEntity,
  now: Date,
): Promise<void> {
  const [marieke, tim, noor] = people as [PersonEntity, PersonEntity, PersonEntity];
  await manager.update(PersonEntity, { id: marieke.id }, { gender: 'vrouw' });
  await manager.update(PersonEntity, { id: tim.id }, { gender: 'man', indexPerson: true });
  await manager.update(PersonEntity, { id: noor.id }, { gender: 'vrouw' });
  await manager.update(NetworkPersonEntity, { id: riet.id }, { gender: 'vrouw', birthYear: 1958 });
  await manager.update(NetworkPersonEntity, { id: els.id }, { gender: 'vrouw', birthYear: 1961 });
  const mapOnly = (
    name: string,
    relationDetail: string,
    gender: 'man' | 'vrouw',
    birthYear: number,
    deathYear: number | null = null,
  ) =>
    manager.save(
      manager.create(NetworkPersonEntity, {
        householdId,
        name,
        relation: 'familie',
        relationDetail,
        phone: null,
        gender,
        birthYear,
        deceased: deathYear !== null,
        deathYear,
        indexPerson: false,
        mapOnly: true,
        createdAt: now,
      }),
    );
  const henk = await mapOnly('Henk Jansen', 'opa van moederskant', 'man', 1955, 2020);
  const dennis = await mapOnly('Dennis de Wit', 'vader van Tim en Noor', 'man', 1984);
  const link = (
    kind: GenogramLinkEntity['kind'],
    fromId: string,
    toId: string,
    variant: GenogramLinkEntity['variant'],
    extra: Partial<GenogramLinkEntity> = {},
  ) =>
    manager.save(
      manager.create(GenogramLinkEntity, {
        householdId,
        kind,
        fromId,
        toId,
        variant,
        startYear: null,
        endYear: null,
        twinGroup: null,
        directed: false,
        createdAt: now,
        ...extra,
      }),
    );
  const grandparents = await link('partnership', henk.id, riet.id, 'getrouwd', {
    startYear: 1980,
  });
  const parents = await link('partnership', dennis.id, marieke.id, 'gescheiden', {
    startYear: 2012,
    endYear: 2019,
  });
  await link('child', grandparents.id, marieke.id, 'biologisch');
  await link('child', parents.id, tim.id, 'biologisch');
  await link('child', parents.id, noor.id, 'biologisch');
  await link('emotional', marieke.id, dennis.id, 'conflict');
  await link('emotional', tim.id, riet.id, 'hecht');
  const tie = (
    category: EcoTieEntity['category'],
    label: string | null,
    strength: EcoTieEntity['strength'],
    energy: EcoTieEntity['energy'],
    codes: EcoTieEntity['codes'],
    networkPersonId: string | null = null,
  ) =>
    manager.save(
      manager.create(EcoTieEntity, {
        householdId,
        category,
        label,
        networkPersonId,
        strength,
        energy,
        codes,
        createdAt: now,
      }),
    );
  await tie('school', 'Basisschool De Regenboog', 'sterk', 'naar-huishouden', ['P', 'A']);
  await tie('werk', 'Supermarkt De Hoek', 'stressvol', 'van-huishouden', []);
  await tie('huisarts', 'Huisartsenpraktijk Lindelaan', 'zwak', 'wederzijds', ['A']);
  await tie('ggz', 'GGZ Voorbeeldstad', 'wankel', 'naar-huishouden', ['E']);
  await tie('buren', null, 'sterk', 'naar-huishouden', ['P', 'G'], els.id);
  await tie('familie', null, 'sterk', 'wederzijds', ['G', 'E'], riet.id);
  await tie('sport', 'VV Noord (voetbal Tim)', 'wankel', 'naar-huishouden', ['G']);
  await manager.update(HouseholdEntity, { id: householdId }, { networkRevision: 1 });
}
