import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { MyActionView } from '@casustafel/contracts';
import {
  failureMessageKey,
  LanguageStore,
  MeetingRecordsApi,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';

/** A local date `YYYY-MM-DD` in words, e.g. `4 maart 2026`. */
export function dayInWords(day: string, lang: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** `/mijn-acties`: my open actions across meetings and cases, earliest due first. */
@Component({
  selector: 'cst-my-actions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
  ],
  template: `
    <cst-page-heading
      [heading]="'home.myActions.heading' | transloco"
      [lead]="'home.myActions.lead' | transloco"
      data-testid="my-actions-heading"
    />
    <div role="alert">
      @if (errorKey(); as key) {
        <cst-alert type="error"
          ><p class="utrecht-paragraph" data-testid="my-actions-error">
            {{ key | transloco }}
          </p></cst-alert
        >
      }
    </div>
    <p class="app-visually-hidden" role="status">
      @if (marked()) {
        {{ 'home.myActions.marked' | transloco }}
      }
    </p>
    @if (actions(); as list) {
      @if (list.length === 0) {
        <p class="utrecht-paragraph" data-testid="my-actions-empty">
          {{ 'home.myActions.empty' | transloco }}
        </p>
      } @else {
        <div
          class="cst-table-scroll"
          tabindex="0"
          role="region"
          [attr.aria-label]="'home.myActions.heading' | transloco"
        >
          <table class="cst-table" data-testid="my-actions">
            <thead>
              <tr>
                @for (col of ['action', 'due', 'from', 'case', 'status']; track col) {
                  <th scope="col">{{ 'home.myActions.' + col | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (a of list; track a.id) {
                <tr [attr.data-testid]="'my-action-' + a.id" [attr.data-overdue]="a.overdue">
                  <td>{{ a.description }}</td>
                  <td>
                    {{ day(a.due) }}
                    <cst-status-badge [tone]="a.overdue ? 'danger' : 'neutral'">{{
                      (a.overdue ? 'home.myActions.overdue' : 'home.myActions.onTime') | transloco
                    }}</cst-status-badge>
                  </td>
                  <td>
                    <a class="utrecht-link" [routerLink]="['/overleggen', a.meetingId]">{{
                      'home.myActions.openMeeting'
                        | transloco: { when: (a.meetingStartsAt | cstDateTime: language.lang()) }
                    }}</a>
                  </td>
                  <td>
                    @if (a.caseId) {
                      <a class="utrecht-link" [routerLink]="['/casussen', a.caseId]">{{
                        'home.myActions.openCase' | transloco
                      }}</a>
                    } @else {
                      {{ 'home.myActions.noCase' | transloco }}
                    }
                  </td>
                  <td>
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--secondary-action cst-button--small"
                      [disabled]="pending()"
                      (click)="done(a)"
                      [attr.data-testid]="'my-action-done-' + a.id"
                    >
                      {{ 'home.myActions.done' | transloco }}
                      <span class="app-visually-hidden">: {{ a.description }}</span>
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class MyActionsPageComponent implements OnInit {
  readonly #api = inject(MeetingRecordsApi);
  protected readonly language = inject(LanguageStore);
  protected readonly actions = signal<MyActionView[] | null>(null);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly pending = signal(false);
  protected readonly marked = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    const result = await firstValueFrom(this.#api.myActions());
    if (result.ok) {
      this.actions.set(result.data);
      this.errorKey.set(null);
    } else {
      this.actions.set([]);
      this.errorKey.set(failureMessageKey(result.failure));
    }
  }

  protected day(due: string): string {
    return dayInWords(due, this.language.lang());
  }

  protected async done(action: MyActionView): Promise<void> {
    this.pending.set(true);
    this.marked.set(false);
    const result = await firstValueFrom(this.#api.setActionStatus(action.id, 'gereed'));
    this.pending.set(false);
    if (!result.ok) {
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.marked.set(true);
    await this.load();
  }
}
