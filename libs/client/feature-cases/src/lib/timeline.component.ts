import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { TimelineEntry } from '@casustafel/contracts';
import { HouseholdStoryApi, LanguageStore } from '@casustafel/client/data-access';
import { AlertComponent, DateTimePipe, PluralKeyPipe } from '@casustafel/client/ui';

/** Where an entry's source lives in the app. */
export function sourceLink(entry: TimelineEntry): string {
  const { source } = entry;
  if (source.kind === 'meeting' && source.meetingId) return `/overleggen/${source.meetingId}`;
  if (source.kind === 'minutes' && source.meetingId)
    return `/overleggen/${source.meetingId}/notulen`;
  if (source.kind === 'plan' && source.householdId)
    return `/huishoudens/${source.householdId}/plan`;
  return `/casussen/${source.caseId}`;
}

/**
 * The household's story: what happened to a case (or to every case of a household the reader
 * may read), newest first, each entry linking to its source; older entries page in on request.
 */
@Component({
  selector: 'cst-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, DateTimePipe, PluralKeyPipe],
  templateUrl: './timeline.component.html',
})
export class TimelineComponent {
  readonly caseId = input<string | null>(null);
  readonly householdId = input<string | null>(null);
  /** Show each entry's case (the household's timeline spans several cases). */
  readonly showCase = input(false);
  readonly #api = inject(HouseholdStoryApi);
  protected readonly language = inject(LanguageStore);
  protected readonly entries = signal<TimelineEntry[]>([]);
  protected readonly nextBefore = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);
  protected readonly link = sourceLink;

  constructor() {
    effect(() => {
      const caseId = this.caseId();
      const householdId = this.householdId();
      untracked(() => {
        this.entries.set([]);
        this.nextBefore.set(null);
        if (caseId || householdId) void this.load(null);
      });
    });
  }

  protected async load(before: string | null): Promise<void> {
    const caseId = this.caseId();
    const householdId = this.householdId();
    this.loading.set(true);
    this.failed.set(false);
    const result = await firstValueFrom(
      caseId
        ? this.#api.caseTimeline(caseId, before)
        : this.#api.householdTimeline(householdId ?? '', before),
    );
    this.loading.set(false);
    if (!result.ok) {
      this.failed.set(true);
      return;
    }
    this.entries.update((known) => [...known, ...result.data.entries]);
    this.nextBefore.set(result.data.nextBefore);
  }

  protected more(): void {
    const before = this.nextBefore();
    if (before) void this.load(before);
  }

  /** A count the api sends as text (the domains a ZRM scored). */
  protected count(text: string | null): number {
    return Number(text ?? 0);
  }
}
