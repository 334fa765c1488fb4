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
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, OIDC_START_PATH } from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';
import { continueSignIn } from './after-sign-in';

/**
 * Angular's `Validators.email` pattern: the sign-in form checks its two fields with signals
 * instead of `@angular/forms` (≈ 12 kB compressed less on the sign-in page, issue 16 §1).
 */
const EMAIL =
  /^(?=.{1,254}$)(?=.{1,64}@)[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type Field = 'email' | 'password';

/** `/inloggen`: e-mail and password, or the municipality's SSO. */
@Component({
  selector: 'cst-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, PageHeadingComponent, ...FIELD],
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
  protected readonly email = signal('');
  protected readonly password = signal('');
  readonly #touched = signal<ReadonlySet<Field>>(new Set());
  readonly #valid = computed<Record<Field, boolean>>(() => ({
    email: EMAIL.test(this.email()),
    password: this.password() !== '',
  }));
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

  protected invalid(name: Field): boolean {
    return !this.#valid()[name] && (this.#touched().has(name) || this.submitted());
  }

  protected touch(name: Field): void {
    this.#touched.update((touched) => new Set([...touched, name]));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.auth.pending()) return;
    this.submitted.set(true);
    const valid = this.#valid();
    if (!valid.email || !valid.password) {
      const firstInvalid = valid.email ? 'login-password' : 'login-email';
      this.#document.getElementById(firstInvalid)?.focus();
      return;
    }
    const ok = await this.auth.login(this.email(), this.password());
    if (!ok) {
      this.password.set('');
      this.errorRef()?.nativeElement.focus();
      return;
    }
    await continueSignIn(this.#router, this.auth.stage(), this.#query().get('terug'));
  }
}
