import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ApiFailure,
  failureCode,
  failureDetails,
  failureMessageKey,
  refusalKeyOf,
} from '@casustafel/client/data-access';
import { AlertComponent } from '@casustafel/client/ui';

/**
 * Reasons with words of the conference's own (`conference.issues.<issue>`; the plan's issues
 * are shown by the plan too); the api's other refusal codes have `refusals.<code>`.
 */
export const KNOWN_ISSUES: ReadonlySet<string> = new Set([
  'no-entries',
  'no-family-lead',
  'no-monitor',
  'no-evaluation-date',
  'evaluation-date-past',
  'no-if-different',
  'entry-who',
  'entry-what',
  'entry-when',
  'bottom-line-unchecked',
  'bottom-line-not-met',
  'not-a-member',
  'required',
]);

/** A refusal of the api in words (Dutch first), with its code and each reason. */
@Component({
  selector: 'cst-conference-refusal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent],
  template: `
    @if (failure(); as f) {
      <cst-alert type="error">
        <p class="utrecht-paragraph" [attr.data-testid]="testId()">
          {{ messageKey() | transloco }}
          @if (code(); as c) {
            <span class="cst-small"> ({{ 'conference.refusal.code' | transloco }}: {{ c }})</span>
          }
        </p>
        @if (reasons().length > 0) {
          <ul class="utrecht-unordered-list" [attr.data-testid]="testId() + '-reasons'">
            @for (r of reasons(); track $index) {
              <li>
                @if (r.key) {
                  {{ r.key | transloco }}
                } @else {
                  {{ r.issue }}
                }
                <span class="cst-small cst-muted"
                  >({{ r.issue }}{{ r.path ? ', ' + r.path : '' }})</span
                >
              </li>
            }
          </ul>
        }
      </cst-alert>
    }
  `,
})
export class ConferenceRefusalComponent {
  readonly failure = input<ApiFailure | null>(null);
  readonly testId = input('fc-refusal');
  protected readonly messageKey = computed(() => {
    const f = this.failure();
    return f ? failureMessageKey(f) : '';
  });
  protected readonly code = computed(() => failureCode(this.failure()));
  protected readonly reasons = computed(() =>
    failureDetails(this.failure()).map((d) => ({
      issue: d.issue,
      path: d.path,
      key: KNOWN_ISSUES.has(d.issue) ? `conference.issues.${d.issue}` : refusalKeyOf(d.issue),
    })),
  );
}
