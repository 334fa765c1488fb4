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
import { CaseStore, IntervisionStore } from '@casustafel/client/data-access';
import { createIntervisionCopySchema } from '@casustafel/contracts';
import {
  AlertComponent,
  FIELD,
  type FieldIssue,
  fieldIssues,
  issueAt,
  PageHeadingComponent,
} from '@casustafel/client/ui';
import { failureMessages, type Message } from './intervision-words';

/** The api's bounds of a reason (createIntervisionCopySchema). */
const REASON_MAX = 500;

/**
 * `/casussen/:caseId/intervisie`: "Anonimiseren voor intervisie". Says what the anonymiser does
 * and who releases the copy; the reason is required (it is recorded with the creator-only link).
 * On success it opens the copy's review screen.
 */
@Component({
  selector: 'cst-intervision-new-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, PageHeadingComponent, FIELD],
  providers: [IntervisionStore],
  styles: `
    .cst-iv-reason {
      inline-size: 100%;
      box-sizing: border-box;
    }
  `,
  template: `
    <p class="utrecht-paragraph cst-small">
      <a
        class="utrecht-link"
        [routerLink]="['/casussen', caseId()]"
        data-testid="intervision-new-back"
        >{{ 'intervision.create.back' | transloco }}</a
      >
    </p>
    <cst-page-heading
      [heading]="'intervision.create.title' | transloco"
      [lead]="'intervision.create.lead' | transloco"
      data-testid="intervision-new-heading"
    />
    @if (cases.case(); as c) {
      <dl class="utrecht-data-list utrecht-data-list--rows cst-narrow">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{{ 'intervision.create.case' | transloco }}</dt>
          <dd
            class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd"
            data-testid="intervision-new-case"
          >
            {{ c.title }}
          </dd>
        </div>
      </dl>
      <ul class="utrecht-unordered-list cst-narrow">
        <li>{{ 'intervision.create.what1' | transloco }}</li>
        <li>{{ 'intervision.create.what2' | transloco }}</li>
        <li>{{ 'intervision.create.what3' | transloco }}</li>
        <li>{{ 'intervision.create.what4' | transloco }}</li>
      </ul>
      <form
        class="cst-form cst-narrow cst-section"
        novalidate
        (submit)="$event.preventDefault(); submit()"
        data-testid="intervision-new-form"
      >
        <cst-field
          fieldId="intervision-reason"
          errorTestId="intervision-reason-error"
          [label]="'intervision.create.reason' | transloco"
          [hint]="'intervision.create.reasonHint' | transloco"
          [error]="reasonError() ? ('intervision.create.reasonRequired' | transloco) : null"
        >
          <textarea
            cstControl
            class="utrecht-textarea utrecht-textarea--html-textarea cst-iv-reason"
            rows="4"
            required
            [attr.maxlength]="max"
            [value]="reason()"
            (input)="reason.set(text($event))"
            data-testid="intervision-reason"
          ></textarea>
        </cst-field>
        <cst-field
          fieldId="intervision-title"
          [label]="'intervision.create.title' | transloco"
          [hint]="'intervision.create.titleHint' | transloco"
          [error]="titleError() ? ('intervision.create.titleInvalid' | transloco) : null"
        >
          <input
            cstControl
            class="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            maxlength="120"
            [value]="title()"
            (input)="title.set(text($event))"
            data-testid="intervision-title"
          />
        </cst-field>
        <div role="alert">
          @if (errors().length > 0) {
            <cst-alert type="error"
              ><div data-testid="intervision-new-error">
                @for (message of errors(); track message.key + message.params['section']) {
                  <p class="utrecht-paragraph">{{ message.key | transloco: message.params }}</p>
                }
              </div></cst-alert
            >
          }
        </div>
        <div class="cst-actions">
          <button
            type="submit"
            class="utrecht-button utrecht-button--primary-action"
            [disabled]="pending()"
            data-testid="intervision-new-submit"
          >
            {{ 'intervision.create.submit' | transloco }}
          </button>
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            [routerLink]="['/casussen', caseId()]"
            >{{ 'intervision.create.cancel' | transloco }}</a
          >
        </div>
      </form>
    } @else if (cases.failureKey(); as key) {
      <cst-alert type="error"
        ><p class="utrecht-paragraph" data-testid="intervision-new-load-error">
          {{ key | transloco }}
        </p></cst-alert
      >
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class IntervisionNewPageComponent {
  readonly caseId = input.required<string>();
  protected readonly cases = inject(CaseStore);
  readonly #store = inject(IntervisionStore);
  readonly #router = inject(Router);
  protected readonly max = REASON_MAX;
  protected readonly reason = signal('');
  protected readonly title = signal('');
  /** What the check against the contract found (reason, title). */
  readonly #issues = signal<readonly FieldIssue[]>([]);
  protected readonly reasonError = computed(() => issueAt(this.#issues(), 'reason') !== null);
  protected readonly titleError = computed(() => issueAt(this.#issues(), 'title') !== null);
  protected readonly pending = signal(false);
  protected readonly errors = signal<Message[]>([]);

  constructor() {
    effect(() => {
      const id = this.caseId();
      untracked(() => {
        void this.cases.load(id).then(() => {
          if (this.cases.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLTextAreaElement | HTMLInputElement).value;
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    const reason = this.reason().trim();
    const title = this.title().trim();
    this.errors.set([]);
    const issues = fieldIssues(
      createIntervisionCopySchema.safeParse({ reason, title: title || undefined }),
    );
    this.#issues.set(issues);
    if (issues.length > 0) {
      const first = this.reasonError() ? 'intervision-reason' : 'intervision-title';
      setTimeout(() => document.getElementById(first)?.focus());
      return;
    }
    this.pending.set(true);
    const result = await this.#store.create(this.caseId(), reason, title);
    this.pending.set(false);
    if (result.ok) {
      await this.#router.navigate(['/intervisie', result.data.id]);
      return;
    }
    this.errors.set(failureMessages(result.failure, (key) => key));
  }
}
