import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { FIELD } from '@casustafel/client/ui';

/**
 * A field that chooses one of a fixed list of values, each shown by its translation
 * (`words` + value, e.g. `network.gender.` + `vrouw`): `[(value)]="gender"`.
 */
@Component({
  selector: 'cst-choice-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, FIELD],
  styles: ':host { display: contents; }',
  template: `
    <cst-field [fieldId]="fieldId()" [label]="label()">
      <select
        cstControl
        class="utrecht-select utrecht-select--html-select"
        (change)="value.set($any($event.target).value)"
        [attr.data-testid]="testId()"
      >
        @for (o of options(); track o) {
          <option [value]="o" [selected]="value() === o">{{ words() + o | transloco }}</option>
        }
      </select>
    </cst-field>
  `,
})
export class ChoiceFieldComponent<T extends string> {
  readonly fieldId = input.required<string>();
  /** The visible label (translated). */
  readonly label = input.required<string>();
  readonly options = input.required<readonly T[]>();
  /** The translation key of an option without its value: `network.gender.`. */
  readonly words = input.required<string>();
  readonly value = model.required<T>();
  readonly testId = input<string | null>(null);
}
