import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AgendaItemConsent } from '@casustafel/contracts';
import { LanguageStore } from '@casustafel/client/data-access';
import { StatusBadgeComponent, type StatusTone } from '@casustafel/client/ui';

/** The translation key and tone of a case item's consent state for the meeting. */
export function consentBadge(consent: AgendaItemConsent): { key: string; tone: StatusTone } {
  if (consent.state === 'gedekt')
    return {
      key: consent.validUntil ? 'meetings.consent.validUntil' : 'meetings.consent.valid',
      tone: 'success',
    };
  if (consent.justification) return { key: 'meetings.consent.justified', tone: 'warning' };
  return { key: 'meetings.consent.missing', tone: 'danger' };
}

/** A case item's consent for the meeting: valid (until when), or missing and justified or not. */
@Component({
  selector: 'cst-consent-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, StatusBadgeComponent],
  template: `
    @if (badge(); as b) {
      <cst-status-badge [tone]="b.tone" [attr.data-testid]="testId()" [attr.data-state]="b.key">
        {{ b.key | transloco: { date: until() } }}
      </cst-status-badge>
    }
  `,
})
export class ConsentBadgeComponent {
  readonly consent = input.required<AgendaItemConsent | null>();
  readonly testId = input('consent-badge');
  readonly #language = inject(LanguageStore);
  protected readonly badge = computed(() => {
    const consent = this.consent();
    return consent ? consentBadge(consent) : null;
  });
  protected readonly until = computed(() => {
    const date = this.consent()?.validUntil;
    if (!date) return '';
    return new Intl.DateTimeFormat(this.#language.lang(), { dateStyle: 'long' }).format(
      new Date(`${date}T12:00:00`),
    );
  });
}
