import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConnectionStore, FamilyConferenceStore, serverNow } from '@casustafel/client/data-access';
import { CONFERENCE_PHASES, FAMILY_CONFERENCE_KIND, formatCountdown } from '@casustafel/domain';
import { AlertComponent, FIELD } from '@casustafel/client/ui';

/**
 * The live part of a familienetwerkberaad, for everyone in it: the phases with the current one,
 * its time box, what was said (as far as the role may see it), the input for the caller's own
 * contribution, and the coordinator's "next phase". A professional during besloten tijd sees
 * only that the family is deliberating (the page holds nothing of it).
 */
@Component({
  selector: 'cst-conference-live',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, AlertComponent, FIELD],
  styleUrl: './conference.css',
  template: `
    <div class="cst-fc-stack">
      <section class="cst-panel cst-fc-stack" aria-labelledby="fc-phase-heading">
        <div class="cst-fc-head">
          <h2 class="utrecht-heading-2" id="fc-phase-heading" data-testid="fc-phase">
            {{ 'conference.live.phaseHeading' | transloco }}:
            {{ 'conference.phases.' + (store.phase() ?? 'informatie') | transloco }}
          </h2>
          @if (clock(); as c) {
            <p
              class="cst-fc-clock"
              [class.cst-fc-clock--over]="c.overtime"
              role="timer"
              aria-live="off"
              data-testid="fc-clock"
            >
              <span class="app-visually-hidden">{{ 'conference.live.timeLeft' | transloco }}</span>
              {{ c.text }}
              @if (c.overtime) {
                <span class="cst-small">{{ 'conference.live.overtime' | transloco }}</span>
              }
            </p>
          }
        </div>
        <ol class="cst-fc-phases" [attr.aria-label]="'conference.live.phases' | transloco">
          @for (p of phases; track p; let i = $index) {
            <li
              [class.cst-fc-phase--current]="i === phaseIndex()"
              [class.cst-fc-phase--done]="i < phaseIndex()"
              [attr.aria-current]="i === phaseIndex() ? 'step' : null"
            >
              {{ 'conference.phases.' + p | transloco }}
            </li>
          }
        </ol>
        <p class="utrecht-paragraph">
          {{ 'conference.phaseHelp.' + (store.phase() ?? 'informatie') | transloco }}
        </p>
      </section>

      @if (store.lockedOut()) {
        <section
          class="cst-panel cst-fc-closed"
          aria-labelledby="fc-closed-heading"
          data-testid="fc-closed"
        >
          <h2 class="utrecht-heading-2" id="fc-closed-heading">
            {{ 'conference.closed.heading' | transloco }}
          </h2>
          <p class="utrecht-paragraph">{{ 'conference.closed.text' | transloco }}</p>
        </section>
      } @else {
        <div role="alert">
          @if (error(); as code) {
            <cst-alert type="error"
              ><p class="utrecht-paragraph" data-testid="fc-command-error">
                {{ 'conference.live.failed' | transloco: { code } }}
              </p></cst-alert
            >
          }
        </div>

        @if (store.isCircle() && store.phase() === 'besloten-tijd') {
          <cst-alert type="info"
            ><p class="utrecht-paragraph" data-testid="fc-own-space">
              {{ 'conference.live.ownSpace' | transloco }}
            </p></cst-alert
          >
        }

        <section class="cst-panel cst-fc-stack" aria-labelledby="fc-people-heading">
          <h2 class="utrecht-heading-2" id="fc-people-heading">
            {{ 'conference.live.people' | transloco }}
          </h2>
          <ul
            class="cst-fc-list"
            [attr.aria-label]="'conference.live.peopleCaption' | transloco"
            data-testid="fc-people"
          >
            @for (p of store.participants(); track p.key) {
              <li data-testid="fc-person">
                <strong>{{ p.name }}</strong> ·
                {{ 'conference.roles.' + p.role | transloco }}
                @if (p.relation) {
                  ({{ p.relation }})
                }
                @if (!p.signedIn) {
                  <span class="cst-small cst-muted">
                    · {{ 'conference.live.notSignedIn' | transloco }}</span
                  >
                }
              </li>
            }
          </ul>
        </section>

        <section class="cst-panel cst-fc-stack" aria-labelledby="fc-said-heading">
          <h2 class="utrecht-heading-2" id="fc-said-heading">
            {{ 'conference.live.said' | transloco }}
          </h2>
          @if (store.contributions().length === 0) {
            <p class="utrecht-paragraph cst-muted" data-testid="fc-said-empty">
              {{ 'conference.live.nothingYet' | transloco }}
            </p>
          } @else {
            <ol class="cst-fc-list" data-testid="fc-contributions">
              @for (c of store.contributions(); track c.id) {
                <li data-testid="fc-contribution">
                  @if (c.hidden) {
                    <em>{{ 'conference.live.hidden' | transloco }}</em>
                  } @else {
                    <p class="utrecht-paragraph cst-small cst-muted" data-testid="fc-author">
                      {{ 'conference.types.' + c.type | transloco }} ·
                      {{ c.authorName ?? ('conference.live.fromCircle' | transloco) }}
                      @if (c.authorRole) {
                        ({{ 'conference.roles.' + c.authorRole | transloco }})
                      }
                    </p>
                    <p class="utrecht-paragraph cst-fc-body">{{ c.text }}</p>
                  }
                </li>
              }
            </ol>
          }

          @if (store.writes(); as type) {
            <form class="cst-form" novalidate (submit)="say($event)">
              <cst-field fieldId="fc-say" [label]="'conference.write.' + type | transloco">
                <textarea
                  cstControl
                  class="utrecht-textarea cst-fc-textarea"
                  rows="3"
                  maxlength="4000"
                  [value]="draft()"
                  (input)="draft.set($any($event.target).value)"
                  data-testid="fc-say"
                ></textarea>
              </cst-field>
              <div class="cst-actions">
                <button
                  type="submit"
                  class="utrecht-button utrecht-button--primary-action"
                  [disabled]="pending()"
                  data-testid="fc-say-submit"
                >
                  {{ 'conference.live.send' | transloco }}
                </button>
              </div>
            </form>
          }
        </section>
      }

      @if (store.mayAdvance()) {
        <div class="cst-actions">
          <button
            type="button"
            class="utrecht-button utrecht-button--primary-action"
            [disabled]="pending()"
            (click)="advance()"
            data-testid="fc-advance"
          >
            {{ 'conference.advance.' + (store.phase() ?? 'informatie') | transloco }}
          </button>
        </div>
      }
    </div>
  `,
})
export class ConferenceLiveComponent {
  protected readonly store = inject(FamilyConferenceStore);
  readonly #connection = inject(ConnectionStore);
  protected readonly phases = CONFERENCE_PHASES;
  protected readonly draft = signal('');
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  readonly #tick = signal(0);

