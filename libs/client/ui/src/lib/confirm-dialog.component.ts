import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';

let nextDialogId = 0;

/**
 * A modal confirmation (native `<dialog>`: inert background, Escape closes). Focus goes to
 * the safe choice (cancel) on open and back to what had it on close.
 */
@Component({
  selector: 'cst-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="cst-dialog"
      [attr.aria-labelledby]="headingId"
      [attr.aria-describedby]="bodyId"
      [attr.data-testid]="testId()"
      (close)="restoreFocus()"
    >
      <h2 class="utrecht-heading-3 cst-dialog__heading" [id]="headingId">{{ heading() }}</h2>
      <div class="cst-dialog__body" [id]="bodyId"><ng-content /></div>
      <div class="cst-dialog__actions">
        <button
          type="button"
          class="utrecht-button utrecht-button--primary-action"
          [class.cst-button--danger]="danger()"
          [attr.data-testid]="testId() + '-confirm'"
          (click)="confirm()"
        >
          {{ confirmLabel() }}
        </button>
        <button
          #cancel
          type="button"
          class="utrecht-button utrecht-button--secondary-action"
          [attr.data-testid]="testId() + '-cancel'"
          (click)="close()"
        >
          {{ cancelLabel() }}
        </button>
      </div>
    </dialog>
  `,
  styles: `
    .cst-dialog {
      border: 1px solid var(--basis-color-default-border-default, #767676);
      border-radius: var(--basis-border-radius-md, 6px);
      box-shadow: 0 8px 32px rgb(0 0 0 / 25%);
      max-inline-size: min(32rem, calc(100vw - 2rem));
      padding: var(--basis-space-block-2xl, 24px);
    }
    .cst-dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
    .cst-dialog__heading {
      margin-block: 0 var(--basis-space-block-md, 8px);
    }
    .cst-dialog__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--basis-space-inline-md, 8px);
      margin-block-start: var(--basis-space-block-xl, 20px);
    }
  `,
})
export class ConfirmDialogComponent {
  readonly heading = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly cancelLabel = input.required<string>();
  /** The confirmation is destructive (red button). */
  readonly danger = input(false);
  readonly testId = input('confirm-dialog');
  readonly confirmed = output<void>();

  protected readonly headingId = `cst-dialog-heading-${nextDialogId}`;
  protected readonly bodyId = `cst-dialog-body-${nextDialogId++}`;
  private readonly dialogRef = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly cancelRef = viewChild.required<ElementRef<HTMLButtonElement>>('cancel');
  readonly #document = inject(DOCUMENT);
  #returnFocus: HTMLElement | null = null;

  open(): void {
    const dialog = this.dialogRef().nativeElement;
    const active = this.#document.activeElement;
    this.#returnFocus = active instanceof HTMLElement ? active : null;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    this.cancelRef().nativeElement.focus();
  }

  close(): void {
    const dialog = this.dialogRef().nativeElement;
    if (typeof dialog.close === 'function') dialog.close();
    else {
      dialog.removeAttribute('open');
      this.restoreFocus();
    }
  }

  protected confirm(): void {
    this.close();
    this.confirmed.emit();
  }

  protected restoreFocus(): void {
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
  }
}
