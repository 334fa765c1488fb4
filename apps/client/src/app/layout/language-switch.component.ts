import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type Lang, LanguageStore } from '@casustafel/client/data-access';

/** NL / EN toggle buttons; the pressed one is the active language. */
@Component({
  selector: 'app-language-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="app-lang" role="group" [attr.aria-label]="'language.label' | transloco">
      @for (lang of language.supported; track lang) {
        <button
          type="button"
          class="utrecht-button app-lang__button"
          [class.utrecht-button--primary-action]="language.lang() === lang"
          [class.utrecht-button--secondary-action]="language.lang() !== lang"
          [attr.aria-pressed]="language.lang() === lang"
          [attr.lang]="lang"
          [attr.data-testid]="'lang-' + lang"
          (click)="use(lang)"
        >
          {{ lang.toUpperCase()
          }}<span class="app-visually-hidden"> – {{ 'language.names.' + lang | transloco }}</span>
        </button>
      }
    </div>
  `,
  styles: `
    .app-lang {
      display: flex;
      gap: var(--basis-space-inline-xs, 4px);
    }
    .app-lang__button {
      --utrecht-button-min-inline-size: 44px;
      --utrecht-button-min-block-size: 44px;
      --utrecht-button-padding-inline-start: 0.75em;
      --utrecht-button-padding-inline-end: 0.75em;
    }
  `,
})
export class LanguageSwitchComponent {
  protected readonly language = inject(LanguageStore);

  protected use(lang: Lang): void {
    this.language.use(lang);
  }
}
