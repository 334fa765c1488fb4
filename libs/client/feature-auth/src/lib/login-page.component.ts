import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, OIDC_START_PATH } from '@casustafel/client/data-access';
import { AlertComponent, PageHeadingComponent } from '@casustafel/client/ui';
import { continueSignIn } from './after-sign-in';

/** `/inloggen`: e-mail and password, or the municipality's SSO. */
@Component({
  selector: 'cst-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, PageHeadingComponent],
  templateUrl: './login-page.component.html',
})
export class LoginPageComponent {
  protected readonly auth = inject(AuthStore);
  readonly #router = inject(Router);
  readonly #query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  private readonly errorRef = viewChild<ElementRef<HTMLElement>>('error');

  protected readonly expired = computed(() => this.#query().get('reden') === 'verlopen');
  protected readonly ssoFailed = computed(() => this.#query().get('fout') === 'sso');
  protected readonly ssoHref = OIDC_START_PATH;
  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitted = signal(false);
  readonly #document = inject(DOCUMENT);
  protected readonly errorKey = computed(() => {
    const failure = this.auth.failure();
    if (!failure) return null;
    if (failure.kind === 'error' && failure.code === 'RATE_LIMITED' && failure.retryAfterSeconds) {
      return 'login.retryAfter';
    }
    return this.auth.failureKey();
  });
  protected readonly retryAfter = computed(() => {
    const failure = this.auth.failure();
    return failure?.kind === 'error' ? (failure.retryAfterSeconds ?? 0) : 0;
  });

  constructor() {
    this.auth.clearFailure();
  }

  protected invalid(name: 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    if (this.auth.pending()) return;
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const firstInvalid = this.form.controls.email.invalid ? 'login-email' : 'login-password';
      this.#document.getElementById(firstInvalid)?.focus();
      return;
    }
    const { email, password } = this.form.getRawValue();
    const ok = await this.auth.login(email, password);
    if (!ok) {
      this.form.controls.password.reset();
      this.errorRef()?.nativeElement.focus();
      return;
    }
    await continueSignIn(this.#router, this.auth.stage(), this.#query().get('terug'));
  }
}
