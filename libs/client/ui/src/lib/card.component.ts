import { ChangeDetectionStrategy, Component, input } from '@angular/core';

let nextCardId = 0;

/** A titled panel: a `section` landmark labelled by its heading. */
@Component({
  selector: 'cst-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="cst-card" [attr.aria-labelledby]="headingId">
      <div class="cst-card__header">
        <h2 class="utrecht-heading-2 cst-card__heading" [id]="headingId">{{ heading() }}</h2>
        <ng-content select="[cstCardStatus]" />
      </div>
      <div class="cst-card__body"><ng-content /></div>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .cst-card {
      background: var(--basis-color-default-bg-document, #fff);
      border: 1px solid var(--basis-color-default-border-subtle, #d0d0d0);
      border-radius: var(--basis-border-radius-md, 4px);
      box-shadow: 0 1px 2px rgb(0 0 0 / 6%);
      block-size: 100%;
      box-sizing: border-box;
      padding: var(--basis-space-block-2xl, 24px) var(--basis-space-inline-2xl, 24px);
    }
    .cst-card__header {
      align-items: center;
      display: flex;
      flex-wrap: wrap;
      gap: var(--basis-space-inline-md, 8px) var(--basis-space-inline-lg, 12px);
      justify-content: space-between;
      margin-block-end: var(--basis-space-block-lg, 16px);
    }
    .cst-card__heading {
      margin: 0;
    }
  `,
})
export class CardComponent {
  readonly heading = input.required<string>();
  protected readonly headingId = `cst-card-heading-${nextCardId++}`;
}
