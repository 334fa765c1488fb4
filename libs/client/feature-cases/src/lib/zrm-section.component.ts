import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail, ZrmAssessment } from '@casustafel/contracts';
import {
  isZrmStale,
  TAALBEHEERSING_ASPECTEN,
  ZRM_NOT_SCORED,
  ZRM_SCORE_LEVELS,
  ZRM_SOURCES,
  zrmDomains,
  type ZrmSource,
  type ZrmVersion,
  ZWAARTEFACTOREN,
} from '@casustafel/domain';
import {
  CaseStore,
  failureDetails,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD } from '@casustafel/client/ui';
import { issueKey, today } from './case-file.rules';
import { DatePipe } from './date.pipe';
import {
  hasProblems,
  type ZrmDraft,
  zrmPayload,
  zrmProblems,
  type ZrmScoreChoice,
  zrmSeries,
} from './zrm.model';

const W = 220;
const H = 96;
const PAD_X = 22;
const PAD_Y = 10;

/** ZRM: history per domain (chart + table), the latest assessment, and a new assessment. */
@Component({
  selector: 'cst-zrm-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, DatePipe, ...FIELD],
  templateUrl: './zrm-section.component.html',
})
export class ZrmSectionComponent {
  readonly detail = input.required<CaseDetail>();
  protected readonly store = inject(CaseStore);
  protected readonly language = inject(LanguageStore);
  protected readonly levels = ZRM_SCORE_LEVELS;
  protected readonly sources = ZRM_SOURCES;
  protected readonly zwaartefactoren = ZWAARTEFACTOREN;
  protected readonly aspects = TAALBEHEERSING_ASPECTEN;
  protected readonly notScored = ZRM_NOT_SCORED;
  protected readonly chart = { w: W, h: H, padX: PAD_X, padY: PAD_Y };

  protected readonly latest = computed(() => this.store.latestZrm());
  protected readonly stale = computed(() => {
    const latest = this.latest();
    return latest !== null && (latest.stale || isZrmStale(latest.assessedAt, new Date()));
  });
  /** The chart shows the version of the latest assessment. */
  protected readonly chartVersion = computed<ZrmVersion>(() => this.latest()?.version ?? '2017');
  protected readonly series = computed(() => zrmSeries(this.store.zrm(), this.chartVersion()));
  protected readonly chartAssessments = computed(() =>
    this.store.zrm().filter((a) => a.version === this.chartVersion()),
  );

  /* new assessment */
  protected readonly showForm = signal(false);
  protected readonly draft = signal<ZrmDraft>({
    version: '2017',
    assessedAt: today(),
    domains: {},
    zwaartefactoren: {},
  });
  protected readonly domains = computed(() => zrmDomains(this.draft().version));
  protected readonly submitted = signal(false);
  protected readonly problems = computed(() => zrmProblems(this.draft()));
  protected readonly errorKey = signal<string | null>(null);
  protected readonly serverIssues = signal<string[]>([]);
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);

  protected x(index: number, count: number): number {
    return count <= 1 ? W / 2 : PAD_X + (index * (W - 2 * PAD_X)) / (count - 1);
  }

  protected y(score: number): number {
    return PAD_Y + ((5 - score) * (H - 2 * PAD_Y)) / 4;
  }

  /** A step line through the points (scores hold until the next assessment). */
  protected path(points: { score: number }[]): string {
    return points
      .map((p, i) => {
        const x = this.x(i, points.length);
        const y = this.y(p.score);
        if (i === 0) return `M${x},${y}`;
        return `H${x} V${y}`;
      })
      .join(' ');
  }

  protected chartLabel(name: string, points: { assessedAt: string; score: number }[]): string {
    return points.length === 0
      ? name
      : `${name}: ${points.map((p) => `${p.assessedAt} ${p.score}`).join(', ')}`;
  }

  protected scoreOf(a: ZrmAssessment, key: string): number | string | null {
    return a.domains[key]?.score ?? null;
  }

  protected levelKey(score: number | string | null): string {
    return score === null || score === ZRM_NOT_SCORED ? 'zrm.notScored' : `zrm.levels.${score}`;
  }

  protected zwaartefactorEntries(a: ZrmAssessment): { key: string; value: string }[] {
    return Object.entries(a.zwaartefactoren).map(([key, value]) => ({
      key,
      value:
        typeof value === 'string'
          ? value
          : Object.entries(value as Record<string, string>)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
    }));
  }

  /* ---- form ---- */

  protected setVersion(version: ZrmVersion): void {
    this.draft.update((d) => ({ ...d, version, domains: {} }));
  }

  protected setDate(value: string): void {
    this.draft.update((d) => ({ ...d, assessedAt: value }));
  }

  protected scoreChoice(key: string): ZrmScoreChoice | null {
    return this.draft().domains[key]?.score ?? null;
  }

  protected setScore(key: string, score: ZrmScoreChoice): void {
    this.draft.update((d) => ({
      ...d,
      domains: { ...d.domains, [key]: { score, sources: d.domains[key]?.sources ?? [] } },
    }));
  }

  protected hasSource(key: string, source: ZrmSource): boolean {
    return this.draft().domains[key]?.sources.includes(source) ?? false;
  }

  protected toggleSource(key: string, source: ZrmSource, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.draft.update((d) => {
      const entry = d.domains[key] ?? { score: null, sources: [] };
      const sources = checked
        ? [...entry.sources.filter((s) => s !== source), source]
        : entry.sources.filter((s) => s !== source);
      return { ...d, domains: { ...d.domains, [key]: { ...entry, sources } } };
    });
  }

  protected setZwaartefactor(key: string, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.draft.update((d) => ({ ...d, zwaartefactoren: { ...d.zwaartefactoren, [key]: value } }));
  }

  protected domainProblem(key: string): string | null {
    const server = this.serverIssues().find((p) => p.startsWith(`domains.${key}`));
    if (server) return 'zrm.form.domainRefused';
    if (!this.submitted()) return null;
    if (this.problems().unscored.includes(key)) return 'zrm.form.chooseScore';
    if (this.problems().withoutSource.includes(key)) return 'zrm.form.chooseSource';
    return null;
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    this.saved.set(false);
    this.serverIssues.set([]);
    if (hasProblems(this.problems())) {
      this.errorKey.set('zrm.form.incomplete');
      setTimeout(() =>
        document.querySelector<HTMLElement>('#zrm-form [data-invalid="true"] input')?.focus(),
      );
      return;
    }
    this.pending.set(true);
    const result = await this.store.addZrm(this.detail().id, zrmPayload(this.draft()));
    this.pending.set(false);
    if (!result.ok) {
      const details = failureDetails(result.failure);
      this.serverIssues.set(details.map((d) => d.path));
      this.errorKey.set(
        details.length > 0 && !details[0].path.startsWith('domains')
          ? issueKey(details[0].issue)
          : failureMessageKey(result.failure),
      );
      return;
    }
    this.saved.set(true);
    this.submitted.set(false);
    this.showForm.set(false);
    this.draft.set({ version: '2017', assessedAt: today(), domains: {}, zwaartefactoren: {} });
  }
}
