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
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CircleInvitationCreated, CircleMemberView } from '@casustafel/contracts';
import {
  type ApiFailure,
  ConferenceRoomStore,
  FamilyConferenceStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  CopyButtonComponent,
  PageHeadingComponent,
  StatusBadgeComponent,
} from '@casustafel/client/ui';
import { CircleTableComponent } from './circle-table.component';
import { ConferenceLiveComponent } from './conference-live.component';
import { FamilyPlanComponent } from './family-plan.component';
import { ConferenceRefusalComponent } from './refusal.component';
import { localDate, localDateTime } from './conference-format';

/**
 * `/beraden/:conferenceId`: a familienetwerkberaad for the team — its preparation (circle,
 * invitations with link + code shown once, bottom lines, start), the live phases, the plan
 * recorded by the coordinator with the bottom lines checked one by one, the professional's
 * acceptance, and afterwards the way to the support plan where the plan landed.
 */
@Component({
  selector: 'cst-conference-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [FamilyConferenceStore, ConferenceRoomStore],
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    CopyButtonComponent,
    PageHeadingComponent,
    StatusBadgeComponent,
    CircleTableComponent,
    ConferenceLiveComponent,
    FamilyPlanComponent,
    ConferenceRefusalComponent,
  ],
  styleUrl: './conference.css',
  templateUrl: './conference-page.component.html',
})
export class ConferencePageComponent {
  readonly conferenceId = input.required<string>();
  protected readonly store = inject(FamilyConferenceStore);
  protected readonly invitation = signal<CircleInvitationCreated | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  /** What the last withdrawal or removal did, said once (translation key and name). */
  protected readonly circleNotice = signal<{ key: string; name: string } | null>(null);
  protected readonly pending = signal(false);
  protected readonly notes = signal<Record<string, string>>({});
  protected readonly memberName = signal('');
  protected readonly memberRole = signal<'familie' | 'netwerk'>('familie');
  protected readonly memberRelation = signal('');
  protected readonly bottomLine = signal('');
  protected readonly coordinator = computed(
    () => this.store.view()?.staff.find((s) => s.role === 'coordinator')?.displayName ?? '',
  );
  protected readonly professionals = computed(() =>
    (this.store.view()?.staff ?? [])
      .filter((s) => s.role === 'professional')
      .map((s) => s.displayName)
      .join(', '),
  );
  protected readonly startsAt = computed(() => localDateTime(this.store.view()?.startsAt ?? null));

  constructor() {
    effect(() => {
      const id = this.conferenceId();
      untracked(() => void this.store.load(id));
    });
  }

  protected async run(action: () => Promise<{ ok: true } | { ok: false; failure: ApiFailure }>) {
    if (this.pending()) return false;
    this.pending.set(true);
    const outcome = await action();
    this.pending.set(false);
    this.failure.set(outcome.ok ? null : outcome.failure);
    return outcome.ok;
  }

  protected async invite(participantId: string): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    const result = await this.store.invite(participantId);
    this.pending.set(false);
    if (!result.ok) {
      this.failure.set(result.failure);
      return;
    }
    this.failure.set(null);
    this.circleNotice.set(null);
    this.invitation.set(result.data);
    await this.store.refresh();
  }

  /** Withdraws a member's invitation (the table asked to confirm first). */
  protected async revoke(member: CircleMemberView): Promise<void> {
    this.invitation.set(null);
    this.circleNotice.set(null);
    if (await this.run(() => this.store.revoke(member.id)))
      this.circleNotice.set({ key: 'conference.circle.revoked', name: member.name });
  }

  /** Takes someone who never signed in out of the circle. */
  protected async remove(member: CircleMemberView): Promise<void> {
    this.invitation.set(null);
    this.circleNotice.set(null);
    if (await this.run(() => this.store.removeCircleMember(member.id)))
      this.circleNotice.set({ key: 'conference.circle.removed', name: member.name });
  }

  protected async addMember(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.memberName().trim();
    if (!name) return;
    const ok = await this.run(() =>
      this.store.addCircleMember({
        name,
        role: this.memberRole(),
        relation: this.memberRelation().trim(),
      }),
    );
    if (ok) {
      this.memberName.set('');
      this.memberRelation.set('');
    }
  }

  protected async addBottomLine(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.bottomLine().trim();
    if (!text) return;
    if (await this.run(() => this.store.addBottomLine(text))) this.bottomLine.set('');
  }

  protected start(): Promise<boolean> {
    this.invitation.set(null);
    return this.run(() => this.store.start());
  }

  protected check(lineId: string, met: boolean): Promise<boolean> {
    return this.run(() =>
      this.store.checkBottomLine(lineId, { met, note: this.notes()[lineId] ?? '' }),
    );
  }

  protected setNote(lineId: string, value: string): void {
    this.notes.update((n) => ({ ...n, [lineId]: value }));
  }

  protected accept(): Promise<boolean> {
    return this.run(() => this.store.accept());
  }

  /** A date of the conference (follow-up, evaluation) in words. */
  protected day(value: string | null): string {
    return localDate(value);
  }

  /** The follow-up's note (coordinator or professional, after acceptance). */
  protected readonly followUpNote = signal('');

  protected async recordFollowUp(event: Event): Promise<void> {
    event.preventDefault();
    if (await this.run(() => this.store.recordFollowUp(this.followUpNote().trim())))
      this.followUpNote.set('');
  }
}
