import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { FollowUpView } from '@casustafel/contracts';
import {
  failureMessageKey,
  MeetingRecordsApi,
  MeetingsStore,
} from '@casustafel/client/data-access';
import { formatDay } from './records-panel.component';

/**
 * The follow-up item ("Opvolging acties"): the team's open actions from earlier meetings, earliest
 * due first, overdue ones marked; each can be marked done here.
 */
@Component({
  selector: 'cst-follow-up-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <section class="cst-follow-up" aria-labelledby="follow-up-heading" data-testid="follow-up">
      <h3 class="utrecht-heading-3" id="follow-up-heading">
        {{ 'meetings.followUp.heading' | transloco: { count: view()?.entries?.length ?? 0 } }}
      </h3>
      @if (errorKey(); as key) {
        <p class="utrecht-paragraph cst-field__error" role="alert">{{ key | transloco }}</p>
      }
      @if (view(); as v) {
        <ul class="cst-records__list" data-testid="follow-up-list">
          @for (e of v.entries; track e.actionId) {
            <li
              class="cst-record"
              [class.cst-record--overdue]="e.overdue"
              [attr.data-testid]="'follow-up-' + e.actionId"
            >
              <p class="cst-record__text">{{ e.description }}</p>
              <p class="cst-small cst-record__meta">
                {{ name(e.ownerUserId) }} ·
                {{ 'meetings.followUp.due' | transloco: { date: day(e.due) } }}
                @if (e.overdue) {
                  ·
                  <strong class="cst-overdue">{{ 'meetings.followUp.overdue' | transloco }}</strong>
                }
              </p>
              <button
                type="button"
                class="utrecht-button utrecht-button--subtle cst-button--small"
                [disabled]="pending()"
                (click)="done(e.actionId)"
                [attr.data-testid]="'follow-up-done-' + e.actionId"
              >
                {{ 'meetings.followUp.done' | transloco }}
                <span class="app-visually-hidden">: {{ e.description }}</span>
              </button>
            </li>
          } @empty {
            <li class="cst-muted cst-small" data-testid="follow-up-empty">
              {{ 'meetings.followUp.empty' | transloco }}
            </li>
          }
        </ul>
      } @else {
        <p class="cst-muted cst-small">{{ 'meetings.preparation.loading' | transloco }}</p>
      }
    </section>
  `,
  styleUrl: './records-panel.component.css',
})
export class FollowUpPanelComponent {
  readonly itemId = input.required<string>();
  readonly #api = inject(MeetingRecordsApi);
  readonly #meetings = inject(MeetingsStore);
  readonly #transloco = inject(TranslocoService);
  protected readonly view = signal<FollowUpView | null>(null);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly pending = signal(false);

  constructor() {
    effect(() => {
      const itemId = this.itemId();
      untracked(() => void this.load(itemId));
    });
  }

  async load(itemId: string): Promise<void> {
    const result = await firstValueFrom(this.#api.followUp(itemId));
    if (itemId !== this.itemId()) return;
    if (result.ok) {
      this.view.set(result.data);
      this.errorKey.set(null);
    } else {
      this.view.set({ itemId, meetingId: '', entries: [] });
      this.errorKey.set(failureMessageKey(result.failure));
    }
  }

  protected name(userId: string): string {
    return this.#meetings.memberName(userId) || this.#transloco.translate('meetings.live.someone');
  }

  protected day(due: string): string {
    return formatDay(due, this.#transloco.getActiveLang());
  }

  protected async done(actionId: string): Promise<void> {
    this.pending.set(true);
    const result = await firstValueFrom(this.#api.setActionStatus(actionId, 'gereed'));
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    await this.load(this.itemId());
  }
}