  protected readonly phaseIndex = computed(() => {
    const phase = this.store.phase();
    return phase ? CONFERENCE_PHASES.indexOf(phase) : -1;
  });
  protected readonly clock = computed(() => {
    this.#tick();
    const room = this.store.room();
    const phase = this.store.phase();
    if (!room || !phase || room.phaseStartedAt === undefined) return null;
    const minutes = FAMILY_CONFERENCE_KIND.phases.find((p) => p.id === phase)?.defaultMinutes;
    if (!minutes) return null;
    const now = serverNow(Date.now(), this.#connection.clockOffset());
    const remainingMs = room.phaseStartedAt + minutes * 60_000 - now;
    return { text: formatCountdown(remainingMs), overtime: remainingMs < 0 };
  });

  constructor() {
    const timer = setInterval(() => this.#tick.update((t) => t + 1), 1_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected async say(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.draft().trim();
    if (!text || this.pending()) return;
    this.pending.set(true);
    const outcome = await this.store.say(text);
    this.pending.set(false);
    if (outcome.ok) {
      this.draft.set('');
      this.error.set(null);
    } else this.error.set(outcome.code);
  }

  protected async advance(): Promise<void> {
    this.pending.set(true);
    const outcome = await this.store.advance();
    this.pending.set(false);
    this.error.set(outcome.ok ? null : outcome.code);
  }
}
