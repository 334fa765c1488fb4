import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { AlertComponent, type AlertType } from '../alert.component';

/**
 * A live region that shows one message in an alert while there is one:
 * `<div role="alert" cstMessage [message]="errorKey() | transloco">`, or
 * `cstMessage="ok"` for a notice in a `role="status"` region. The text arrives translated;
 * an empty or null message shows nothing.
 */
@Component({
  // An attribute on the caller's live region: the region must stay in the page while its
  // message comes and goes, or screen readers do not announce it.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: '[cstMessage]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AlertComponent],
  template: `
    @if (message(); as text) {
      <cst-alert [type]="cstMessage() || 'error'"
        ><p class="utrecht-paragraph">{{ text }}</p></cst-alert
      >
    }
  `,
})
export class MessageRegionComponent {
  /** The alert's type; the bare attribute means `error`. */
  readonly cstMessage = input<AlertType | ''>('error');
  /** The message (translated); empty or null: none. */
  readonly message = input<string | null | undefined>(null);
}
