import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  Directive,
  inject,
  input,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';

let lastFieldNumber = 0;

/**
 * The one form field: label, optional hint, error and required/optional marker around one
 * control, with `for`, `id`, `aria-describedby`, `aria-invalid` and `aria-required` wired once.
 * Texts arrive translated (`[error]="key() | transloco"`; a null error shows nothing).
 *
 * ```html
 * <cst-field fieldId="household-label" [label]="'household.label' | transloco"
 *            [hint]="'household.new.labelHint' | transloco" [error]="labelError() | transloco" required>
 *   <input cstControl class="utrecht-textbox utrecht-textbox--html-input" … />
 * </cst-field>
 * ```
 * `layout="check"` puts a checkbox or radio before its label.
 */
@Component({
  selector: 'cst-field',
  imports: [NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'cst-field utrecht-form-field',
    '[class.utrecht-form-field--invalid]': 'invalid()',
    '[class.cst-field--check]': "layout() === 'check'",
    '[attr.data-invalid]': "invalid() ? 'true' : null",
  },
  template: `
    <ng-template #control><ng-content /></ng-template>
    @if (layout() === 'check') {
      <div class="cst-field__check">
        <ng-container [ngTemplateOutlet]="control" />
        <label class="utrecht-form-label utrecht-form-label--checkbox" [attr.for]="controlId()">
          {{ label() }}
          @if (required()) {
            <span class="cst-field__required" aria-hidden="true">*</span>
          }
        </label>
      </div>
      @if (hint(); as text) {
        <p class="cst-field__description" [id]="hintId()">{{ text }}</p>
      }
      @if (error(); as text) {
        <p class="cst-field__error" [id]="errorId()" [attr.data-testid]="errorTestId()">
          {{ text }}
        </p>
      }
    } @else {
      <label class="utrecht-form-label" [attr.for]="controlId()">
        {{ label() }}
        @if (required()) {
          <span class="cst-field__required" aria-hidden="true">*</span>
        } @else if (optionalText(); as text) {
          <span class="cst-muted cst-small">({{ text }})</span>
        }
      </label>
      @if (hint(); as text) {
        <p class="cst-field__description" [id]="hintId()">{{ text }}</p>
      }
      @if (error(); as text) {
        <p class="cst-field__error" [id]="errorId()" [attr.data-testid]="errorTestId()">
          {{ text }}
        </p>
      }
      <ng-container [ngTemplateOutlet]="control" />
    }
  `,
})
export class FieldComponent {
  /** The visible label (translated). */
  readonly label = input.required<string>();
  /** A help text under the label, read out with the control. */
  readonly hint = input<string | null | undefined>(null);
  /** The error to show; empty or null: none. Makes the control `aria-invalid`. */
  readonly error = input<string | null | undefined | false>(null);
  /** Marks the label with an asterisk (hidden from screen readers) and the control required. */
  readonly required = input(false, { transform: booleanAttribute });
  /** Shown after the label in brackets, e.g. "optioneel" (translated); not with `required`. */
  readonly optionalText = input<string | null | undefined>(null);
  /** The control's id; generated when not given. Hint and error ids derive from it. */
  readonly fieldId = input<string>(`cst-field-${++lastFieldNumber}`);
  /** `check`: the control (checkbox, radio) stands before its label. */
  readonly layout = input<'stack' | 'check'>('stack');
  /** data-testid of the error paragraph, for tests that look for one field's error. */
  readonly errorTestId = input<string | null>(null);

  readonly controlId = computed(() => this.fieldId());
  readonly hintId = computed(() => `${this.fieldId()}-hint`);
  readonly errorId = computed(() => `${this.fieldId()}-error`);
  readonly invalid = computed(() => !!this.error());
  /** The ids the control is described by: the hint, then the error. */
  readonly describedBy = computed(() => {
    const ids = [this.hint() ? this.hintId() : null, this.invalid() ? this.errorId() : null];
    const joined = ids.filter((id): id is string => id !== null).join(' ');
    return joined === '' ? null : joined;
  });
}

/**
 * Marks the control of a `cst-field`: gives it the field's id and its description, invalid and
 * required state. Extra ids (e.g. a counter, a group's error) can be added with
 * `cstControlDescribedBy`; a group's error makes the control invalid with `cstControlInvalid`.
 */
@Directive({
  selector: '[cstControl]',
  host: {
    '[id]': 'field.controlId()',
    '[attr.aria-describedby]': 'describedBy()',
    '[attr.aria-invalid]': "field.invalid() || cstControlInvalid() ? 'true' : null",
    '[attr.aria-required]': "field.required() ? 'true' : null",
  },
})
export class FieldControlDirective {
  protected readonly field = inject(FieldComponent);
  /** More ids that describe the control, after the field's own. */
  readonly cstControlDescribedBy = input<string | null>(null);
  /** Invalid through an error shown for a group of fields (e.g. an address, a period). */
  readonly cstControlInvalid = input(false);
  protected readonly describedBy = computed(() => {
    const ids = [this.field.describedBy(), this.cstControlDescribedBy()].filter(
      (id): id is string => !!id,
    );
    return ids.length === 0 ? null : ids.join(' ');
  });
}

/** Both parts of a field, for a component's `imports`. */
export const FIELD = [FieldComponent, FieldControlDirective] as const;
