import { computed, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { filter, map, merge } from 'rxjs';
import { ECO_CATEGORIES, TIE_STRENGTHS } from '@casustafel/contracts';
import {
  ECOGRAM_WORDS_NL,
  type EcogramWords,
  GENOGRAM_WORDS_NL,
  type GenogramWords,
} from '@casustafel/domain';

/**
 * The words drawn inside the maps (legend, partnership years), from the `network` scope in the
 * UI language; the Dutch defaults of the domain until the scope has loaded.
 */
export function mapWords(): { genogram: Signal<GenogramWords>; ecogram: Signal<EcogramWords> } {
  const transloco = inject(TranslocoService);
  const tick = toSignal(
    merge(
      transloco.langChanges$,
      transloco.events$.pipe(filter((e) => e.type === 'translationLoadSuccess')),
    ).pipe(map(() => ({}))),
    { initialValue: {} },
  );
  const t = (key: string, fallback: string): string => {
    const value = transloco.translate(`network.${key}`);
    return value === `network.${key}` || value === '' ? fallback : value;
  };
  const genogram = computed(() => {
    tick();
    const words = { ...GENOGRAM_WORDS_NL };
    for (const key of Object.keys(words) as (keyof GenogramWords)[])
      words[key] = t(`words.${key}`, GENOGRAM_WORDS_NL[key]);
    return words;
  });
  const ecogram = computed((): EcogramWords => {
    tick();
    return {
      title: t('words.ecoTitle', ECOGRAM_WORDS_NL.title),
      legend: t('words.legend', ECOGRAM_WORDS_NL.legend),
      household: t('words.household', ECOGRAM_WORDS_NL.household).split(' (')[0] ?? '',
      categories: Object.fromEntries(
        ECO_CATEGORIES.map((c) => [c, t(`category.${c}`, ECOGRAM_WORDS_NL.categories[c])]),
      ) as EcogramWords['categories'],
      strengths: Object.fromEntries(
        TIE_STRENGTHS.map((s) => [s, t(`strength.${s}`, ECOGRAM_WORDS_NL.strengths[s])]),
      ) as EcogramWords['strengths'],
      energy: t('words.ecoEnergy', ECOGRAM_WORDS_NL.energy),
      codes: t('words.ecoCodes', ECOGRAM_WORDS_NL.codes),
    };
  });
  return { genogram, ecogram };
}
