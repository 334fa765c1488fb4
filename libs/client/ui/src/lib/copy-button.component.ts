import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';

/** Copies a text to the clipboard and says so (politely) next to the button. */
@Component({
  selector: 'cst-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="utrecht-button utrecht-button--secondary-action"
      [attr.data-testid]="testId()"
      (click)="copy()"
    >
      {{ label() }}
    </button>
    <span class="cst-copy__status" role="status" [attr.data-testid]="testId() + '-status'">{{
      copied() ? copiedLabel() : ''
    }}</span>
  `,
  styles: `
    :host {
      align-items: center;
      display: inline-flex;
      flex-wrap: wrap;
      gap: var(--basis-space-inline-md, 8px);
    }
    .cst-copy__status {
      font-size: var(--basis-text-font-size-sm, 0.875rem);
    }
  `,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly label = input.required<string>();
  readonly copiedLabel = input.required<string>();
  readonly testId = input('copy-button');
  protected readonly copied = signal(false);
  readonly #document = inject(DOCUMENT);

  protected async copy(): Promise<void> {
    try {
      await this.#document.defaultView?.navigator.clipboard.writeText(this.text());
      this.copied.set(true);
    } catch {
      this.copied.set(false);
    }
  }
}
