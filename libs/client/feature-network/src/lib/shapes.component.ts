import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Shape } from '@casustafel/domain';

/**
 * Draws the shapes the domain layout made (the same ones the server's SVG export serialises),
 * inside an `<svg>` of the host component: `<g cstShapes [shapes]="…">`.
 */
@Component({
  // An attribute on an SVG group: the shapes must be children of the host's <svg>.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'g[cstShapes]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (s of shapes(); track $index) {
      @switch (s.kind) {
        @case ('line') {
          <svg:line
            [attr.x1]="s.x1"
            [attr.y1]="s.y1"
            [attr.x2]="s.x2"
            [attr.y2]="s.y2"
            [attr.stroke]="s.stroke"
            [attr.stroke-width]="s.width"
            [attr.stroke-dasharray]="s.dash"
            [attr.data-tag]="s.tag ?? null"
          />
        }
        @case ('rect') {
          <svg:rect
            [attr.x]="s.x"
            [attr.y]="s.y"
            [attr.width]="s.w"
            [attr.height]="s.h"
            [attr.rx]="s.rx"
            [attr.stroke]="s.stroke"
            [attr.stroke-width]="s.width"
            [attr.fill]="s.fill"
            [attr.stroke-dasharray]="s.dash"
          />
        }
        @case ('circle') {
          <svg:circle
            [attr.cx]="s.cx"
            [attr.cy]="s.cy"
            [attr.r]="s.r"
            [attr.stroke]="s.stroke"
            [attr.stroke-width]="s.width"
            [attr.fill]="s.fill"
            [attr.stroke-dasharray]="s.dash"
          />
        }
        @case ('polygon') {
          <svg:polygon
            [attr.points]="s.points"
            [attr.stroke]="s.stroke"
            [attr.stroke-width]="s.width"
            [attr.fill]="s.fill"
          />
        }
        @case ('path') {
          <svg:path
            [attr.d]="s.d"
            [attr.stroke]="s.stroke"
            [attr.stroke-width]="s.width"
            [attr.fill]="s.fill"
            [attr.stroke-dasharray]="s.dash"
          />
        }
        @case ('text') {
          <svg:text
            [attr.x]="s.x"
            [attr.y]="s.y"
            [attr.font-size]="s.size"
            [attr.text-anchor]="s.anchor"
            [attr.font-weight]="s.weight"
            [attr.fill]="s.fill"
          >
            {{ s.text }}
          </svg:text>
        }
      }
    }
  `,
})
export class ShapesComponent {
  readonly shapes = input.required<readonly Shape[]>();
}
