import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterRenderEffect,
  input,
  viewChild,
  type OnDestroy,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

export interface ChartSeries {
  label: string;
  /** Hidden values are gaps (null), never drawn as 0. */
  values: (number | null)[];
}

/** NL Design System-like colours with enough contrast against white (WCAG 1.4.11, ≥ 3:1). */
const COLOURS = [
  '#154273',
  '#b3541e',
  '#39870c',
  '#8b1a5a',
  '#5a4a00',
  '#0f6e77',
  '#6b3fa0',
  '#a31a1a',
];

/**
 * A chart (Chart.js on a canvas). The canvas is an image with a short description; the figures
 * themselves are in the data table that every chart has next to it (WCAG 1.1.1).
 */
@Component({
  selector: 'cst-insight-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="cst-chart">
    <canvas #canvas role="img" [attr.aria-label]="description()"></canvas>
  </div>`,
  styles: `
    .cst-chart {
      position: relative;
      block-size: 16rem;
      inline-size: 100%;
    }
  `,
})
export class InsightChartComponent implements OnDestroy {
  readonly kind = input<'bar' | 'line'>('bar');
  readonly stacked = input(false);
  readonly labels = input.required<string[]>();
  readonly series = input.required<ChartSeries[]>();
  readonly description = input.required<string>();
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterRenderEffect(() => {
      const labels = this.labels();
      const datasets = this.series().map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: COLOURS[i % COLOURS.length],
        borderColor: COLOURS[i % COLOURS.length],
        spanGaps: false,
      }));
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, {
        type: this.kind(),
        data: { labels, datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked: this.stacked() },
            y: { stacked: this.stacked(), beginAtZero: true },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
