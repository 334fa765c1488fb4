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
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  type ApiFailure,
  failureMessageKey,
  IntervisionStore,
  LanguageStore,
  type OpenCandidate,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
  PluralKeyPipe,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
import { failureMessages, type Message, sectionTitleKey, segments } from './intervision-words';

/**
 * `/intervisie/:copyId`: one intervision copy. In review: the anonymised text with every span
 * marked by its category, the flagged words to keep or remove, further removals, and — for a
 * trainer or team leader who did not make it — the release (four eyes; the creator is told
 * why not). Released: the text as participants read it. Only the creator sees the source case.
 */
@Component({
  selector: 'cst-intervision-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    DateTimePipe,
    PageHeadingComponent,
    StatusBadgeComponent,
    FIELD,
    PluralKeyPipe,
  ],
  providers: [IntervisionStore],
  templateUrl: './intervision-case-page.component.html',
  styleUrl: './intervision-case-page.component.css',
})
export class IntervisionCasePageComponent {
  readonly copyId = input.required<string>();
  protected readonly store = inject(IntervisionStore);
  protected readonly language = inject(LanguageStore);
  readonly #transloco = inject(TranslocoService);
  readonly #router = inject(Router);

  protected readonly sections = computed(() =>
    (this.store.copy()?.sections ?? []).map((section) => ({
      section,
      titleKey: sectionTitleKey(section.key),
      segments: segments(section),
    })),
  );
  protected readonly removal = signal('');
  protected readonly removalError = signal(false);
  /** What the last review or release answered: refusals, or a short confirmation. */
  protected readonly errors = computed<Message[]>(() => {
    const failure = this.store.actionFailure();
    return failure ? failureMessages(failure, (key) => this.#sectionTitle(key)) : [];
  });
  protected readonly notice = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.copyId();
      untracked(() => {
        void this.store.load(id).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected candidateId(section: string, index: number): string {
    return `intervision-candidate-${section}-${index}`;
  }

  protected async decide(candidate: OpenCandidate, decision: 'keep' | 'redact'): Promise<void> {
    this.notice.set(null);
    if (await this.store.decide(candidate.section, candidate.span, decision)) this.#afterDecision();
  }

  protected async redactAll(): Promise<void> {
    this.notice.set(null);
    if (await this.store.redactAllOpen()) this.#afterDecision();
  }

  protected async remove(): Promise<void> {
    this.notice.set(null);
    const phrase = this.removal().trim();
    if (phrase.length < 2) {
      this.removalError.set(true);
      setTimeout(() => document.getElementById('intervision-removal')?.focus());
      return;
    }
    this.removalError.set(false);
    if (await this.store.remove(phrase)) {
      this.removal.set('');
      this.notice.set('intervision.review.saved');
    }
  }

  protected async release(): Promise<void> {
    this.notice.set(null);
    if (await this.store.release()) {
      this.notice.set('intervision.review.released');
      setTimeout(() => document.getElementById('intervision-heading')?.focus());
    }
  }

  protected sectionName(key: string): string {
    return this.#sectionTitle(key);
  }

  protected loadError(failure: ApiFailure): string {
    return failureMessageKey(failure);
  }

  /** Focus stays in the list of flagged words: on the next one, or on its heading when done. */
  #afterDecision(): void {
    this.notice.set('intervision.review.saved');
    const next = this.store.openCandidates()[0];
    setTimeout(() =>
      document
        .getElementById(
          next ? `intervision-keep-${next.section}-${next.span}` : 'intervision-candidates-heading',
        )
        ?.focus(),
    );
  }

  #sectionTitle(key: string): string {
    const titleKey = sectionTitleKey(key);
    if (titleKey) return this.#transloco.translate(titleKey);
    return this.store.copy()?.sections.find((section) => section.key === key)?.title ?? key;
  }
}
