import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  failureMessageKey,
  IntervisionAttendanceStore,
  LanguageStore,
  ownAttendancePdfUrl,
  yearToDate,
} from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, FIELD, PageHeadingComponent } from '@casustafel/client/ui';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in the browser's own calendar (`yyyy-mm-dd`). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * `/intervisie/aanwezigheid`: "Mijn intervisie-aanwezigheid" (issue 14 §4): one's own attendance
 * records over a period (this year so far unless chosen) and the same period as a PDF, for
 * accreditation.
 */
@Component({
  selector: 'cst-intervision-attendance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, DateTimePipe, PageHeadingComponent, FIELD],
  providers: [IntervisionAttendanceStore],
  styleUrl: './intervision-session.css',
  template: `
    <cst-page-heading
      [heading]="'intervision.attendance.title' | transloco"
      [lead]="'intervision.attendance.lead' | transloco"
    />
    <form
      class="cst-form cst-iv-period"
      novalidate
      (submit)="$event.preventDefault(); show()"
      data-testid="iv-period"
    >
      <cst-field fieldId="iv-from" [label]="'intervision.attendance.from' | transloco">
        <input
          cstControl
          type="date"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="from()"
          (change)="from.set(value($event))"
          data-testid="iv-from"
        />
      </cst-field>
      <cst-field fieldId="iv-to" [label]="'intervision.attendance.to' | transloco">
        <input
          cstControl
          type="date"
          class="utrecht-textbox utrecht-textbox--html-input"
          [value]="to()"
          (change)="to.set(value($event))"
          data-testid="iv-to"
        />
      </cst-field>
      <div class="cst-actions">
        <button
          type="submit"
          class="utrecht-button utrecht-button--secondary-action"
          data-testid="iv-period-show"
        >
          {{ 'intervision.attendance.show' | transloco }}
        </button>
      </div>
    </form>
    <div role="alert">
      @if (periodError()) {
        <cst-alert type="error"
          ><p class="utrecht-paragraph" data-testid="iv-period-error">
            {{ 'intervision.attendance.badPeriod' | transloco }}
          </p></cst-alert
        >
      } @else if (store.failure(); as failure) {
        <cst-alert type="error"
          ><p class="utrecht-paragraph" data-testid="iv-attendance-error">
            {{ message(failure) | transloco }}
          </p></cst-alert
        >
      }
    </div>
    @if (store.rows(); as rows) {
      <section class="cst-section" aria-labelledby="iv-own-heading" data-testid="iv-own">
        <h2 class="utrecht-heading-2" id="iv-own-heading">
          {{ 'intervision.attendance.period' | transloco: store.period() ?? {} }}
        </h2>
        @if (rows.length === 0) {
          <p class="utrecht-paragraph cst-muted" data-testid="iv-own-empty">
            {{ 'intervision.attendance.empty' | transloco }}
          </p>
        } @else {
          <div class="cst-table-scroll" tabindex="0" role="region" aria-labelledby="iv-own-caption">
            <table class="cst-table" data-testid="iv-own-table">
              <caption id="iv-own-caption" class="app-visually-hidden">
                {{
                  'intervision.attendance.caption' | transloco
                }}
              </caption>
              <thead>
                <tr>
                  @for (
                    col of ['colStart', 'colMethod', 'colRole', 'colTrainer', 'colMinutes'];
                    track col
                  ) {
                    <th scope="col">{{ 'intervision.attendance.' + col | transloco }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (row of rows; track row.sessionId) {
                  <tr data-testid="iv-own-row">
                    <td>
                      <time [attr.datetime]="row.startedAt">{{
                        row.startedAt | cstDateTime: language.lang()
                      }}</time>
                    </td>
                    <td>{{ row.method.name }}</td>
                    <td>{{ 'intervision.roles.' + row.role | transloco }}</td>
                    <td>{{ row.trainerName }}</td>
                    <td>{{ row.minutes }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <p class="utrecht-paragraph" data-testid="iv-own-total">
            {{ 'intervision.attendance.total' | transloco: { minutes: store.totalMinutes() } }}
          </p>
          @if (pdfUrl(); as url) {
            <p class="utrecht-paragraph">
              <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
                [href]="url"
                download
                data-testid="iv-own-pdf"
                >{{ 'intervision.attendance.pdf' | transloco }}</a
              >
            </p>
          }
        }
      </section>
    } @else if (!store.failure()) {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class IntervisionAttendancePageComponent {
  protected readonly store = inject(IntervisionAttendanceStore);
  protected readonly language = inject(LanguageStore);
  readonly #initial = yearToDate(today());
  protected readonly from = signal(this.#initial.from);
  protected readonly to = signal(this.#initial.to);
  protected readonly periodError = signal(false);
  protected readonly message = failureMessageKey;
  protected readonly pdfUrl = computed(() => {
    const period = this.store.period();
    return period
      ? ownAttendancePdfUrl(period.from, period.to, this.language.lang() === 'en' ? 'en' : 'nl')
      : null;
  });

  constructor() {
    void this.store.load(this.#initial);
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected show(): void {
    const from = this.from();
    const to = this.to();
    if (!DATE.test(from) || !DATE.test(to) || from > to) {
      this.periodError.set(true);
      return;
    }
    this.periodError.set(false);
    void this.store.load({ from, to });
  }
}
