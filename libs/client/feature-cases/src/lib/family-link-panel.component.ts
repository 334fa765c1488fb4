import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { FamilyInvitationCreated, FamilyInvitationView } from '@casustafel/contracts';
import { type ApiFailure, HouseholdStoryApi, LanguageStore } from '@casustafel/client/data-access';
import { AlertComponent, CopyButtonComponent, DateTimePipe, FIELD } from '@casustafel/client/ui';

/**
 * The team gives the family a link to their own plan: link + one-time code (shown once, to
 * pass on by another channel), the list of links with their status, and stopping a link.
 */
@Component({
  selector: 'cst-family-link-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    AlertComponent,
    CopyButtonComponent,
    DateTimePipe,
    ...FIELD,
  ],
  templateUrl: './family-link-panel.component.html',
})
export class FamilyLinkPanelComponent {
  readonly householdId = input.required<string>();
  readonly #api = inject(HouseholdStoryApi);
  protected readonly language = inject(LanguageStore);
  protected readonly invitations = signal<FamilyInvitationView[]>([]);
  protected readonly created = signal<FamilyInvitationCreated | null>(null);
  protected readonly failure = signal<'meldcode' | 'other' | null>(null);
  protected readonly pending = signal(false);
  protected readonly name = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(2)],
  });
  protected readonly days = new FormControl(30, { nonNullable: true });
  protected readonly form = new FormGroup({ name: this.name, days: this.days });

  constructor() {
    effect(() => {
      const id = this.householdId();
      untracked(() => void this.refresh(id));
    });
  }

  async refresh(householdId = this.householdId()): Promise<void> {
    const result = await firstValueFrom(this.#api.invitations(householdId));
    if (result.ok) this.invitations.set(result.data);
  }

  protected async create(): Promise<void> {
    if (this.pending() || this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    this.pending.set(true);
    this.failure.set(null);
    const result = await firstValueFrom(
      this.#api.invite(this.householdId(), {
        name: this.name.value,
        days: Math.min(90, Math.max(1, Number(this.days.value) || 30)),
      }),
    );
    this.pending.set(false);
    if (!result.ok) {
      this.failure.set(this.#isMeldcode(result.failure) ? 'meldcode' : 'other');
      return;
    }
    this.created.set(result.data);
    this.name.reset('');
    await this.refresh();
  }

  protected async revoke(invitationId: string): Promise<void> {
    const result = await firstValueFrom(this.#api.revoke(this.householdId(), invitationId));
    if (!result.ok) {
      this.failure.set('other');
      return;
    }
    if (this.created()?.invitation.id === invitationId) this.created.set(null);
    await this.refresh();
  }

  #isMeldcode(failure: ApiFailure): boolean {
    return (
      failure.kind === 'error' &&
      failure.code === 'CONFLICT' &&
      (failure.details ?? []).some((d) => d.issue === 'meldcode-open')
    );
  }
}
