import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConnectionStore } from '@casustafel/client/data-access';

/** The live connection in the header, announced politely when it changes. */
@Component({
  selector: 'app-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <p
      class="app-connection"
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      [attr.data-state]="connection.state()"
    >
      <span
        [class]="'app-connection__dot app-connection__dot--' + connection.state()"
        aria-hidden="true"
      ></span>
      <span class="app-visually-hidden">{{ 'connection.label' | transloco }}: </span>
      <span>{{ connection.statusKey() | transloco }}</span>
    </p>
  `,
  styles: `
    .app-connection {
      align-items: center;
      display: inline-flex;
      font-size: var(--basis-text-font-size-sm, 0.875rem);
      gap: 0.5em;
      margin: 0;
      white-space: nowrap;
    }
    .app-connection__dot {
      block-size: 0.75em;
      border-radius: 50%;
      display: inline-block;
      inline-size: 0.75em;
    }
    .app-connection__dot--connected {
      background: var(--basis-color-positive-color-default, #1a7f37);
    }
    .app-connection__dot--connecting,
    .app-connection__dot--reconnecting {
      background: var(--basis-color-warning-color-default, #8a5300);
    }
    .app-connection__dot--disconnected {
      background: var(--basis-color-negative-color-default, #b3261e);
    }
  `,
})
export class ConnectionIndicatorComponent {
  protected readonly connection = inject(ConnectionStore);
}
