import { type MapPerson, type NetworkMap, type PartnershipLink } from '@casustafel/contracts';
import { type ApiResult, failureDetails, failureMessageKey } from '@casustafel/client/data-access';
import { yearsLabel } from '@casustafel/domain';

/** Translates a key of the `network` scope. */
export type NetworkT = (key: string, params?: Record<string, unknown>) => string;

export function partnershipsOf(map: NetworkMap): PartnershipLink[] {
  return map.links.filter((l): l is PartnershipLink => l.kind === 'partnership');
}

/** What a screen reader hears on a person: name, sex, years, deceased, index person. */
export function describePerson(p: MapPerson, t: NetworkT): string {
  const parts = [p.name, t(`gender.${p.gender}`)];
  const years = yearsLabel(p);
  if (years) parts.push(years);
  if (p.deceased) parts.push(t('genogram.form.deceased'));
  if (p.indexPerson) parts.push(t('genogram.form.index'));
  parts.push(t(p.kind === 'member' ? 'genogram.member' : 'genogram.networkPerson'));
  return parts.join(', ');
}

/** The name of a person, or of a partnership ("Anna with Bram"), by id. */
export function nameOf(map: NetworkMap, id: string, t: NetworkT): string {
  const person = map.persons.find((p) => p.id === id);
  if (person) return person.name;
  const union = partnershipsOf(map).find((p) => p.id === id);
  const name = (personId: string) => map.persons.find((p) => p.id === personId)?.name ?? '';
  return union ? t('genogram.form.with', { a: name(union.from), b: name(union.to) }) : '';
}

/** A relation's details for the text alternative: status and years, child type, emotion. */
export function linkDetails(l: NetworkMap['links'][number], t: NetworkT): string {
  if (l.kind === 'partnership')
    return [
      t(`status.${l.status}`),
      l.startYear ? `${l.startYear}` : '',
      l.endYear ? `– ${l.endYear}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  if (l.kind === 'child')
    return [
      t(`childType.${l.childType}`),
      l.twinGroup ? `${t('genogram.form.twinGroup')}: ${l.twinGroup}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  return [t(`emotion.${l.emotion}`), l.directed ? '→' : '↔'].join(' ');
}

/** The translation key of a refused change (a second parent pair reads as a validation error), or null. */
export function refusalKey(result: ApiResult<unknown>): string | null {
  if (result.ok) return null;
  return failureDetails(result.failure).some((d) => d.issue === 'already-a-child')
    ? 'errors.VALIDATION_FAILED'
    : failureMessageKey(result.failure);
}

export function eventText(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

export function eventChecked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}
