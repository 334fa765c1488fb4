import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserAdminView } from '@casustafel/contracts';
import {
  AdminStore,
  type ApiResult,
  AuthStore,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  MessageRegionComponent,
  ConfirmDialogComponent,
  DateTimePipe,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';

/** What an admin can do to an account; each asks for confirmation first. */
export type UserAction = 'disable' | 'enable' | 'endSessions' | 'resetTotp' | 'newLink';

const STATUS_TONES: Record<UserAdminView['status'], StatusTone> = {
  active: 'success',
  invited: 'warning',
  disabled: 'danger',
};

/** The organisation's accounts, with their security state and the admin's actions. */
@Component({
  selector: 'cst-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    MessageRegionComponent,
    ConfirmDialogComponent,
    DateTimePipe,
    StatusBadgeComponent,
  ],
  templateUrl: './users-table.component.html',
})
export class UsersTableComponent {
  protected readonly store = inject(AdminStore);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageStore);
  protected readonly statusTones = STATUS_TONES;
  protected readonly pending = signal<{ action: UserAction; user: UserAdminView } | null>(null);
  protected readonly notice = signal<{ key: string; name: string } | null>(null);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly dangerous = computed(() => {
    const action = this.pending()?.action;
    return action === 'disable' || action === 'resetTotp' || action === 'endSessions';
  });
  protected readonly pendingAction = computed(() => this.pending()?.action ?? 'disable');
  protected readonly pendingName = computed(() => this.pending()?.user.displayName ?? '');
  private readonly dialogRef = viewChild.required(ConfirmDialogComponent);

  protected ask(action: UserAction, user: UserAdminView): void {
    this.pending.set({ action, user });
    this.dialogRef().open();
  }

  protected async run(): Promise<void> {
    const pending = this.pending();
    if (!pending) return;
    const { action, user } = pending;
    this.notice.set(null);
    this.errorKey.set(null);
    const result: ApiResult<unknown> = await this.#execute(action, user.id);
    if (result.ok) {
      this.notice.set({ key: `admin.done.${action}`, name: user.displayName });
    } else {
      this.errorKey.set(failureMessageKey(result.failure));
    }
  }

  #execute(action: UserAction, userId: string): Promise<ApiResult<unknown>> {
    switch (action) {
      case 'disable':
        return this.store.setDisabled(userId, true);
      case 'enable':
        return this.store.setDisabled(userId, false);
      case 'endSessions':
        return this.store.endSessions(userId);
      case 'resetTotp':
        return this.store.resetTotp(userId);
      case 'newLink':
        return this.store.newActivationLink(userId);
    }
  }
}
