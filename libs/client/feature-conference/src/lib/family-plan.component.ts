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
import { TranslocoPipe } from '@jsverse/transloco';
import { localDate } from './conference-format';
import type { FamilyGroupPlanView } from '@casustafel/contracts';
import {
  type ApiFailure,
  conferencePlanCsvUrl,
  FamilyConferenceStore,
  failureCode,
  failureMessageKey,
} from '@casustafel/client/data-access';
import { PLAN_ENTRY_KINDS, type PlanEntryKind } from '@casustafel/domain';
import { AlertComponent } from '@casustafel/client/ui';

interface EntryDraft {
  who: string;
  what: string;
  when: string;
  kind: PlanEntryKind;
}

/**
 * The familiegroepsplan: who does what when, a family lead, a monitor, the evaluation date and
 * what to do if things go differently. Written by the family and network in besloten tijd and
 * recorded by the coordinator at the presentation (saved with the revision it was read at: a
 * stale save is refused and the page offers to read it again); read-only for everyone else.
 */
@Component({
  selector: 'cst-family-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent],
  styleUrl: './conference.css',
  template: `
    <section class="cst-panel cst-fc-stack" aria-labelledby="fc-plan-heading" data-testid="fc-plan">
      <h2 class="utrecht-heading-2" id="fc-plan-heading">
        {{ 'conference.plan.heading' | transloco }}
      </h2>
      @if (store.plan(); as plan) {
        @if (store.mayWritePlan()) {
          <p class="utrecht-paragraph">
            {{
              (store.isCoordinator() ? 'conference.plan.recordHelp' : 'conference.plan.draftHelp')
                | transloco
            }}
          </p>
          <form class="cst-form cst-fc-stack" novalidate (submit)="save($event)">
            @for (entry of entries(); track $index; let i = $index) {
              <fieldset class="cst-fc-entry" data-testid="fc-plan-entry">
                <legend class="utrecht-form-label">
                  {{ 'conference.plan.entry' | transloco: { n: i + 1 } }}
                </legend>
                <div class="cst-fc-grid">
                  <div class="cst-field utrecht-form-field">
                    <label class="utrecht-form-label" [for]="'fc-who-' + i">{{
                      'conference.plan.who' | transloco
                    }}</label>
                    <input
                      [id]="'fc-who-' + i"
                      class="utrecht-textbox utrecht-textbox--html-input cst-fc-wide"
                      maxlength="120"
                      [value]="entry.who"
                      (input)="setEntry(i, 'who', $any($event.target).value)"
                      data-testid="fc-plan-who"
                    />
                  </div>
                  <div class="cst-field utrecht-form-field">
                    <label class="utrecht-form-label" [for]="'fc-when-' + i">{{
                      'conference.plan.when' | transloco
                    }}</label>
                    <input
                      [id]="'fc-when-' + i"
                      class="utrecht-textbox utrecht-textbox--html-input cst-fc-wide"
                      maxlength="200"
                      [value]="entry.when"
                      (input)="setEntry(i, 'when', $any($event.target).value)"
                      data-testid="fc-plan-when"
                    />
                  </div>
                  <div class="cst-field utrecht-form-field">
                    <label class="utrecht-form-label" [for]="'fc-kind-' + i">{{
                      'conference.plan.kind' | transloco
                    }}</label>
                    <select
                      [id]="'fc-kind-' + i"
                      class="utrecht-select utrecht-select--html-select cst-fc-wide"
                      (change)="setEntry(i, 'kind', $any($event.target).value)"
                      data-testid="fc-plan-kind"
                    >
                      @for (k of kinds; track k) {
                        <option [value]="k" [selected]="k === entry.kind">
                          {{ 'conference.plan.kinds.' + k | transloco }}
                        </option>
                      }
                    </select>
                  </div>
                </div>
                <div class="cst-field utrecht-form-field">
                  <label class="utrecht-form-label" [for]="'fc-what-' + i">{{
                    'conference.plan.what' | transloco
                  }}</label>
                  <textarea
                    [id]="'fc-what-' + i"
                    class="utrecht-textarea cst-fc-textarea"
                    rows="2"
                    maxlength="500"
                    [value]="entry.what"
                    (input)="setEntry(i, 'what', $any($event.target).value)"
                    data-testid="fc-plan-what"
                  ></textarea>
                </div>
                <div class="cst-actions">
                  <button
                    type="button"
                    class="utrecht-button utrecht-button--subtle"
                    (click)="removeEntry(i)"
                    data-testid="fc-plan-remove"
                  >
                    {{ 'conference.plan.remove' | transloco: { n: i + 1 } }}
                  </button>
                </div>
              </fieldset>
            }
            <div class="cst-actions">
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                (click)="addEntry()"
                data-testid="fc-plan-add"
              >
                {{ 'conference.plan.add' | transloco }}
              </button>
            </div>
            <div class="cst-fc-grid">
              <div class="cst-field utrecht-form-field">
                <label class="utrecht-form-label" for="fc-lead">{{
                  'conference.plan.familyLead' | transloco
                }}</label>
                <input
                  id="fc-lead"
                  class="utrecht-textbox utrecht-textbox--html-input cst-fc-wide"
                  maxlength="120"
                  [value]="familyLead()"
                  (input)="familyLead.set($any($event.target).value)"
                  data-testid="fc-plan-lead"
                />
              </div>
              <div class="cst-field utrecht-form-field">
                <label class="utrecht-form-label" for="fc-monitor">{{
                  'conference.plan.monitor' | transloco
                }}</label>
                <input
                  id="fc-monitor"
                  class="utrecht-textbox utrecht-textbox--html-input cst-fc-wide"
                  maxlength="120"
                  [value]="monitor()"
                  (input)="monitor.set($any($event.target).value)"
                  data-testid="fc-plan-monitor"
                />
              </div>
              <div class="cst-field utrecht-form-field">
                <label class="utrecht-form-label" for="fc-evaluation">{{
                  'conference.plan.evaluationOn' | transloco
                }}</label>
                <input
                  id="fc-evaluation"
                  type="date"
                  class="utrecht-textbox utrecht-textbox--html-input cst-fc-wide"
                  [value]="evaluationOn()"
                  (input)="evaluationOn.set($any($event.target).value)"
                  data-testid="fc-plan-evaluation"
                />
              </div>
            </div>
            <div class="cst-field utrecht-form-field">
              <label class="utrecht-form-label" for="fc-if-different">{{
                'conference.plan.ifDifferent' | transloco
              }}</label>
              <textarea
                id="fc-if-different"
                class="utrecht-textarea cst-fc-textarea"
                rows="2"
                maxlength="2000"
                [value]="ifDifferent()"
                (input)="ifDifferent.set($any($event.target).value)"
                data-testid="fc-plan-if-different"
              ></textarea>
            </div>
            <div role="status">
              @if (changedMeanwhile()) {
                <cst-alert type="info"
                  ><p class="utrecht-paragraph" data-testid="fc-plan-changed">
                    {{ 'conference.plan.changedMeanwhile' | transloco }}
                  </p>
                  <button
                    type="button"
                    class="utrecht-button utrecht-button--secondary-action"
                    (click)="reload()"
                    data-testid="fc-plan-take-newer"
                  >
                    {{ 'conference.plan.reload' | transloco }}
                  </button>
                </cst-alert>
              }
            </div>
            <div role="alert">
              @if (failureKey(); as key) {
                <cst-alert type="error"
                  ><p class="utrecht-paragraph" data-testid="fc-plan-error">
                    {{ key | transloco }}
                  </p>
                  @if (stale()) {
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--secondary-action"
                      (click)="reload()"
                      data-testid="fc-plan-reload"
                    >
                      {{ 'conference.plan.reload' | transloco }}
                    </button>
                  }
                </cst-alert>
              }
            </div>
            <div class="cst-actions">
              <button
                type="submit"
                class="utrecht-button utrecht-button--primary-action"
                [disabled]="pending()"
                data-testid="fc-plan-save"
              >
                {{ 'conference.plan.save' | transloco }}
              </button>
              <span role="status" class="cst-small" data-testid="fc-plan-saved">{{
                saved() ? ('conference.plan.saved' | transloco: { rev: plan.rev }) : ''
              }}</span>
            </div>
          </form>
        } @else {
          <ul class="cst-fc-list" data-testid="fc-plan-entries">
            @for (e of plan.entries; track $index) {
              <li>
                <strong>{{ e.who }}</strong> — {{ e.what }} ({{ e.when }}) ·
                {{ 'conference.plan.kinds.' + e.kind | transloco }}
              </li>
            } @empty {
              <li>{{ 'conference.plan.empty' | transloco }}</li>
            }
          </ul>
          <dl class="cst-fc-grid">
            <div>
              <dt>{{ 'conference.plan.familyLead' | transloco }}</dt>
              <dd data-testid="fc-plan-lead-value">{{ plan.familyLead || '—' }}</dd>
            </div>
            <div>
              <dt>{{ 'conference.plan.monitor' | transloco }}</dt>
              <dd>{{ plan.monitor || '—' }}</dd>
            </div>
            <div>
              <dt>{{ 'conference.plan.evaluationOn' | transloco }}</dt>
              <dd>{{ day(plan.evaluationOn) }}</dd>
            </div>
            <div>
              <dt>{{ 'conference.plan.ifDifferent' | transloco }}</dt>
              <dd class="cst-fc-body">{{ plan.ifDifferent || '—' }}</dd>
            </div>
          </dl>
        }
        @if (plan.issues.length > 0) {
          <div data-testid="fc-plan-issues">
            <h3 class="utrecht-heading-3">{{ 'conference.plan.missing' | transloco }}</h3>
            <ul class="utrecht-unordered-list cst-small">
              @for (i of plan.issues; track i.path) {
                <li>{{ 'conference.issues.' + i.issue | transloco }}</li>
              }
            </ul>
          </div>
        }
        @if (showCsv()) {
          <p class="utrecht-paragraph">
            <a class="utrecht-link" [href]="csvUrl()" download data-testid="fc-plan-csv">{{
              'conference.plan.csv' | transloco
            }}</a>
          </p>
        }
      } @else if (store.planFailure()) {
        <p class="utrecht-paragraph cst-muted">{{ 'conference.plan.unavailable' | transloco }}</p>
      } @else {
        <p class="utrecht-paragraph cst-muted">{{ 'conference.plan.notYet' | transloco }}</p>
      }
    </section>
  `,
})
export class FamilyPlanComponent {
  protected readonly store = inject(FamilyConferenceStore);
  /** Offer the CSV export (staff only). */
  readonly showCsv = input(false);
  protected readonly kinds = PLAN_ENTRY_KINDS;
  protected readonly entries = signal<EntryDraft[]>([]);
  protected readonly familyLead = signal('');
  protected readonly monitor = signal('');
  protected readonly evaluationOn = signal('');

