import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { FIELD } from '@casustafel/client/ui';

/** One box of a check list changed: its value and the change event. */
export interface CheckToggle {
  readonly value: string;
  readonly event: Event;
}

/**
 * A list of checkboxes, one a value, each labelled by its translation (`words` + value) and
 * test id `testIdPrefix` + value: `(toggled)="toggle($event.value, $event.event)"`.
 */
@Component({
  selector: 'cst-check-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  template: `
    <div class="cst-checks">
      @for (o of options(); track o) {
        <cst-field layout="check" [label]="words() + o | transloco">
          <input
            cstControl
            type="checkbox"
            class="utrecht-checkbox utrecht-checkbox--html-input"
            [checked]="checked().has(o)"
            (change)="toggled.emit({ value: o, event: $event })"
            [attr.data-testid]="testIdPrefix() + o"
          />
        </cst-field>
      }
    </div>
  `,
})
export class CheckListComponent {
  readonly options = input.required<readonly string[]>();
  /** The translation key of a label without its value: `consent.dataCategories.`. */
  readonly words = input.required<string>();
  /** The values that are checked. */
  readonly checked = input.required<ReadonlySet<string>>();
  readonly testIdPrefix = input.required<string>();
  readonly toggled = output<CheckToggle>();
}
