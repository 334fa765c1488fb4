import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CircleMemberView } from '@casustafel/contracts';

/**
 * The circle of a conference as a table: who, as what, how related, the invitation's state
 * (nog niet uitgenodigd · uitgenodigd · aangemeld · verlopen · ingetrokken), and — for staff —
 * a new link and code (before the start), withdrawing an invitation (asked once more first:
 * link, code and session stop at once), and taking someone who never signed in out of the
 * circle (before the start).
 */
@Component({
  selector: 'cst-circle-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  styleUrl: './conference.css',
  template: `
    <div class="cst-table-scroll" tabindex="0" role="region" [attr.aria-labelledby]="captionId()">
      <table class="cst-table" data-testid="fc-circle">
        <caption [id]="captionId()" class="app-visually-hidden">
          {{
            'conference.circle.caption' | transloco
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'conference.circle.name' | transloco }}</th>
            <th scope="col">{{ 'conference.circle.role' | transloco }}</th>
            <th scope="col">{{ 'conference.circle.relation' | transloco }}</th>
            <th scope="col">{{ 'conference.circle.invitation' | transloco }}</th>
            @if (manage()) {
              <th scope="col">{{ 'conference.circle.action' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (m of members(); track m.id) {
            <tr data-testid="fc-circle-row" [attr.data-name]="m.name">
              <td>{{ m.name }}</td>
              <td>{{ 'conference.roles.' + m.role | transloco }}</td>
              <td>{{ m.relation }}</td>
              <td data-testid="fc-circle-invitation">
                {{ 'conference.invitation.' + m.invitation | transloco }}
                @if (m.consentAt) {
                  · {{ 'conference.circle.consented' | transloco }}
                }
              </td>
              @if (manage()) {
                <td>
                  @if (confirming() === m.id) {
                    <p class="utrecht-paragraph cst-small" [id]="'fc-confirm-' + m.id">
                      {{ 'conference.circle.confirmRevoke' | transloco: { name: m.name } }}
                    </p>
                    <div class="cst-actions">
                      <button
                        type="button"
                        class="utrecht-button utrecht-button--primary-action"
                        [disabled]="pending()"
                        [attr.aria-describedby]="'fc-confirm-' + m.id"
                        (click)="confirming.set(null); revoke.emit(m)"
                        [attr.data-testid]="'fc-revoke-yes-' + m.name"
                      >
                        {{ 'conference.circle.confirmYes' | transloco }}
                      </button>
                      <button
                        type="button"
                        class="utrecht-button utrecht-button--secondary-action"
                        (click)="confirming.set(null)"
                      >
                        {{ 'conference.circle.cancel' | transloco }}
                      </button>
                    </div>
                  } @else {
                    <div class="cst-actions">
                      @if (preparing()) {
                        <button
                          type="button"
                          class="utrecht-button utrecht-button--secondary-action"
                          [disabled]="pending()"
                          (click)="invite.emit(m)"
                          [attr.data-testid]="'fc-invite-' + m.name"
                        >
                          {{
                            (m.invitation === 'niet-uitgenodigd'
                              ? 'conference.invite.button'
                              : 'conference.invite.again'
                            ) | transloco: { name: m.name }
                          }}
                        </button>
                      }
                      @if (m.invitation !== 'niet-uitgenodigd' && m.invitation !== 'ingetrokken') {
                        <button
                          type="button"
                          class="utrecht-button utrecht-button--secondary-action"
                          [disabled]="pending()"
                          (click)="confirming.set(m.id)"
                          [attr.data-testid]="'fc-revoke-' + m.name"
                        >
                          {{ 'conference.circle.revoke' | transloco: { name: m.name } }}
                        </button>
                      }
                      @if (preparing() && !m.tookPart && !m.consentAt) {
                        <button
                          type="button"
                          class="utrecht-button utrecht-button--subtle"
                          [disabled]="pending()"
                          (click)="remove.emit(m)"
                          [attr.data-testid]="'fc-remove-' + m.name"
                        >
                          {{ 'conference.circle.remove' | transloco: { name: m.name } }}
                        </button>
                      }
                    </div>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class CircleTableComponent {
  readonly members = input.required<readonly CircleMemberView[]>();
  /** Staff of the conference: the action column. */
  readonly manage = input(false);
  /** Before the start: invite and remove too (withdrawing works at any time). */
  readonly preparing = input(false);
  readonly pending = input(false);
  readonly captionId = input('fc-circle-caption');
  readonly invite = output<CircleMemberView>();
  readonly revoke = output<CircleMemberView>();
  readonly remove = output<CircleMemberView>();
  /** The member whose withdrawal is being confirmed. */
  protected readonly confirming = signal<string | null>(null);
}
