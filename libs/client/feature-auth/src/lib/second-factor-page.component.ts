import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';
import { continueSignIn } from './after-sign-in';

const TOTP = /^\d{6}$/;
const RECOVERY = /^[a-z2-7]{5}-[a-z2-7]{5}$/;

/** `/inloggen/code`: the authenticator app's 6-digit code, or a recovery code. */
@Component({
  selector: 'cst-second-factor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, PageHeadingComponent, ...FIELD],
  template: `
    <div class="cst-narrow">
      <cst-page-heading
        [heading]="'secondFactor.heading' | transloco"
        [lead]="(recovery() ? 'secondFactor.leadRecovery' : 'secondFactor.lead') | transloco"
        data-testid="code-heading"
      />
      <div #error tabindex="-1" role="alert" data-testid="code-error">
        @if (auth.failureKey(); as key) {
          <cst-alert type="error"
            ><p class="utrecht-paragraph">{{ key | transloco }}</p></cst-alert
          >
        }
      </div>
      <form
        class="cst-form"
        novalidate
        (submit)="$event.preventDefault(); submit()"
        data-testid="code-form"
      >
        <cst-field
          fieldId="code-input"
          [label]="
            (recovery() ? 'secondFactor.recoveryLabel' : 'secondFactor.codeLabel') | transloco
          "
          [hint]="(recovery() ? 'secondFactor.recoveryHint' : 'secondFactor.codeHint') | transloco"
          [error]="
            invalid()
              ? ((recovery() ? 'secondFactor.recoveryInvalid' : 'secondFactor.codeInvalid')
                | transloco)
              : null
          "
          errorTestId="code-input-error"
        >
          <input
            cstControl
            class="utrecht-textbox utrecht-textbox--html-input cst-code-input"
            [class.utrecht-textbox--invalid]="invalid()"
            type="text"
            autocomplete="one-time-code"
            [attr.inputmode]="recovery() ? 'text' : 'numeric'"
            [attr.maxlength]="recovery() ? 11 : 7"
            spellcheck="false"
            autocapitalize="off"
            [formControl]="code"
            data-testid="code-input"
          />
        </cst-field>
        <div class="cst-actions">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            data-testid="code-submit"
          >
            {{ 'secondFactor.submit' | transloco }}
          </button>
          <button
            type="button"
            class="utrecht-button utrecht-button--subtle"
            [attr.aria-pressed]="recovery()"
            data-testid="code-use-recovery"
            (click)="toggleRecovery()"
          >
            {{ (recovery() ? 'secondFactor.useApp' : 'secondFactor.useRecovery') | transloco }}
          </button>
        </div>
      </form>
      <p class="utrecht-paragraph cst-section">
        <button
          type="button"
          class="utrecht-link-button utrecht-link-button--html-button"
          data-testid="code-cancel"
          (click)="cancel()"
        >
          {{ 'secondFactor.cancel' | transloco }}
        </button>
      </p>
    </div>
  `,
  styles: `
    .cst-code-input {
      font-family: var(--basis-text-font-family-monospace, monospace);
      font-size: 1.25rem;
      letter-spacing: 0.15em;
      max-inline-size: 14rem !important;
    }
  `,
})
export class SecondFactorPageComponent {
  protected readonly auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  private readonly errorRef = viewChild.required<ElementRef<HTMLElement>>('error');
  protected readonly recovery = signal(false);
  protected readonly submitted = signal(false);
  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });

  constructor() {
    this.auth.clearFailure();
  }

  protected invalid(): boolean {
    return this.submitted() && !this.#wellFormed();
  }

  protected toggleRecovery(): void {
    this.recovery.update((value) => !value);
    this.submitted.set(false);
    this.code.reset();
  }

  protected async submit(): Promise<void> {
    if (this.auth.pending()) return;
    this.submitted.set(true);
    if (!this.#wellFormed()) return;
    const ok = await this.auth.verifySecondFactor(this.code.value);
    if (!ok) {
      this.code.reset();
      this.submitted.set(false);
      this.errorRef().nativeElement.focus();
      return;
    }
    await continueSignIn(this.#router, this.auth.stage(), this.#query().get('terug'));
  }

  protected cancel(): void {
    void this.auth.logout();
  }

  #wellFormed(): boolean {
    const value = this.code.value.replace(/\s+/g, '').toLowerCase();
    return this.recovery() ? RECOVERY.test(value) : TOTP.test(value);
  }
}
