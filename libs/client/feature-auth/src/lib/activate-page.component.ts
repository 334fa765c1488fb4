import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PASSWORD_MAX_LENGTH } from '@casustafel/domain';
import { AuthStore } from '@casustafel/client/data-access';
import { AlertComponent, PageHeadingComponent } from '@casustafel/client/ui';
import { continueSignIn } from './after-sign-in';
import { passwordFeedback } from './password-feedback';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * `/activeren#<token>`: choose a password for an invited account. The token travels in the
 * fragment (never sent to a server log) and is removed from the address bar at once.
 */
@Component({
  selector: 'cst-activate-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, PageHeadingComponent],
  templateUrl: './activate-page.component.html',
  styleUrl: './activate-page.component.css',
})
export class ActivatePageComponent {
  protected readonly auth = inject(AuthStore);
  readonly #router = inject(Router);
  private readonly errorRef = viewChild<ElementRef<HTMLElement>>('error');
  readonly #token: string | null;

  protected readonly maxLength = PASSWORD_MAX_LENGTH;
  protected readonly password = signal('');
  protected readonly visible = signal(false);
  protected readonly submitted = signal(false);
  protected readonly validLink: boolean;
  protected readonly feedback = computed(() => passwordFeedback(this.password()));
  protected readonly metCount = computed(() => this.feedback().rules.filter((r) => r.met).length);

  constructor() {
    const fragment = inject(ActivatedRoute).snapshot.fragment ?? '';
    this.#token = TOKEN.test(fragment) ? fragment : null;
    this.validLink = this.#token !== null;
    // Take the secret out of the address bar (and so out of history and bookmarks).
    const location = inject(Location);
    if (fragment) location.replaceState(location.path(false).split('#')[0] || '/activeren');
    this.auth.clearFailure();
  }

  protected input(event: Event): void {
    this.password.set((event.target as HTMLInputElement).value);
  }

  protected async submit(): Promise<void> {
    if (this.auth.pending() || !this.#token) return;
    this.submitted.set(true);
    if (!this.feedback().acceptable) {
      this.errorRef()?.nativeElement.focus();
      return;
    }
    const ok = await this.auth.activate(this.#token, this.password());
    if (!ok) {
      this.errorRef()?.nativeElement.focus();
      return;
    }
    await continueSignIn(this.#router, this.auth.stage(), null);
  }
}
