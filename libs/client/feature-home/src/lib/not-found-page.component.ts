import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PageHeadingComponent } from '@casustafel/client/ui';

/** Any unknown address. */
@Component({
  selector: 'cst-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, PageHeadingComponent],
  template: `
    <cst-page-heading
      [heading]="'notFound.heading' | transloco"
      [lead]="'notFound.body' | transloco"
    />
    <p class="utrecht-paragraph">
      <a class="utrecht-link" routerLink="/" data-testid="not-found-home-link">{{
        'notFound.backHome' | transloco
      }}</a>
    </p>
  `,
})
export class NotFoundPageComponent {}
