import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The page's one `h1`, with an optional lead paragraph. */
@Component({
  selector: 'cst-page-heading',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="utrecht-heading-1 cst-page-heading__title">{{ heading() }}</h1>
    @if (lead(); as lead) {
      <p class="utrecht-paragraph utrecht-paragraph--lead cst-page-heading__lead">{{ lead }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-block-end: var(--basis-space-block-3xl, 32px);
    }
    .cst-page-heading__title {
      margin-block: 0 var(--basis-space-block-md, 8px);
    }
    .cst-page-heading__lead {
      margin: 0;
      max-inline-size: 65ch;
    }
  `,
})
export class PageHeadingComponent {
  readonly heading = input.required<string>();
  readonly lead = input<string | null>(null);
}
