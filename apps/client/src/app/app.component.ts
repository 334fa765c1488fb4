import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  computed,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, skip } from 'rxjs';
import { AuthStore } from '@casustafel/client/data-access';
import { ConnectionIndicatorComponent } from './layout/connection-indicator.component';
import { IdleWarningComponent } from './layout/idle-warning.component';
import { LanguageSwitchComponent } from './layout/language-switch.component';
import { NotificationBellComponent } from './layout/notification-bell.component';

/**
 * The shell: skip link, demo banner, idle warning, header with the signed-in user and the
 * navigation they may use, main landmark, footer.
 */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslocoPipe,
    ConnectionIndicatorComponent,
    LanguageSwitchComponent,
    IdleWarningComponent,
    NotificationBellComponent,
  ],
  templateUrl: './app.component.html',
  styleUrl: './app.component.css',
})
export class AppComponent {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  readonly #document = inject(DOCUMENT);
  protected readonly year = new Date().getFullYear();
  protected readonly auth = inject(AuthStore);
  /** Team leaders (and organisation admins) see the management information. */
  protected readonly isTeamLeader = computed(
    () =>
      this.auth.isSignedIn() &&
      (this.auth.user()?.teams.some((t) => t.roles.includes('team_leader')) ?? false),
  );

  constructor() {
    // The brand font (Noto Sans) only once signed in: anonymous pages use the system font and
    // download none (see styles.css).
    effect(() =>
      this.#document.documentElement.classList.toggle('cst-brand-font', this.auth.isSignedIn()),
    );
    // After an in-app navigation, move focus to the new content (as a page load would).
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.#focusMain());
  }

  protected logout(): void {
    void this.auth.logout();
  }

  /** The skip link's `#main-content` would, with `<base href="/">`, load the start page. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.#focusMain();
  }

  #focusMain(): void {
    const main = this.main().nativeElement;
    main.focus();
    if (this.#document.activeElement === main) main.scrollIntoView?.({ block: 'start' });
  }
}
