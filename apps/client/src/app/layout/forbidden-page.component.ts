import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PageHeadingComponent } from '@casustafel/client/ui';

/** 403: the page exists, but this user has no need to know. */
@Component({
  selector: 'app-forbidden-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, PageHeadingComponent],
  template: `
    <cst-page-heading
      [heading]="'forbidden.heading' | transloco"
      [lead]="'forbidden.body' | transloco"
      data-testid="forbidden-heading"
    />
    <p class="utrecht-paragraph" data-testid="forbidden-recorded">
      {{ 'forbidden.recorded' | transloco }}
    </p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" routerLink="/" data-testid="forbidden-home-link">{{
        'notFound.backHome' | transloco
      }}</a>
    </p>
  `,
})
export class ForbiddenPageComponent {}
