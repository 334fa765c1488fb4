import { HttpClient } from '@angular/common/http';
import { type EnvironmentProviders, inject, Injectable, isDevMode } from '@angular/core';
import {
  provideTransloco,
  provideTranslocoScope,
  type Translation,
  type TranslocoLoader,
} from '@jsverse/transloco';
import { map, type Observable, shareReplay } from 'rxjs';
import { DEFAULT_LANG, SUPPORTED_LANGS } from './language';
import { TRANSLATION_FILES, type TranslationFile, translationFileOf } from './translation-scopes';

/**
 * Loads `/i18n/<lang>.json` (the global texts) and, for a scope, `/i18n/<scope>/<lang>.json`;
 * a scope listed in `TRANSLATION_FILES` comes out of its feature's file, fetched once per
 * language for all the scopes it holds.
 */
@Injectable({ providedIn: 'root' })
export class TranslocoHttpLoader implements TranslocoLoader {
  readonly #http = inject(HttpClient);
  readonly #files = new Map<string, Observable<Record<string, Translation>>>();

  getTranslation(path: string): Observable<Translation> {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return this.#http.get<Translation>(`/i18n/${path}.json`);
    const scope = path.slice(0, slash);
    const lang = path.slice(slash + 1);
    const file = translationFileOf(scope);
    if (!file) return this.#http.get<Translation>(`/i18n/${path}.json`);
    const url = `/i18n/${file}/${lang}.json`;
    let texts = this.#files.get(url);
    if (!texts) {
      texts = this.#http.get<Record<string, Translation>>(url).pipe(shareReplay(1));
      this.#files.set(url, texts);
    }
    return texts.pipe(map((all) => all[scope] ?? {}));
  }
}

/** Transloco with the app's languages and the HTTP loader. */
export function provideI18n(): EnvironmentProviders[] {
  return provideTransloco({
    config: {
      availableLangs: [...SUPPORTED_LANGS],
      defaultLang: DEFAULT_LANG,
      fallbackLang: DEFAULT_LANG,
      reRenderOnLangChange: true,
      prodMode: !isDevMode(),
      missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
    },
    loader: TranslocoHttpLoader,
  });
}

/**
 * A feature's translations (route `providers`): every scope of its file, each under its own
 * key (`provideTranslocoScope({ scope: 'meetings', alias: 'meetings' })` and so on), and the
 * refusal reasons' texts (`refusals`), which any feature's page may show.
 */
export function provideTranslationFile(...files: TranslationFile[]) {
  return provideTranslocoScope(
    ...files.flatMap((file) => TRANSLATION_FILES[file].map((key) => ({ scope: key, alias: key }))),
    'refusals',
  );
}
