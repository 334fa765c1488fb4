import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  type OnInit,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUDIT_OUTCOMES, type AuditOutcome } from '@casustafel/contracts';
import {
  AdminStore,
  AUDIT_ACTIONS,
  AuditStore,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  MessageRegionComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
  StatusBadgeComponent,
  type StatusTone,
} from '@casustafel/client/ui';
import {
  ACTION_GROUPS,
  actionKey,
  type AuditFilterForm,
  type AuditFilterProblem,
  EMPTY_FILTERS,
  toAuditQuery,
} from './audit-filters';

const OUTCOME_TONES: Record<AuditOutcome, StatusTone> = {
  allowed: 'success',
  denied: 'danger',
  failed: 'warning',
};

/** `/audit`: the NEN 7513 audit log, newest first, filtered and paged. */
@Component({
  selector: 'cst-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    ...FIELD,
  ],
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.css',
})
export class AuditPageComponent implements OnInit {
  protected readonly store = inject(AuditStore);
  protected readonly admin = inject(AdminStore);
  protected readonly language = inject(LanguageStore);
  protected readonly actions = AUDIT_ACTIONS;
  protected readonly groups = ACTION_GROUPS;
  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly outcomeTones = OUTCOME_TONES;
  protected readonly actionKey = actionKey;
  protected readonly form = signal<AuditFilterForm>({ ...EMPTY_FILTERS });
  /** The period's two date fields, "van" and "tot en met". */
  protected readonly periodEnds = ['from', 'to'] as const;
  protected readonly problems = signal<readonly AuditFilterProblem[]>([]);
  protected readonly names = computed(
    () => new Map(this.admin.users().map((u) => [u.id, u.displayName] as const)),
  );

  ngOnInit(): void {
    if (!this.admin.overview()) void this.admin.loadOverview();
    void this.store.search({});
  }

  protected set<K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void {
    this.form.update((form) => ({ ...form, [key]: value }));
  }

  protected has(problem: AuditFilterProblem): boolean {
    return this.problems().includes(problem);
  }

  protected search(): void {
    const query = toAuditQuery(this.form());
    if (!query.ok) {
      this.problems.set(query.problems);
      return;
    }
    this.problems.set([]);
    void this.store.search(query.filters);
  }

  protected reset(): void {
    this.form.set({ ...EMPTY_FILTERS });
    this.problems.set([]);
    void this.store.search({});
  }

  protected loadMore(): void {
    void this.store.loadMore();
  }
}
