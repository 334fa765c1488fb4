import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Shape } from '@casustafel/domain';
import { ShapesComponent } from './shapes.component';

/** The legend of a map (genogram or ecogram), open by default. */
@Component({
  selector: 'cst-map-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ShapesComponent],
  styles: ':host { display: contents; }',
  styleUrl: './network-maps.css',
  template: `
    <details class="cst-disclosure" open>
      <summary>{{ 'network.genogram.legend' | transloco }}</summary>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="cst-network-legend"
        role="img"
        [attr.aria-label]="'network.genogram.legend' | transloco"
        [attr.viewBox]="'0 0 ' + legend().width + ' ' + legend().height"
        [attr.width]="legend().width"
        [attr.height]="legend().height"
        font-family="'Noto Sans', sans-serif"
      >
        <g cstShapes [shapes]="legend().shapes"></g>
      </svg>
    </details>
  `,
})
export class MapLegendComponent {
  readonly legend = input.required<{ width: number; height: number; shapes: readonly Shape[] }>();
}
