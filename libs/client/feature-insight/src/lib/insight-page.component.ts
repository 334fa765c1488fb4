import { HttpClient, HttpParams } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type {
  InsightComparison,
  InsightDashboard,
  InsightIndicatorView,
  InsightTeam,
} from '@casustafel/contracts';
import { LanguageStore } from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent, PluralKeyPipe } from '@casustafel/client/ui';
import { BUCKET, type ChartModel, chartModel } from './insight-chart-model';
import { InsightChartComponent } from './insight-chart.component';

function firstOfMonth(date: Date, monthsBack: number): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth() - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}

/** The first of the month `months` after the month of `date` (`YYYY-MM-DD`). */
function shiftMonth(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1 + months, 1)).toISOString().slice(0, 10);
}

/**
 * `/teams/:teamId/inzicht`: the team's management information for a period — figures computed
 * from the recorded work, small cells hidden, every chart with its data table — with the teams
 * of the organisation side by side and the exports (CSV, GMSD).
 */
@Component({
  selector: 'cst-insight-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    TranslocoPipe,
    AlertComponent,
    PageHeadingComponent,
    PluralKeyPipe,
    InsightChartComponent,
    ...FIELD,
  ],
  templateUrl: './insight-page.component.html',
  styleUrl: './insight-page.component.css',
})
export class InsightPageComponent implements OnInit {
  readonly #http = inject(HttpClient);
  readonly #route = inject(ActivatedRoute);
  readonly #router = inject(Router);
  readonly #transloco = inject(TranslocoService);
  protected readonly language = inject(LanguageStore);

  protected readonly teams = signal<InsightTeam[]>([]);
  protected readonly teamId = signal<string | null>(null);
  protected readonly from = signal(firstOfMonth(new Date(), 11));
  protected readonly to = signal(firstOfMonth(new Date(), -1));
  protected readonly granularity = signal<'month' | 'quarter'>('month');
  protected readonly compare = signal(false);
  protected readonly dashboard = signal<InsightDashboard | null>(null);
  protected readonly comparison = signal<InsightComparison | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<'forbidden' | 'failed' | 'no-teams' | null>(null);

  protected readonly available = computed(
    () => this.dashboard()?.indicators.filter((i) => i.available && i.table) ?? [],
  );
  protected readonly unavailable = computed(
    () => this.dashboard()?.indicators.filter((i) => !i.available) ?? [],
  );
  protected readonly hiddenCount = computed(() =>
    this.available().reduce((n, i) => n + (i.table?.hidden ?? 0), 0),
  );

  async ngOnInit(): Promise<void> {
    const routeTeam = this.#route.pathFromRoot
      .map((r) => r.snapshot.paramMap.get('teamId'))
      .find((id) => id !== null);
    try {
      this.teams.set(await firstValueFrom(this.#http.get<InsightTeam[]>('/api/insight/teams')));
    } catch {
      this.failure.set('forbidden');
      return;
    }
    const team = routeTeam ?? this.teams()[0]?.id ?? null;
    if (!team) {
      this.failure.set('no-teams');
      return;
    }
    this.teamId.set(team);
    await this.load();
  }

  /** The period is whole months (the api refuses others): `to` is the month after the last. */
  protected readonly lastMonth = computed(() => shiftMonth(this.to(), -1).slice(0, 7));

  protected setFrom(month: string): void {
    if (/^\d{4}-\d{2}$/.test(month)) this.from.set(`${month}-01`);
  }

  protected setLastMonth(month: string): void {
    if (/^\d{4}-\d{2}$/.test(month)) this.to.set(shiftMonth(`${month}-01`, 1));
  }

  protected async selectTeam(teamId: string): Promise<void> {
    this.teamId.set(teamId);
    await this.#router.navigate(['/teams', teamId, 'inzicht'], { replaceUrl: true });
    await this.load();
  }

  protected async load(): Promise<void> {
    const teamId = this.teamId();
    if (!teamId) return;
    this.loading.set(true);
    this.failure.set(null);
    const params = new HttpParams()
      .set('from', this.from())
      .set('to', this.to())
      .set('granularity', this.granularity());
    try {
      this.dashboard.set(
        await firstValueFrom(
          this.#http.get<InsightDashboard>(`/api/teams/${teamId}/insight`, { params }),
        ),
      );
      this.comparison.set(
        this.compare()
          ? await firstValueFrom(
              this.#http.get<InsightComparison>('/api/insight/compare', { params }),
            )
          : null,
      );
    } catch (error) {
      this.dashboard.set(null);
      this.failure.set((error as { status?: number }).status === 403 ? 'forbidden' : 'failed');
    } finally {
      this.loading.set(false);
    }
  }

  protected exportUrl(format: 'csv' | 'gmsd'): string {
    const params = new HttpParams()
      .set('from', this.from())
      .set('to', this.to())
      .set('granularity', this.granularity())
      .set('format', format)
      .set('lang', this.language.lang());
    return `/api/teams/${this.teamId() ?? ''}/insight/export?${params.toString()}`;
  }

  /** A row or column key in words (bucket keys as they are: 2026-03, 2026-Q1). */
  protected word(key: string): string {
    if (BUCKET.test(key)) return key;
    const path = `insight.keys.${key}`;
    const text = this.#transloco.translate(path);
    return text === path ? key : text;
  }

  protected format(value: number | null, unit: string | undefined): string {
    if (value === null) return '';
    const locale = this.language.lang() === 'nl' ? 'nl-NL' : 'en-GB';
    const text = new Intl.NumberFormat(locale, {
      maximumFractionDigits: unit === 'euro' ? 0 : 1,
    }).format(value);
    if (unit === 'percent') return `${text}%`;
    if (unit === 'euro') return `€ ${text}`;
    return text;
  }

  protected hasTotals(indicator: InsightIndicatorView): boolean {
    return indicator.table?.units.every((u) => u === 'count') ?? false;
  }

  protected chart(indicator: InsightIndicatorView): ChartModel | null {
    return chartModel(indicator, (key) => this.word(key));
  }

  protected chartDescription(indicator: InsightIndicatorView): string {
    return this.#transloco.translate('insight.chartDescription', {
      title: this.#transloco.translate(`insight.indicators.${indicator.id}.title`),
    });
  }

  protected headlineKeys = [
    'newCases',
    'casesDiscussed',
    'informalShare',
    'medianDaysToPlan',
    'actionsOnTimeShare',
    'escalations',
  ] as const;

  protected headlineUnit(key: (typeof this.headlineKeys)[number]): string {
    return key === 'informalShare' || key === 'actionsOnTimeShare' ? 'percent' : 'count';
  }

  protected comparisonChart = computed<ChartModel | null>(() => {
    const c = this.comparison();
    if (!c) return null;
    return {
      kind: 'bar',
      stacked: false,
      labels: c.teams.map((t) => t.name),
      series: [
        {
          label: this.#transloco.translate('insight.headline.informalShare'),
          values: c.teams.map((t) => t.headline.informalShare),
        },
        {
          label: this.#transloco.translate('insight.headline.actionsOnTimeShare'),
          values: c.teams.map((t) => t.headline.actionsOnTimeShare),
        },
      ],
    };
  });
}
