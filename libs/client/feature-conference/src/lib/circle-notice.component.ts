import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AlertComponent } from '@casustafel/client/ui';
import { ConferenceActions } from './conference-actions';

/** What the last withdrawal or removal of a circle member did, said once. */
@Component({
  selector: 'cst-circle-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent],
  styles: ':host { display: contents; }',
  template: `
    @if (notice(); as n) {
      <cst-alert type="ok"
        ><p class="utrecht-paragraph" data-testid="fc-circle-notice">
          {{ n.key | transloco: { name: n.name } }}
        </p></cst-alert
      >
    }
  `,
})
export class CircleNoticeComponent {
  protected readonly notice = inject(ConferenceActions).circleNotice;
}
