import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { catchError, firstValueFrom, of } from 'rxjs';
import { DEFAULT_LANG, isLang, type Lang, LANG_STORAGE_KEY, SUPPORTED_LANGS } from './language';

/** The UI language: Transloco's active language, `<html lang>` and the stored preference. */
@Injectable({ providedIn: 'root' })
export class LanguageStore {
  readonly #transloco = inject(TranslocoService);
  readonly #document = inject(DOCUMENT);
  readonly #lang = signal<Lang>(DEFAULT_LANG);

  readonly lang = this.#lang.asReadonly();
  readonly supported = SUPPORTED_LANGS;

  /**
   * Applies the stored preference (or Dutch) and loads its translations, so the first render
   * is translated. Resolves even when the translations cannot be loaded.
   */
  init(): Promise<unknown> {
    const lang = this.#readPreference() ?? DEFAULT_LANG;
    this.#apply(lang);
    return firstValueFrom(this.#transloco.load(lang).pipe(catchError(() => of(null))));
  }

  /** Switches the UI language and remembers the choice. */
  use(lang: Lang): void {
    this.#apply(lang);
    try {
      this.#document.defaultView?.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage unavailable (private mode, blocked): the choice holds for this visit only.
    }
  }

  #apply(lang: Lang): void {
    this.#lang.set(lang);
    this.#transloco.setActiveLang(lang);
    this.#document.documentElement.lang = lang;
  }

  #readPreference(): Lang | null {
    try {
      const stored = this.#document.defaultView?.localStorage.getItem(LANG_STORAGE_KEY);
      return isLang(stored) ? stored : null;
    } catch {
      return null;
    }
  }
}
