import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { IdleStore } from '@casustafel/client/data-access';

/** "You will be signed out in a minute", announced politely, with a way to stay. */
@Component({
  selector: 'app-idle-warning',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="app-idle" aria-live="polite" data-testid="idle-warning-region">
      @if (idle.warning()) {
        <div class="app-idle__box" data-testid="idle-warning">
          <p class="app-idle__text">{{ 'idle.warning' | transloco }}</p>
          <button
            type="button"
            class="utrecht-button utrecht-button--primary-action"
            data-testid="idle-stay"
            (click)="stay()"
          >
            {{ 'idle.stay' | transloco }}
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .app-idle__box {
      align-items: center;
      background: var(--basis-color-warning-bg-default, #fff4d6);
      border-block-end: 2px solid var(--basis-color-warning-border-default, #8a5300);
      display: flex;
      flex-wrap: wrap;
      gap: var(--basis-space-row-md, 12px) var(--basis-space-column-xl, 20px);
      justify-content: center;
      padding: var(--basis-space-block-md, 8px) var(--app-gutter);
    }
    .app-idle__text {
      font-weight: var(--basis-text-font-weight-bold, bold);
      margin: 0;
    }
  `,
})
export class IdleWarningComponent {
  protected readonly idle = inject(IdleStore);

  protected stay(): void {
    void this.idle.stayLoggedIn();
  }
}
