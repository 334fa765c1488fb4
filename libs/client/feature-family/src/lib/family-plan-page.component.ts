import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  FAMILY_COMMENT_MAX,
  type FamilyAccessLog,
  type FamilyPlanView,
} from '@casustafel/contracts';
import {
  type ApiFailure,
  failureMessageKey,
  HouseholdStoryApi,
  LanguageStore,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';

/** How many access log entries show before "Toon meer". */
const LOG_PAGE = 20;

/**
 * `/gezin/plan`: the family's own plan in plain language (B1) — krachten, zorgen, doelen, wie
 * doet wat wanneer — with the PDF, their agreement or disagreement with a comment, and who
 * accessed their file (AVG art. 15) in plain words.
 */
@Component({
  selector: 'cst-family-plan-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, AlertComponent, PageHeadingComponent, ...FIELD],
  templateUrl: './family-plan-page.component.html',
  styleUrl: './family.css',
})
export class FamilyPlanPageComponent {
  readonly #api = inject(HouseholdStoryApi);
  readonly #language = inject(LanguageStore);
  protected readonly commentMax = FAMILY_COMMENT_MAX;
  protected readonly plan = signal<FamilyPlanView | null>(null);
  protected readonly log = signal<FamilyAccessLog | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly shown = signal(LOG_PAGE);
  protected readonly visibleLog = computed(() => this.log()?.entries.slice(0, this.shown()) ?? []);
  protected readonly lang = this.#language.lang;
  protected readonly pdfHref = computed(() => `/api/family/plan.pdf?lang=${this.lang()}`);

  protected readonly agrees = new FormControl<'ja' | 'nee' | null>(null);
  protected readonly comment = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ agrees: this.agrees, comment: this.comment });
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly chooseFirst = signal(false);
  protected readonly saveFailure = signal<ApiFailure | null>(null);
  protected readonly failureKey = failureMessageKey;

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    const lang = this.lang();
    const [plan, log] = await Promise.all([
      firstValueFrom(this.#api.plan(lang)),
      firstValueFrom(this.#api.accessLog(lang)),
    ]);
    if (plan.ok) this.plan.set(plan.data);
    else this.failure.set(plan.failure);
    if (log.ok) this.log.set(log.data);
  }

  protected showMore(): void {
    this.shown.update((n) => n + LOG_PAGE);
  }

  protected time(iso: string): string {
    return new Intl.DateTimeFormat(this.lang() === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(iso));
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    const choice = this.agrees.value;
    this.chooseFirst.set(choice === null);
    if (choice === null) return;
    this.saving.set(true);
    this.saved.set(false);
    this.saveFailure.set(null);
    const result = await firstValueFrom(
      this.#api.agree({
        // The version on the screen: a plan changed meanwhile is refused, never agreed to unseen.
        planVersionId: this.plan()?.planVersionId ?? null,
        agrees: choice === 'ja',
        comment: this.comment.value,
      }),
    );
    this.saving.set(false);
    if (!result.ok) {
      this.saveFailure.set(result.failure);
      // The plan changed since it was read: show the new one (the message asks to read it).
      if (result.failure.kind === 'error' && result.failure.code === 'FAMILY_PLAN_CHANGED')
        await this.load();
      return;
    }
    this.saved.set(true);
    this.plan.update((plan) => (plan ? { ...plan, agreement: result.data } : plan));
    await this.load();
  }
}
