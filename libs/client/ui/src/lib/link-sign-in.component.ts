import { ChangeDetectionStrategy, Component, input, type Signal, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AlertComponent } from './alert.component';
import { FIELD } from './field.component';
import { PageHeadingComponent } from './page-heading.component';

/** What `cst-link-sign-in` shows and calls (data-access's `linkSignIn()` gives one). */
export interface LinkSignInState {
  readonly token: Signal<string | null>;
  readonly pending: Signal<boolean>;
  readonly codeInvalid: Signal<boolean>;
  readonly failureKey: Signal<string | null>;
  submit(code: string): unknown;
}

/**
 * The page of a sign-in by the link of an invitation and a one-time code (family, circle,
 * guest): heading, intro, the refusal, the code field and the button, or what to do without a
 * link. Texts are the keys under `keys` (`<keys>.heading`, `.intro`, `.code`, `.codeHelp`,
 * `.codeInvalid`, `.submit`, `.pending`, `.noTokenHeading`, `.noToken`); test ids and the field
 * id start with `testIds`. Content marked `cstSignInAbout` stands after the intro, content
 * marked `cstSignInField` after the code field. The page may size the code box with
 * `--cst-link-code-font-size`, `-font-family`, `-letter-spacing` and `-max-inline-size`, the
 * intro with `--cst-link-intro-max-inline-size`.
 */
@Component({
  selector: 'cst-link-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, FIELD, PageHeadingComponent],
  template: `
    <cst-page-heading
      [heading]="key('heading') | transloco"
      [attr.data-testid]="testIds() + '-sign-in-heading'"
    />
    @if (state().token()) {
      <p class="utrecht-paragraph cst-link-intro">{{ key('intro') | transloco }}</p>
      <ng-content select="[cstSignInAbout]" />
      <div role="alert">
        @if (state().failureKey(); as failure) {
          <cst-alert type="error"
            ><p class="utrecht-paragraph" [attr.data-testid]="testIds() + '-sign-in-error'">
              {{ failure | transloco }}
            </p></cst-alert
          >
        }
      </div>
      <form
        class="cst-form"
        novalidate
        (submit)="submit($event)"
        [attr.data-testid]="formTestId() ?? testIds() + '-sign-in-form'"
      >
        <cst-field
          [fieldId]="testIds() + '-code'"
          [label]="key('code') | transloco"
          [hint]="key('codeHelp') | transloco"
          [error]="state().codeInvalid() ? (key('codeInvalid') | transloco) : null"
        >
          <input
            cstControl
            class="utrecht-textbox utrecht-textbox--html-input cst-link-code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="12"
            spellcheck="false"
            [value]="code()"
            (input)="code.set($any($event.target).value)"
            [attr.data-testid]="testIds() + '-code'"
          />
        </cst-field>
        <ng-content select="[cstSignInField]" />
        <div class="cst-actions">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            [disabled]="state().pending()"
            [attr.data-testid]="testIds() + '-sign-in-submit'"
          >
            {{ key(state().pending() ? 'pending' : 'submit') | transloco }}
          </button>
        </div>
      </form>
    } @else {
      <cst-alert type="info"
        ><h2 class="utrecht-heading-3" [attr.data-testid]="testIds() + '-no-token'">
          {{ key('noTokenHeading') | transloco }}
        </h2>
        <p class="utrecht-paragraph">{{ key('noToken') | transloco }}</p></cst-alert
      >
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .cst-link-intro {
      max-inline-size: var(--cst-link-intro-max-inline-size, none);
    }
    .cst-field .cst-link-code {
      font-family: var(
        --cst-link-code-font-family,
        var(--utrecht-textbox-font-family, var(--utrecht-form-control-font-family))
      );
      font-size: var(
        --cst-link-code-font-size,
        var(--utrecht-textbox-font-size, var(--utrecht-form-control-font-size, inherit))
      );
      letter-spacing: var(--cst-link-code-letter-spacing, normal);
      max-inline-size: var(--cst-link-code-max-inline-size, 100%);
    }
  `,
})
export class LinkSignInComponent {
  /** The sign-in's state and action. */
  readonly state = input.required<LinkSignInState>();
  /** The translation keys' prefix, e.g. `family.signIn`. */
  readonly keys = input.required<string>();
  /** The prefix of the test ids and of the code field's id, e.g. `family`. */
  readonly testIds = input.required<string>();
  /** The form's test id when it is not `<testIds>-sign-in-form`. */
  readonly formTestId = input<string | null>(null);
  protected readonly code = signal('');

  protected key(name: string): string {
    return `${this.keys()}.${name}`;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    void this.state().submit(this.code());
  }
}
