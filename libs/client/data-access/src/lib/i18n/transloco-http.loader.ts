import { HttpClient } from '@angular/common/http';
import { type EnvironmentProviders, inject, Injectable, isDevMode } from '@angular/core';
import { provideTransloco, type Translation, type TranslocoLoader } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import { DEFAULT_LANG, SUPPORTED_LANGS } from './language';

/** Loads `/i18n/<lang>.json` (served from the client's public folder). */
@Injectable({ providedIn: 'root' })
export class TranslocoHttpLoader implements TranslocoLoader {
  readonly #http = inject(HttpClient);

  getTranslation(lang: string): Observable<Translation> {
    return this.#http.get<Translation>(`/i18n/${lang}.json`);
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
