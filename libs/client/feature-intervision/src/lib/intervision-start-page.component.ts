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
import { AlertComponent, PageHeadingComponent } from '@casustafel/client/ui';
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
  imports: [RouterLink, TranslocoPipe, AlertComponent, PageHeadingComponent],
  providers: [IntervisionStore, TeamsStore],
  styleUrl: './intervision-session.css',
  template: `
    <p class="utrecht-paragraph cst-small">
      <a
        class="utrecht-link"
        [routerLink]="['/intervisie', copyId()]"
        data-testid="iv-start-back"
        >{{ 'intervision.start.back' | transloco }}</a
      >
    </p>
    <cst-page-heading
      [heading]="'intervision.start.title' | transloco"
      [lead]="'intervision.start.lead' | transloco"
    />
    @if (loadError(); as key) {
      <cst-alert type="error"
        ><p class="utrecht-paragraph" data-testid="iv-start-load-error">
          {{ key | transloco }}
        </p></cst-alert
      >
    } @else if (copies.copy(); as copy) {
      @if (copy.status !== 'released') {
        <cst-alert type="info"
          ><p class="utrecht-paragraph" data-testid="iv-start-not-released">
            {{ 'intervision.start.notReleased' | transloco }}
          </p></cst-alert
        >
      } @else {
        <p class="utrecht-paragraph" data-testid="iv-start-case">
          {{ 'intervision.start.case' | transloco }}: <strong>{{ copy.title }}</strong>
        </p>
        <form
          class="cst-form cst-section"
          novalidate
          (submit)="$event.preventDefault(); submit()"
          data-testid="iv-start-form"
        >
          <fieldset class="utrecht-form-fieldset cst-field">
            <legend class="utrecht-form-fieldset__legend">
              {{ 'intervision.start.method' | transloco }}
            </legend>
            <div class="cst-iv-methods">
              @for (m of methods; track m.id) {
                <div class="cst-iv-method-option">
                  <input
                    type="radio"
                    name="iv-method"
                    class="utrecht-radio-button utrecht-radio-button--html-input"
                    [id]="'iv-method-' + m.id"
                    [value]="m.id"
                    [checked]="methodId() === m.id"
                    (change)="methodId.set(m.id)"
                    [attr.data-testid]="'iv-method-' + m.id"
                  />
                  <label class="utrecht-form-label" [for]="'iv-method-' + m.id">
                    <strong>{{ m.name }}</strong>
                    <span class="cst-small cst-muted">
                      ·
                      {{
                        'intervision.start.methodFacts'
                          | transloco
                            : {
                                minutes: total(m),
                                phases: m.phases.length,
                                min: m.participants.min,
                                max: m.participants.max,
                              }
                      }}</span
                    >
                  </label>
                </div>
              }
            </div>
          </fieldset>

          @if (method(); as m) {
            <section class="cst-panel" aria-labelledby="iv-phases-heading" data-testid="iv-phases">
              <h2 class="utrecht-heading-3" id="iv-phases-heading">
                {{ 'intervision.start.phasesOf' | transloco: { name: m.name } }}
              </h2>
              <p class="utrecht-paragraph cst-small">{{ m.summary }}</p>
              <div
                class="cst-table-scroll"
                tabindex="0"
                role="region"
                aria-labelledby="iv-phases-caption"
              >
                <table class="cst-table">
                  <caption id="iv-phases-caption" class="app-visually-hidden">
                    {{
                      'intervision.start.phasesTable' | transloco
                    }}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{{ 'intervision.start.colPhase' | transloco }}</th>
                      <th scope="col">{{ 'intervision.start.colMinutes' | transloco }}</th>
                      <th scope="col">{{ 'intervision.start.colInbrenger' | transloco }}</th>
                      <th scope="col">{{ 'intervision.start.colBlind' | transloco }}</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (p of m.phases; track p.key; let i = $index) {
                      <tr>
                        <td>{{ i + 1 }}. {{ p.title }}</td>
                        <td>
                          @if (adapt()) {
                            <input
                              class="utrecht-textbox utrecht-textbox--html-input cst-iv-minutes"
                              type="number"
                              min="1"
                              max="240"
                              [attr.aria-label]="
                                'intervision.start.minutesOf' | transloco: { phase: p.title }
                              "
                              [value]="minutesOf(p.key, p.minutes)"
                              (input)="setMinutes(p.key, $event)"
                              [attr.data-testid]="'iv-minutes-' + p.key"
                            />
                          } @else {
                            {{ p.minutes }}
                          }
                        </td>
                        <td>{{ 'intervision.session.inbrenger.' + p.inbrenger | transloco }}</td>
                        <td>
                          {{
                            (p.blind ? 'intervision.start.yes' : 'intervision.start.no') | transloco
                          }}
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
              <div class="cst-field utrecht-form-field utrecht-form-field--checkbox">
                <label class="utrecht-form-label utrecht-form-label--checkbox" for="iv-adapt">
                  <input
                    id="iv-adapt"
                    class="utrecht-checkbox utrecht-checkbox--html-input"
                    type="checkbox"
                    [checked]="adapt()"
                    (change)="adapt.set(!adapt())"
                    aria-describedby="iv-adapt-hint"
                    data-testid="iv-adapt"
                  />
                  {{ 'intervision.start.adapt' | transloco }}
                </label>
                <p class="cst-small cst-muted" id="iv-adapt-hint">
                  {{ 'intervision.start.adaptHint' | transloco }}
                </p>
              </div>
            </section>

            <fieldset class="utrecht-form-fieldset cst-field cst-section">
              <legend class="utrecht-form-fieldset__legend">
                {{ 'intervision.start.participants' | transloco }}
              </legend>
              <p class="cst-field__description">
                {{ 'intervision.start.participantsHint' | transloco }}
              </p>
              @if (teams.team(); as team) {
                @for (member of others(); track member.userId) {
                  <div class="cst-iv-member">
                    <label class="utrecht-form-label" [for]="'iv-role-' + member.userId">{{
                      member.displayName
                    }}</label>
                    <select
                      class="utrecht-select utrecht-select--html-select"
                      [id]="'iv-role-' + member.userId"
                      [value]="roleOf(member.userId)"
                      (change)="setRole(member.userId, $event)"
                      [attr.data-testid]="'iv-role-' + member.userId"
                    >
                      <option value="">{{ 'intervision.start.notTakingPart' | transloco }}</option>
                      @for (r of pickable(); track r) {
                        <option [value]="r">{{ 'intervision.roles.' + r | transloco }}</option>
                      }
                    </select>
                  </div>
                } @empty {
                  <p class="utrecht-paragraph">{{ 'intervision.start.noMembers' | transloco }}</p>
                }
              } @else {
                <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
              }
            </fieldset>
          }

          <div role="alert">
            @if (errors().length > 0) {
              <cst-alert type="error"
                ><div data-testid="iv-start-error">
                  @for (message of errors(); track message.key) {
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
              data-testid="iv-start-submit"
            >
              {{ 'intervision.start.submit' | transloco }}
            </button>
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              [routerLink]="['/intervisie', copyId()]"
              >{{ 'intervision.start.cancel' | transloco }}</a
            >
          </div>
        </form>
      }
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
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
