import type { EntityManager } from 'typeorm';
import type { SecretBox } from '../../common/crypto/secret-box';
import type { CaseEntity } from '../case-file/case.entity';
import { HouseholdEntity, NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import type { CaseKnowledge } from './intervision-work';

const GENERIC_LABEL_WORDS = new Set(['huishouden', 'gezin', 'familie', 'fam', 'fam.', 'de', 'het']);
const PARTICLE_WORDS = new Set(['van', 'der', 'den', 'ter', 'ten', 'het']);

/** What the case record knows: names, addresses, dates of birth, BSNs, institutions. */
export async function caseKnowledge(
  m: EntityManager,
  secrets: SecretBox,
  source: CaseEntity,
): Promise<CaseKnowledge> {
  const household = await m.findOneBy(HouseholdEntity, { id: source.householdId });
  const persons = await m.findBy(PersonEntity, { householdId: source.householdId });
  const network = await m.findBy(NetworkPersonEntity, { householdId: source.householdId });
  const labelWords = (household?.label ?? '')
    .split(/\s+/)
    .filter((word) => word.length > 0 && !GENERIC_LABEL_WORDS.has(word.toLowerCase()));
  const names = [
    ...persons.map((p) => `${p.givenName} ${p.familyName}`),
    ...network.map((n) => n.name),
    ...source.involved.map((i) => i.contactName ?? '').filter((name) => name.length > 0),
  ];
  if (labelWords.length > 0) names.push(labelWords.join(' '));
  const address = household?.address ?? null;
  const bsns = persons
    .filter((p) => p.bsnSealed !== null)
    .map((p) => secrets.open(p.bsnSealed as string, `bsn:${p.id}`));
  return {
    names,
    addresses: address
      ? [address.street, `${address.street}, ${address.postcode} ${address.city}`]
      : [],
    places: address?.city ? [address.city] : [],
    birthDates: persons.map((p) => p.dateOfBirth).filter((d): d is string => d !== null),
    bsns,
    caseNumbers: [source.id, source.householdId, ...persons.map((p) => p.id)],
    institutions: source.involved.map((i) => i.organisation),
    extra: [
      ...persons.flatMap((p) => [p.givenName, p.familyName, p.phone ?? '', p.email ?? '']),
      ...network.flatMap((n) => [n.name, ...n.name.split(/\s+/), n.phone ?? '']),
      ...labelWords,
      address?.street ?? '',
      address?.postcode ?? '',
      ...bsns,
      source.id,
      source.householdId,
    ].filter(
      (value) => value.trim().length >= 3 && !PARTICLE_WORDS.has(value.trim().toLowerCase()),
    ),
  };
}
