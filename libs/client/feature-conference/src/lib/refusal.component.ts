import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type ApiFailure,
  failureCode,
  failureDetails,
  failureMessageKey,
} from '@casustafel/client/data-access';
import { AlertComponent } from '@casustafel/client/ui';

/** The refusal reasons of the conference's api that have words of their own. */
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
  'conference-not-running',
  'conference-started',
  'coordinator-not-independent',
  'meldcode-open',
  'no-family-invited',
  'not-a-colleague',
  'not-a-member',
  'not-in-acceptance',
  'not-in-plan-presentation',
  'stale-revision',
  'required',
  'not-invited',
  'member-took-part',
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
                @if (r.known) {
                  {{ 'conference.issues.' + r.issue | transloco }}
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
      known: KNOWN_ISSUES.has(d.issue),
    })),
  );
}
