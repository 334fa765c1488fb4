import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CaseListQuery, CaseSummary } from '@casustafel/contracts';
import { CASE_STATUSES } from '@casustafel/domain';
import {
  CaseListStore,
  failureDetails,
  failureMessageKey,
  LanguageStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
import { issueAt } from './case-file.rules';

/** `/teams/:teamId/casussen`: the team's cases with filters, search and "Nieuwe casus". */
@Component({
  selector: 'cst-case-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    ...FIELD,
  ],
  templateUrl: './case-list-page.component.html',
})
export class CaseListPageComponent {
  readonly teamId = input.required<string>();
  protected readonly store = inject(CaseListStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);
  protected readonly statuses = CASE_STATUSES;
  protected readonly filters = new FormGroup({
    status: new FormControl('', { nonNullable: true }),
    regisseurId: new FormControl('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(80)] }),
    safety: new FormControl(false, { nonNullable: true }),
  });
  protected readonly showNew = signal(false);
  protected readonly newCase = new FormGroup({
    householdId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(120)],
    }),
    casusregisseurId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    procesregisseurId: new FormControl('', { nonNullable: true }),
  });
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly serverIssues = signal<{ path: string; issue: string }[]>([]);

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => void this.store.open(teamId, {}));
    });
  }

  protected search(): void {
    const v = this.filters.getRawValue();
    const query: CaseListQuery = {};
    if (v.status) query.status = v.status as CaseSummary['status'];
    if (v.regisseurId) query.regisseurId = v.regisseurId;
    if (v.q.trim()) query.q = v.q.trim().slice(0, 80);
    if (v.safety) query.safety = 'ja';
    void this.store.search(query);
  }

  protected reset(): void {
    this.filters.reset();
    void this.store.search({});
  }

  protected statusTone(status: CaseSummary['status']): 'neutral' | 'success' | 'warning' {
    return status === 'afgesloten' ? 'neutral' : status === 'aanmelding' ? 'warning' : 'success';
  }

  protected invalid(name: 'householdId' | 'title' | 'casusregisseurId'): string | null {
    const fromServer = issueAt(this.serverIssues(), name);
    if (fromServer) return fromServer;
    return this.submitted() && this.newCase.controls[name].invalid
      ? `caseList.new.${name}Invalid`
      : null;
  }

  protected async create(): Promise<void> {
    if (this.pending()) return;
    this.submitted.set(true);
    this.errorKey.set(null);
    this.serverIssues.set([]);
    if (this.newCase.invalid) return;
    const v = this.newCase.getRawValue();
    this.pending.set(true);
    const result = await this.store.createCase(this.teamId(), {
      householdId: v.householdId,
      title: v.title.trim(),
      casusregisseurId: v.casusregisseurId,
      procesregisseurId: v.procesregisseurId || null,
    });
    this.pending.set(false);
    if (!result.ok) {
      this.serverIssues.set(failureDetails(result.failure));
      this.errorKey.set(failureMessageKey(result.failure));
      return;
    }
    void this.#router.navigate(['/casussen', result.data.id]);
  }
}
