import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** An inline message (Utrecht alert). Announce it through a live region of the caller if needed. */
@Component({
  selector: 'cst-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div [class]="classes()">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message"><ng-content /></div>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class AlertComponent {
  readonly type = input<AlertType>('info');
  protected readonly classes = computed(() => `utrecht-alert utrecht-alert--${this.type()}`);
}
