import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type {
  IntervisionCase,
  IntervisionCaseSummary,
  IntervisionReviewRequest,
  IntervisionSource,
  MyIntervisionSession,
} from '@casustafel/contracts';
import { type ApiFailure, type ApiResult, failureCode } from '../errors/api-failure';
import { IntervisionApi } from './intervision.api';
import { IntervisionSessionApi } from './intervision-session.api';

/** A flagged word still to be decided: where it is and what it says. */
export interface OpenCandidate {
  section: string;
  sectionTitle: string;
  /** Index of the span in its section (what the api's decisions refer to). */
  span: number;
  text: string;
}

/** The open candidates of a copy, in reading order. */
export function openCandidatesOf(copy: IntervisionCase | null): OpenCandidate[] {
  return (copy?.sections ?? []).flatMap((section) =>
    section.spans.flatMap((span, index) =>
      span.decision === 'open'
        ? [
            {
              section: section.key,
              sectionTitle: section.title,
              span: index,
              text: section.text.slice(span.start, span.end),
            },
          ]
        : [],
    ),
  );
}

/**
 * Intervision copies (issue 14 §3) for one page: a team's list, or one copy with its review
 * (decisions on flagged words, further removals) and its four-eyes release. The link to the
 * source case is asked for only when the api says the reader made the copy. Provided per page.
 */
@Injectable()
export class IntervisionStore {
  readonly #api = inject(IntervisionApi);
  readonly #sessions = inject(IntervisionSessionApi);
  readonly #mySessions = signal<MyIntervisionSession[] | null>(null);
  readonly #summaries = signal<IntervisionCaseSummary[] | null>(null);
  readonly #copy = signal<IntervisionCase | null>(null);
  readonly #source = signal<IntervisionSource | null>(null);
  readonly #failure = signal<ApiFailure | null>(null);
  readonly #actionFailure = signal<ApiFailure | null>(null);
  readonly #pending = signal(false);

  readonly summaries = this.#summaries.asReadonly();
  /** The caller's own sessions (running, or ended in the last 14 days); null until loaded. */
  readonly mySessions = this.#mySessions.asReadonly();
  readonly copy = this.#copy.asReadonly();
  /** Creator only: the source case and the recorded reason. */
  readonly source = this.#source.asReadonly();
  /** Why loading failed (the list or the copy). */
  readonly failure = this.#failure.asReadonly();
  readonly forbidden = computed(() => failureCode(this.#failure()) === 'FORBIDDEN');
  /** Why the last review or release was refused. */
  readonly actionFailure = this.#actionFailure.asReadonly();
  readonly pending = this.#pending.asReadonly();
  readonly openCandidates = computed(() => openCandidatesOf(this.#copy()));

  /** The caller's own sessions: how a participant who joins remotely finds the running one. */
  async loadMySessions(): Promise<void> {
    const result = await firstValueFrom(this.#sessions.mine());
    this.#mySessions.set(result.ok ? result.data : []);
  }

  async loadTeam(teamId: string): Promise<void> {
    this.#summaries.set(null);
    this.#failure.set(null);
    const result = await firstValueFrom(this.#api.list(teamId));
    if (result.ok) this.#summaries.set(result.data);
    else this.#failure.set(result.failure);
  }

  async load(copyId: string): Promise<void> {
    this.#copy.set(null);
    this.#source.set(null);
    this.#failure.set(null);
    this.#actionFailure.set(null);
    const result = await firstValueFrom(this.#api.read(copyId));
    if (!result.ok) {
      this.#failure.set(result.failure);
      return;
    }
    this.#copy.set(result.data);
    if (result.data.isCreator) {
      const source = await firstValueFrom(this.#api.source(copyId));
      if (source.ok) this.#source.set(source.data);
    }
  }

  /** Makes a copy of a case (the reason is recorded with the creator-only link). */
  /** `title`: the copy's own title (empty: a neutral one from the api). */
  create(caseId: string, reason: string, title = ''): Promise<ApiResult<IntervisionCase>> {
    return firstValueFrom(this.#api.create(caseId, title ? { reason, title } : { reason }));
  }

  /** Keeps or removes one flagged word. */
  decide(section: string, span: number, decision: 'keep' | 'redact'): Promise<boolean> {
    return this.#review({ decisions: [{ section, span, decision }] });
  }

  /** Removes every flagged word still open. */
  redactAllOpen(): Promise<boolean> {
    return this.#review({
      decisions: this.openCandidates().map(({ section, span }) => ({
        section,
        span,
        decision: 'redact' as const,
      })),
    });
  }

  /** Removes a word or phrase everywhere in the copy. */
  remove(phrase: string): Promise<boolean> {
    return this.#review({ removals: [phrase.trim()] });
  }

  /** The four-eyes release (a trainer or team leader who did not make the copy). */
  release(): Promise<boolean> {
    const copy = this.#copy();
    return copy ? this.#act(this.#api.release(copy.id)) : Promise.resolve(false);
  }

  clearActionFailure(): void {
    this.#actionFailure.set(null);
  }

  #review(input: IntervisionReviewRequest): Promise<boolean> {
    const copy = this.#copy();
    return copy ? this.#act(this.#api.review(copy.id, input)) : Promise.resolve(false);
  }

  async #act(call: Observable<ApiResult<IntervisionCase>>): Promise<boolean> {
    if (this.#pending()) return false;
    this.#pending.set(true);
    this.#actionFailure.set(null);
    const result = await firstValueFrom(call);
    this.#pending.set(false);
    if (result.ok) this.#copy.set(result.data);
    else this.#actionFailure.set(result.failure);
    return result.ok;
  }
}
