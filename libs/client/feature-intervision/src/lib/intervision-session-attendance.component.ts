import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { IntervisionSessionStore, LanguageStore } from '@casustafel/client/data-access';
import { DateTimePipe } from '@casustafel/client/ui';

/** An ended session's attendance: who took part, in which role, how long, and its PDF. */
@Component({
  selector: 'cst-iv-session-attendance',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, DateTimePipe],
  template: `
    <section
      class="cst-panel cst-section"
      aria-labelledby="iv-attendance-heading"
      data-testid="iv-attendance"
    >
      <h2 class="utrecht-heading-2" id="iv-attendance-heading" tabindex="-1">
        {{ 'intervision.session.attendance.title' | transloco }}
      </h2>
      @if (store.attendance(); as rows) {
        <div
          class="cst-table-scroll"
          tabindex="0"
          role="region"
          aria-labelledby="iv-attendance-caption"
        >
          <table class="cst-table" data-testid="iv-attendance-table">
            <caption id="iv-attendance-caption" class="app-visually-hidden">
              {{
                'intervision.session.attendance.caption' | transloco
              }}
            </caption>
            <thead>
              <tr>
                @for (col of ['colName', 'colRole', 'colStart', 'colMinutes']; track col) {
                  <th scope="col">{{ 'intervision.attendance.' + col | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.userId) {
                <tr>
                  <td>{{ row.participantName }}</td>
                  <td>{{ 'intervision.roles.' + row.role | transloco }}</td>
                  <td>
                    <time [attr.datetime]="row.startedAt">{{
                      row.startedAt | cstDateTime: language.lang()
                    }}</time>
                  </td>
                  <td>{{ row.minutes }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="utrecht-paragraph">
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            [href]="pdfUrl()"
            download
            data-testid="iv-attendance-pdf"
            >{{ 'intervision.session.attendance.pdf' | transloco }}</a
          >
        </p>
      } @else if (store.attendanceFailure(); as failure) {
        <p class="utrecht-paragraph" data-testid="iv-attendance-error">
          {{ 'intervision.session.attendance.notYet' | transloco }}
        </p>
      } @else {
        <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
      }
      <p class="utrecht-paragraph">
        <a class="utrecht-link" routerLink="/intervisie/aanwezigheid" data-testid="iv-own-link">{{
          'intervision.attendance.link' | transloco
        }}</a>
      </p>
    </section>
  `,
  styleUrl: './intervision-session.css',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class IntervisionSessionAttendanceComponent {
  protected readonly store = inject(IntervisionSessionStore);
  protected readonly language = inject(LanguageStore);
  /** Where the attendance PDF is downloaded. */
  readonly pdfUrl = input.required<string>();
}