  /** A plan date in words (the form keeps the ISO value of its date input). */
  protected day(value: string | null): string {
    return localDate(value);
  }
  protected readonly ifDifferent = signal('');
  protected readonly pending = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly stale = computed(() => failureCode(this.failure()) === 'CONFLICT');
  protected readonly failureKey = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    return this.stale() ? 'conference.plan.stale' : failureMessageKey(failure);
  });
  protected readonly csvUrl = computed(() => conferencePlanCsvUrl(this.store.conferenceId() ?? ''));
  /** The plan as the form was last filled from it. */
  readonly #shown = signal<FamilyGroupPlanView | null>(null);
  /** Someone else saved the plan while this form held unsaved changes. */
  protected readonly changedMeanwhile = signal(false);
  /** The form differs from the plan it was filled from (unsaved changes). */
  protected readonly dirty = computed(() => {
    const shown = this.#shown();
    if (!shown) return false;
    const form = this.#formValue();
    return (
      JSON.stringify(form.entries) !==
        JSON.stringify(
          shown.entries.map(({ who, what, when, kind }) => ({ who, what, when, kind })),
        ) ||
      form.familyLead !== shown.familyLead ||
      form.monitor !== shown.monitor ||
      form.evaluationOn !== shown.evaluationOn ||
      form.ifDifferent !== shown.ifDifferent
    );
  });

  constructor() {
    // A newer plan (someone else saved, announced in the room) fills the form at once, unless
    // this form holds unsaved changes: then it says so and offers to read the newer one.
    effect(() => {
      const plan = this.store.plan();
      untracked(() => {
        if (!plan || plan.rev === this.#shown()?.rev) return;
        if (this.#shown() !== null && this.dirty()) this.changedMeanwhile.set(true);
        else this.#fill(plan);
      });
    });
  }

  #formValue() {
    return {
      entries: this.entries()
        .filter((e) => e.who.trim() || e.what.trim() || e.when.trim())
        .map(({ who, what, when, kind }) => ({ who, what, when, kind })),
      familyLead: this.familyLead(),
      monitor: this.monitor(),
      evaluationOn: this.evaluationOn() || null,
      ifDifferent: this.ifDifferent(),
    };
  }

  #fill(plan: FamilyGroupPlanView): void {
    this.#shown.set(plan);
    this.changedMeanwhile.set(false);
    this.entries.set(
      plan.entries.map((e) => ({ who: e.who, what: e.what, when: e.when, kind: e.kind })),
    );
    if (plan.entries.length === 0) this.addEntry();
    this.familyLead.set(plan.familyLead);
    this.monitor.set(plan.monitor);
    this.evaluationOn.set(plan.evaluationOn ?? '');
    this.ifDifferent.set(plan.ifDifferent);
  }

  protected setEntry(index: number, field: keyof EntryDraft, value: string): void {
    this.saved.set(false);
    this.entries.update((list) =>
      list.map((e, i) => (i === index ? ({ ...e, [field]: value } as EntryDraft) : e)),
    );
  }

  protected addEntry(): void {
    this.entries.update((list) => [...list, { who: '', what: '', when: '', kind: 'familie' }]);
  }

  protected removeEntry(index: number): void {
    this.entries.update((list) => list.filter((_, i) => i !== index));
  }

  protected async reload(): Promise<void> {
    this.failure.set(null);
    await this.store.reloadPlan();
    const plan = this.store.plan();
    if (plan) this.#fill(plan);
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.pending()) return;
    this.pending.set(true);
    this.saved.set(false);
    const outcome = await this.store.savePlan(this.#formValue());
    this.pending.set(false);
    if (outcome.ok) {
      this.failure.set(null);
      const plan = this.store.plan();
      if (plan) this.#fill(plan);
      this.saved.set(true);
    } else this.failure.set(outcome.failure);
  }
}
