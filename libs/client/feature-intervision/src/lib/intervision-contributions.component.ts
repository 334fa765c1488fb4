import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { IntervisionSessionStore } from '@casustafel/client/data-access';

/**
 * The session's contributions in order: blind ones as placeholders until revealed, the
 * inbrenger's rating buttons where the phase asks for them.
 */
@Component({
  selector: 'cst-iv-contributions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <section
      class="cst-panel"
      aria-labelledby="iv-contributions-heading"
      data-testid="iv-contributions"
    >
      <h2 class="utrecht-heading-3" id="iv-contributions-heading">
        {{ 'intervision.session.contributions' | transloco }}
      </h2>
      @if (store.contributions().length === 0) {
        <p class="utrecht-paragraph cst-muted">
          {{
            (store.room() ? 'intervision.session.none' : 'intervision.session.noneEnded')
              | transloco
          }}
        </p>
      } @else {
        <ol class="cst-iv-contributions">
          @for (c of store.contributions(); track c.id) {
            <li
              class="cst-iv-contribution"
              [class.cst-iv-contribution--hidden]="c.hidden"
              data-testid="iv-contribution"
              [attr.data-hidden]="c.hidden"
            >
              <p class="cst-small cst-muted cst-iv-contribution__meta">
                <strong>{{ 'intervision.session.kinds.' + c.kind | transloco }}</strong>
                @if (c.blind) {
                  · {{ 'intervision.session.blind' | transloco }}
                }
                @if (c.authorName) {
                  · {{ c.authorName }}
                }
                @if (c.phase && phaseTitles().get(c.phase); as title) {
                  · {{ title }}
                }
              </p>
              @if (c.hidden) {
                <p class="utrecht-paragraph cst-muted" data-testid="iv-contribution-hidden">
                  {{ 'intervision.session.hidden' | transloco }}
                </p>
              } @else {
                <p class="utrecht-paragraph cst-iv-body" data-testid="iv-contribution-body">
                  {{ c.text }}
                </p>
              }
              @if (c.scale.length > 0) {
                <div
                  class="cst-iv-rating"
                  role="group"
                  [attr.aria-label]="'intervision.session.rate' | transloco"
                >
                  @for (r of c.scale; track r) {
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--secondary-action utrecht-button--small"
                      [attr.aria-pressed]="c.rating === r"
                      [disabled]="sending()"
                      (click)="rate.emit({ contributionId: c.id, rating: r })"
                      [attr.data-testid]="'iv-rate-' + r"
                    >
                      {{ 'intervision.session.ratings.' + r | transloco }}
                    </button>
                  }
                </div>
              } @else if (c.rating) {
                <p class="cst-small" data-testid="iv-contribution-rating">
                  {{ 'intervision.session.ratedAs' | transloco }}:
                  {{ 'intervision.session.ratings.' + c.rating | transloco }}
                </p>
              }
            </li>
          }
        </ol>
      }
    </section>
  `,
  styleUrl: './intervision-session.css',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class IntervisionContributionsComponent {
  protected readonly store = inject(IntervisionSessionStore);
  readonly sending = input.required<boolean>();
  /** Phase titles by key, to say in which phase a contribution was made. */
  readonly phaseTitles = input.required<ReadonlyMap<string, string>>();
  readonly rate = output<{ contributionId: string; rating: string }>();
}
