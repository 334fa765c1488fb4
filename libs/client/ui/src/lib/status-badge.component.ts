import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type StatusTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A small status label (Utrecht status badge); the text says the status, colour only supports it. */
@Component({
  selector: 'cst-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="classes()"><ng-content /></span>`,
  styles: `
    :host {
      display: inline-block;
    }
    span {
      line-height: 1.25;
      padding-block: 0.25em;
      padding-inline: 0.6em;
    }
  `,
})
export class StatusBadgeComponent {
  readonly tone = input.required<StatusTone>();
  protected readonly classes = computed(
    () => `utrecht-status-badge utrecht-status-badge--${this.tone()}`,
  );
}
