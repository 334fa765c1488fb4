import { booleanAttribute, ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FIELD } from '@casustafel/client/ui';

/**
 * A one-line text field of the network forms (a name, a label, a year): `[(value)]="name"`.
 * `numeric` asks for the number keyboard; `first` marks the control the form focuses first.
 */
@Component({
  selector: 'cst-text-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FIELD],
  styles: ':host { display: contents; }',
  template: `
    <cst-field [fieldId]="fieldId()" [label]="label()">
      <input
        cstControl
        [attr.data-first-add-field]="first() ? '' : null"
        class="utrecht-textbox utrecht-textbox--html-input"
        type="text"
        [attr.inputmode]="numeric() ? 'numeric' : null"
        [attr.maxlength]="maxlength()"
        autocomplete="off"
        [value]="value()"
        (input)="value.set($any($event.target).value)"
        [attr.data-testid]="testId()"
      />
    </cst-field>
  `,
})
export class TextFieldComponent {
  readonly fieldId = input.required<string>();
  /** The visible label (translated). */
  readonly label = input.required<string>();
  readonly maxlength = input.required<number>();
  readonly numeric = input(false, { transform: booleanAttribute });
  readonly first = input(false, { transform: booleanAttribute });
  readonly value = model.required<string>();
  readonly testId = input<string | null>(null);
}
