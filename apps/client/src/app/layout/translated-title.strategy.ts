import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { translationFileOf } from '@casustafel/client/data-access';
import { BehaviorSubject, combineLatest, map, of, switchMap } from 'rxjs';

const PRODUCT = 'Casustafel';

/**
 * Route `title`s are translation keys; the document title follows the active language. A key
 * of a feature's scope (`caseList.title`) loads that scope first.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  readonly #title = inject(Title);
  readonly #transloco = inject(TranslocoService);
  readonly #key$ = new BehaviorSubject<string | undefined>(undefined);

  constructor() {
    super();
    combineLatest([this.#key$, this.#transloco.langChanges$])
      .pipe(
        switchMap(([key]) =>
          key ? this.#translate(key).pipe(map((page) => `${page} – ${PRODUCT}`)) : of(PRODUCT),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((title) => this.#title.setTitle(title));
  }

  #translate(key: string) {
    const dot = key.indexOf('.');
    const scope = dot > 0 ? key.slice(0, dot) : '';
    return translationFileOf(scope)
      ? this.#transloco.selectTranslate<string>(key.slice(dot + 1), {}, scope)
      : this.#transloco.selectTranslate<string>(key);
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.#key$.next(this.buildTitle(snapshot));
  }
}
