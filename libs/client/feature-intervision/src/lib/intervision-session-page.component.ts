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
import {
  contributionKind,
  failureMessageKey,
  IntervisionSessionStore,
  LanguageStore,
  sessionAttendancePdfUrl,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, StatusBadgeComponent } from '@casustafel/client/ui';
import { IntervisionContributionsComponent } from './intervision-contributions.component';
import { IntervisionSessionAttendanceComponent } from './intervision-session-attendance.component';
import { sectionTitleKey } from './intervision-words';

/** Command refusals with a text of their own; others say "not possible now". */
const COMMAND_ERRORS = new Set(['FORBIDDEN', 'SESSION_ENDED', 'CONFLICT', 'VALIDATION_FAILED']);

/**
 * `/intervisie/sessies/:sessionId`: the runner of an intervision session (issue 14 §2). The
 * anonymised case, the method's phases with the current one and its time box (counted down from
 * the phase change, server time), what the phase asks of the inbrenger, the form to contribute
 * what the phase allows, the contributions (blind ones as placeholders until revealed), the
 * gespreksleider's controls (next phase, reveal, end), the inbrenger's ratings, and once ended
 * the attendance with its PDF. A role shut out of the phase is told to wait.
 */
@Component({
  selector: 'cst-intervision-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    StatusBadgeComponent,
    FIELD,
    IntervisionContributionsComponent,
    IntervisionSessionAttendanceComponent,
  ],
  providers: [IntervisionSessionStore],
  templateUrl: './intervision-session-page.component.html',
  styleUrl: './intervision-session.css',
})
export class IntervisionSessionPageComponent {
  readonly sessionId = input.required<string>();
  protected readonly store = inject(IntervisionSessionStore);
  protected readonly language = inject(LanguageStore);
  readonly #router = inject(Router);

  protected readonly draft = signal('');
  protected readonly draftType = signal<string | null>(null);
  protected readonly draftError = signal(false);
  protected readonly sending = signal(false);
  protected readonly confirmEnd = signal(false);
  /** Translation key of the last refusal of a command or of the end. */
  protected readonly commandError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected readonly sections = computed(() =>
    (this.store.view()?.copy.sections ?? []).map((section) => ({
      section,
      titleKey: sectionTitleKey(section.key),
    })),
  );
  /** The type the form adds: the one chosen, else the phase's first. */
  protected readonly addType = computed(() => {
    const types = this.store.addTypes();
    const chosen = this.draftType();
    return chosen && types.includes(chosen) ? chosen : (types[0] ?? null);
  });
  protected readonly nextPhase = computed(
    () => this.store.method()?.phases[this.store.phaseIndex() + 1] ?? null,
  );
  protected readonly hiddenCount = computed(
    () => new Map(this.store.revealTypes().map((t) => [t, this.#hiddenOf(t)])),
  );
  protected readonly pdfUrl = computed(() =>
    sessionAttendancePdfUrl(this.sessionId(), this.language.lang() === 'en' ? 'en' : 'nl'),
  );
  protected readonly phaseTitles = computed(
    () => new Map((this.store.method()?.phases ?? []).map((p) => [p.key, p.title])),
  );
  protected readonly kindOf = contributionKind;

  constructor() {
    effect(() => {
      const id = this.sessionId();
      untracked(() => {
        void this.store.load(id).then(() => {
          if (this.store.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
        });
      });
    });
    // A new phase: the form starts empty on its first type.
    effect(() => {
      this.store.phase();
      untracked(() => {
        this.draftType.set(null);
        this.draftError.set(false);
      });
    });
  }

  protected loadError(): string | null {
    const failure = this.store.failure();
    return failure ? failureMessageKey(failure) : null;
  }

  protected text(event: Event): string {
    return (event.target as HTMLTextAreaElement | HTMLSelectElement).value;
  }

  protected retry(): void {
    void this.store.load(this.sessionId());
  }

  protected async contribute(): Promise<void> {
    const type = this.addType();
    const text = this.draft().trim();
    if (!type || this.sending()) return;
    if (text.length === 0) {
      this.draftError.set(true);
      setTimeout(() => document.getElementById('iv-contribution')?.focus());
      return;
    }
    this.draftError.set(false);
    const ok = await this.#run({ type: 'contribution:add', contributionType: type, text });
    if (ok) {
      this.draft.set('');
      this.notice.set(
        type.startsWith('blind-') ? 'intervision.session.sentBlind' : 'intervision.session.sent',
      );
    }
  }

  protected async advance(): Promise<void> {
    if (await this.#run({ type: 'phase:advance' }))
      setTimeout(() => document.getElementById('iv-phase-heading')?.focus());
  }

  protected async reveal(type: string): Promise<void> {
    if (await this.#run({ type: 'contribution:reveal', contributionType: type }))
      this.notice.set('intervision.session.revealed');
  }

  protected async rate(contributionId: string, rating: string): Promise<void> {
    await this.#run({ type: 'contribution:rate', contributionId, rating });
  }

  protected async end(): Promise<void> {
    if (this.sending()) return;
    this.sending.set(true);
    this.commandError.set(null);
    const result = await this.store.end();
    this.sending.set(false);
    this.confirmEnd.set(false);
    if (!result.ok) {
      this.commandError.set(failureMessageKey(result.failure));
      return;
    }
    setTimeout(() => document.getElementById('iv-attendance-heading')?.focus());
  }

  protected askEnd(): void {
    this.confirmEnd.set(true);
    setTimeout(() => document.getElementById('iv-end-confirm')?.focus());
  }

  async #run(body: Parameters<IntervisionSessionStore['send']>[0]): Promise<boolean> {
    if (this.sending()) return false;
    this.sending.set(true);
    this.commandError.set(null);
    this.notice.set(null);
    const outcome = await this.store.send(body);
    this.sending.set(false);
    if (outcome.ok) return true;
    this.commandError.set(
      COMMAND_ERRORS.has(outcome.code)
        ? `intervision.session.refused.${outcome.code}`
        : 'intervision.session.refused.other',
    );
    return false;
  }

  #hiddenOf(type: string): number {
    return this.store.contributions().filter((c) => c.type === type && c.hidden).length;
  }
}
