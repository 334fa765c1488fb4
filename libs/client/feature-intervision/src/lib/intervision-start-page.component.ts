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
import { firstValueFrom } from 'rxjs';
import type { ApiFailure } from '@casustafel/client/data-access';
import {
  AuthStore,
  IntervisionSessionApi,
  IntervisionStore,
  TeamsStore,
} from '@casustafel/client/data-access';
import { AlertComponent, FIELD, PageHeadingComponent } from '@casustafel/client/ui';
import {
  copyMethod,
  INTERVISION_METHODS,
  type IntervisionMethod,
  type IntervisionRole,
  type MethodValidation,
  totalMinutes,
} from '@casustafel/domain';
import { failureMessages, type Message } from './intervision-words';

/** The roles one picks for others (the one who starts leads: gespreksleider). */
type PickedRole = Exclude<IntervisionRole, 'gespreksleider'> | '';

/** What is wrong with the chosen participants, as `intervision.start.issues.<key>`. */
export function rosterIssues(
  method: IntervisionMethod,
  roles: readonly PickedRole[],
): { key: string; params: Record<string, string> }[] {
  const count = (role: PickedRole) => roles.filter((r) => r === role).length;
  const total = 1 + roles.filter((r) => r !== '').length;
  const issues: { key: string; params: Record<string, string> }[] = [];
  if (count('inbrenger') !== 1) issues.push({ key: 'oneInbrenger', params: {} });
  if (count('timekeeper') > 1) issues.push({ key: 'oneTimekeeper', params: {} });
  if (total < method.participants.min || total > method.participants.max)
    issues.push({
      key: 'size',
      params: { min: String(method.participants.min), max: String(method.participants.max) },
    });
  return issues;
}

/**
 * `/intervisie/:copyId/starten`: "Intervisie starten" on a released copy. Pick a method (its
 * phases and time boxes shown), the team members taking part and their roles; the one who
 * starts leads (gespreksleider). Starting opens the session page.
 */
@Component({
  selector: 'cst-intervision-start-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, AlertComponent, PageHeadingComponent, FIELD],
  providers: [IntervisionStore, TeamsStore],
  styleUrl: './intervision-session.css',
  templateUrl: './intervision-start-page.component.html',
})
export class IntervisionStartPageComponent {
  readonly copyId = input.required<string>();
  protected readonly copies = inject(IntervisionStore);
  protected readonly teams = inject(TeamsStore);
  readonly #auth = inject(AuthStore);
  readonly #api = inject(IntervisionSessionApi);
  readonly #router = inject(Router);

  protected readonly methods = INTERVISION_METHODS;
  protected readonly methodId = signal('incidentmethode');
  /** The trainer adapts the time boxes: the session runs on an own copy of the method. */
  protected readonly adapt = signal(false);
  readonly #minutes = signal<Record<string, number>>({});
  protected readonly method = computed(
    () => this.methods.find((m) => m.id === this.methodId()) ?? null,
  );
  readonly #roles = signal<Record<string, PickedRole>>({});
  protected readonly pending = signal(false);
  protected readonly errors = signal<Message[]>([]);
  protected readonly others = computed(() =>
    (this.teams.team()?.members ?? []).filter((m) => m.userId !== this.#auth.user()?.id),
  );
  protected readonly pickable = computed(
    () =>
      (this.method()?.roles ?? []).filter((r) => r !== 'gespreksleider') as Exclude<
        PickedRole,
        ''
      >[],
  );
  protected readonly loadError = computed(() => {
    const failure = this.copies.failure() ?? this.teams.failure();
    return failure ? this.#message(failure) : null;
  });

  constructor() {
    effect(() => {
      const id = this.copyId();
      untracked(() => {
        void this.copies.load(id).then(() => {
          if (this.copies.forbidden())
            void this.#router.navigate(['/geen-toegang'], { skipLocationChange: true });
          const teamId = this.copies.copy()?.teamId;
          if (teamId) void this.teams.loadTeam(teamId);
        });
      });
    });
  }

  protected minutesOf(key: string, fallback: number): number {
    return this.#minutes()[key] ?? fallback;
  }

  protected setMinutes(key: string, event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.#minutes.update((m) => ({ ...m, [key]: value }));
    this.errors.set([]);
  }

  /** The method the session runs on: the shipped one, or the trainer's copy with own times. */
  #methodToRun(method: IntervisionMethod): MethodValidation | null {
    if (!this.adapt()) return null;
    const minutes = this.#minutes();
    const phases = method.phases.map((p) => ({ ...p, minutes: minutes[p.key] ?? p.minutes }));
    if (phases.every((p, i) => p.minutes === method.phases[i]?.minutes)) return null;
    return copyMethod(method, `${method.id}-aangepast`, { phases });
  }

  protected total(method: IntervisionMethod): number {
    return totalMinutes(method);
  }

  protected roleOf(userId: string): PickedRole {
    const role = this.#roles()[userId] ?? '';
    return role === '' || this.pickable().includes(role) ? role : '';
  }

  protected setRole(userId: string, event: Event): void {
    const role = (event.target as HTMLSelectElement).value as PickedRole;
    this.#roles.update((roles) => ({ ...roles, [userId]: role }));
    this.errors.set([]);
  }

  protected async submit(): Promise<void> {
    const method = this.method();
    if (this.pending() || !method) return;
    const picked = this.others()
      .map((m) => ({ userId: m.userId, role: this.roleOf(m.userId) }))
      .filter((p): p is { userId: string; role: Exclude<PickedRole, ''> } => p.role !== '');
    const issues = rosterIssues(
      method,
      picked.map((p) => p.role),
    );
    if (issues.length > 0) {
      this.errors.set(
        issues.map((i) => ({ key: `intervision.start.issues.${i.key}`, params: i.params })),
      );
      return;
    }
    const adapted = this.#methodToRun(method);
    if (adapted && !adapted.ok) {
      this.errors.set([{ key: 'intervision.start.issues.minutes', params: {} }]);
      return;
    }
    this.errors.set([]);
    this.pending.set(true);
    const result = await firstValueFrom(
      this.#api.start(
        this.copyId(),
        adapted
          ? { method: adapted.method, participants: picked }
          : { methodId: method.id, methodVersion: method.version, participants: picked },
      ),
    );
    this.pending.set(false);
    if (result.ok) {
      await this.#router.navigate(['/intervisie/sessies', result.data.id]);
      return;
    }
    this.errors.set(failureMessages(result.failure, (key) => key));
  }

  #message(failure: ApiFailure): string {
    return failureMessages(failure, (key) => key)[0]?.key ?? 'errors.UNKNOWN';
  }
}
