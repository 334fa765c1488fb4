import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseDetail } from '@casustafel/contracts';
import { CASE_STATUSES, type CaseStatus } from '@casustafel/domain';
import {
  CaseStore,
  failureDetails,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  PageHeadingComponent,
  PluralKeyPipe,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
import { CaseInvolvedComponent } from './case-involved.component';
import { CasePeopleComponent } from './case-people.component';
import { issueKey } from './case-file.rules';
import { DatePipe } from './date.pipe';
import { MeldcodeSectionComponent } from './meldcode-section.component';
import { PreparationSectionComponent } from './preparation-section.component';
import { TimelineComponent } from './timeline.component';
import { ZrmSectionComponent } from './zrm-section.component';

export const CASE_TABS = ['zrm', 'meldcode', 'voorbereiding', 'verloop'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/** When the case first reached each status (and the latest time, when it came back). */
export function statusDates(
  history: CaseDetail['statusHistory'],
): Partial<Record<CaseStatus, { first: string; last: string }>> {
  const dates: Partial<Record<CaseStatus, { first: string; last: string }>> = {};
  for (const change of history) {
    const seen = dates[change.status];
    dates[change.status] = { first: seen?.first ?? change.at, last: change.at };
  }
  return dates;
}

/** `/casussen/:caseId`: header with lifecycle, people involved, and the ZRM/Meldcode/Voorbereiding tabs. */
@Component({
  selector: 'cst-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DatePipe,
    CaseInvolvedComponent,
    CasePeopleComponent,
    MeldcodeSectionComponent,
    PageHeadingComponent,
    PluralKeyPipe,
    PreparationSectionComponent,
    StatusBadgeComponent,
    TimelineComponent,
    ZrmSectionComponent,
  ],
  templateUrl: './case-page.component.html',
})
export class CasePageComponent {
  readonly caseId = input.required<string>();
  protected readonly store = inject(CaseStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);
  protected readonly statuses = CASE_STATUSES;
  protected readonly tabs = CASE_TABS;
  protected readonly tab = signal<CaseTab>('zrm');
  protected readonly dates = computed(() => statusDates(this.store.case()?.statusHistory ?? []));
  protected readonly statusIndex = computed(() => {
    const status = this.store.case()?.status;
    return status ? CASE_STATUSES.indexOf(status) : -1;
  });
  protected readonly transitionError = signal<string | null>(null);
  protected readonly pending = signal(false);

  constructor() {
    effect(() => {
      const id = this.caseId();
      untracked(() => {
        void this.store.load(id).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }

  protected async move(to: CaseStatus): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.transitionError.set(null);
    const result = await this.store.transition(this.caseId(), to);
    this.pending.set(false);
    if (!result.ok) {
      const issue = failureDetails(result.failure)[0]?.issue;
      this.transitionError.set(issue ? issueKey(issue) : failureMessageKey(result.failure));
    }
  }

  /* ---- tabs (WAI-ARIA tabs pattern: arrows, Home, End) ---- */

  protected onTabKey(event: KeyboardEvent): void {
    const i = CASE_TABS.indexOf(this.tab());
    const next =
      event.key === 'ArrowRight'
        ? (i + 1) % CASE_TABS.length
        : event.key === 'ArrowLeft'
          ? (i - 1 + CASE_TABS.length) % CASE_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? CASE_TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.tab.set(CASE_TABS[next]);
    setTimeout(() => document.getElementById(`case-tab-${CASE_TABS[next]}`)?.focus());
  }
}
