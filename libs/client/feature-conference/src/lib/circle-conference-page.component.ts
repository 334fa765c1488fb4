import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { ConferenceSessionView } from '@casustafel/contracts';
import {
  CIRCLE_SIGN_IN_PATH,
  ConferenceRoomStore,
  FamilyConferenceApi,
  FamilyConferenceStore,
} from '@casustafel/client/data-access';
import { PageHeadingComponent } from '@casustafel/client/ui';
import { localDateTime } from './conference-format';
import { ConferenceLiveComponent } from './conference-live.component';
import { FamilyPlanComponent } from './family-plan.component';
import { ConferenceRefusalComponent } from './refusal.component';

/**
 * `/beraad/overleg`: the conference of a family or network member signed in by link + code —
 * its question, date and place, the phase, what was said, in besloten tijd their own space
 * (notes and the draft plan), and the family plan. Nothing of the case file.
 */
@Component({
  selector: 'cst-circle-conference-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [FamilyConferenceStore, ConferenceRoomStore],
  imports: [
    TranslocoPipe,
    PageHeadingComponent,
    ConferenceLiveComponent,
    FamilyPlanComponent,
    ConferenceRefusalComponent,
  ],
  styleUrl: './conference.css',
  template: `
    <cst-page-heading [heading]="'conference.title' | transloco" data-testid="fc-circle-heading" />
    @if (me(); as me) {
      <p class="utrecht-paragraph" data-testid="fc-circle-you">
        {{ 'conference.circlePage.you' | transloco: { name: me.name } }}
        ({{ 'conference.roles.' + me.role | transloco }})
      </p>
    }
    @if (store.view(); as view) {
      <dl class="cst-fc-grid" data-testid="fc-details">
        <div>
          <dt>{{ 'conference.question' | transloco }}</dt>
          <dd data-testid="fc-question">{{ view.question }}</dd>
        </div>
        <div>
          <dt>{{ 'conference.when' | transloco }}</dt>
          <dd>{{ startsAt() || ('conference.notChosen' | transloco) }}</dd>
        </div>
        <div>
          <dt>{{ 'conference.place' | transloco }}</dt>
          <dd>{{ view.place || ('conference.notChosen' | transloco) }}</dd>
        </div>
      </dl>
      @if (view.status === 'voorbereiding') {
        <section class="cst-section cst-panel">
          <p class="utrecht-paragraph" data-testid="fc-not-started">
            {{ 'conference.circlePage.notStarted' | transloco }}
          </p>
          <div class="cst-actions">
            <button
              type="button"
              class="utrecht-button utrecht-button--secondary-action"
              (click)="store.refresh()"
              data-testid="fc-refresh"
            >
              {{ 'conference.refresh' | transloco }}
            </button>
          </div>
        </section>
      } @else if (view.status === 'bezig') {
        <div class="cst-section cst-fc-layout">
          <div class="cst-fc-stack"><cst-conference-live /></div>
          <div class="cst-fc-stack"><cst-family-plan /></div>
        </div>
      } @else {
        <section class="cst-section cst-panel">
          <p class="utrecht-paragraph" data-testid="fc-circle-done">
            {{ 'conference.circlePage.done' | transloco: { evaluation: view.evaluationOn ?? '—' } }}
          </p>
        </section>
        <cst-family-plan />
      }
    } @else if (store.failure(); as f) {
      <cst-conference-refusal [failure]="f" testId="fc-circle-error" />
    } @else {
      <p class="utrecht-paragraph" role="status">{{ 'common.loading' | transloco }}</p>
    }
  `,
})
export class CircleConferencePageComponent {
  protected readonly store = inject(FamilyConferenceStore);
  readonly #api = inject(FamilyConferenceApi);
  readonly #router = inject(Router);
  protected readonly me = signal<ConferenceSessionView | null>(null);
  protected readonly startsAt = computed(() => localDateTime(this.store.view()?.startsAt ?? null));

  constructor() {
    void this.#open();
  }

  async #open(): Promise<void> {
    const session = await firstValueFrom(this.#api.session());
    if (!session.ok) {
      await this.#router.navigateByUrl(CIRCLE_SIGN_IN_PATH);
      return;
    }
    this.me.set(session.data);
    await this.store.load(session.data.conferenceId);
  }
}
