import { Pipe, type PipeTransform } from '@angular/core';

const RULES = new Intl.PluralRules('nl');

/**
 * The plural form of a translation key for a count: `'cases.days' | cstPlural: n` gives
 * `cases.days.one` for 1 and `cases.days.other` otherwise (Dutch and English have these two
 * forms), to be translated with the count: `| transloco: { count: n }`.
 */
export function pluralKey(key: string, count: number): string {
  return `${key}.${RULES.select(count) === 'one' ? 'one' : 'other'}`;
}

@Pipe({ name: 'cstPlural' })
export class PluralKeyPipe implements PipeTransform {
  transform(key: string, count: number): string {
    return pluralKey(key, count);
  }
}
