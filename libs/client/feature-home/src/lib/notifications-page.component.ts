import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { NOTIFICATION_KINDS, type NotificationKind } from '@casustafel/contracts';
import { LanguageStore, NotificationsStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  CardComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
} from '@casustafel/client/ui';

/** `/meldingen`: my notifications (mark read), my e-mail choices and my calendar feed. */
@Component({
  selector: 'cst-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    CardComponent,
    DateTimePipe,
    PageHeadingComponent,
    ...FIELD,
  ],
  templateUrl: './notifications-page.component.html',
})
export class NotificationsPageComponent implements OnInit {
  protected readonly store = inject(NotificationsStore);
  protected readonly language = inject(LanguageStore);
  protected readonly kinds = NOTIFICATION_KINDS;
  protected readonly chosen = signal<ReadonlySet<NotificationKind>>(new Set());
  protected readonly mailLanguage = signal<'nl' | 'en'>('nl');

  constructor() {
    effect(() => {
      const settings = this.store.settings();
      if (!settings) return;
      this.chosen.set(new Set(settings.emailKinds));
      this.mailLanguage.set(settings.language);
    });
  }

  ngOnInit(): void {
    void this.store.refresh();
    void this.store.loadSettings();
  }

  protected toggle(kind: NotificationKind, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(kind);
    else next.delete(kind);
    this.chosen.set(next);
  }

  protected setLanguage(value: string): void {
    this.mailLanguage.set(value === 'en' ? 'en' : 'nl');
  }

  protected save(event: Event): void {
    event.preventDefault();
    void this.store.saveSettings(
      this.kinds.filter((k) => this.chosen().has(k)),
      this.mailLanguage(),
    );
  }
}
