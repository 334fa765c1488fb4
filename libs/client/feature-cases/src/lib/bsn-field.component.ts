import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { bsnFeedback } from './case-file.rules';

/**
 * A BSN input with instant 11-proef feedback, and the note that it is stored encrypted and
 * shown masked afterwards. The value is what was typed; callers send it normalised.
 */
@Component({
  selector: 'cst-bsn-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="cst-field utrecht-form-field" [class.utrecht-form-field--invalid]="isInvalid()">
      <label class="utrecht-form-label" [for]="fieldId()">{{
        'household.person.bsn' | transloco
      }}</label>
      <p class="cst-field__description" [id]="fieldId() + '-note'">
        {{ 'household.person.bsnNote' | transloco }}
      </p>
      <input
        [id]="fieldId()"
        class="utrecht-textbox utrecht-textbox--html-input cst-mono"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        spellcheck="false"
        maxlength="12"
        [value]="value()"
        (input)="value.set($any($event.target).value)"
        [attr.aria-invalid]="isInvalid()"
        [attr.aria-describedby]="fieldId() + '-note ' + fieldId() + '-feedback'"
        [attr.data-testid]="testId()"
      />
      <p
        [id]="fieldId() + '-feedback'"
        aria-live="polite"
        [class]="isInvalid() ? 'cst-field__error' : 'cst-field__description'"
        [attr.data-testid]="testId() + '-feedback'"
        [attr.data-state]="state()"
      >
        @if (message(); as key) {
          {{ key | transloco }}
        }
      </p>
    </div>
  `,
})
export class BsnFieldComponent {
  readonly fieldId = input.required<string>();
  readonly testId = input('bsn');
  /** An issue reported by the api for this field (translation key). */
  readonly serverIssue = input<string | null>(null);
  readonly value = model('');
  protected readonly state = computed(() => bsnFeedback(this.value()));
  protected readonly isInvalid = computed(
    () =>
      this.serverIssue() !== null || this.state() === 'invalid' || this.state() === 'characters',
  );
  protected readonly message = computed(() => {
    const server = this.serverIssue();
    if (server) return server;
    switch (this.state()) {
      case 'empty':
        return null;
      case 'characters':
        return 'household.person.bsnCharacters';
      case 'incomplete':
        return 'household.person.bsnIncomplete';
      case 'valid':
        return 'household.person.bsnValid';
      case 'invalid':
        return 'household.person.bsnInvalid';
    }
  });
}
