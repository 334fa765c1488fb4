import { inject, Injectable, signal } from '@angular/core';
import type { CircleInvitationCreated, CircleMemberView } from '@casustafel/contracts';
import { type ApiFailure, FamilyConferenceStore } from '@casustafel/client/data-access';

/**
 * What the parts of one conference page share: one action at a time (`pending`), the refusal
 * of the last one (shown at the top), the invitation just made and what the last withdrawal or
 * removal did. Provided by `ConferencePageComponent`.
 */
@Injectable()
export class ConferenceActions {
  readonly store = inject(FamilyConferenceStore);
  readonly pending = signal(false);
  readonly failure = signal<ApiFailure | null>(null);
  readonly invitation = signal<CircleInvitationCreated | null>(null);
  /** What the last withdrawal or removal did, said once (translation key and name). */
  readonly circleNotice = signal<{ key: string; name: string } | null>(null);

  /** Runs one action (none while another runs); its refusal is shown at the top of the page. */
  async run(action: () => Promise<{ ok: true } | { ok: false; failure: ApiFailure }>) {
    if (this.pending()) return false;
    this.pending.set(true);
    const outcome = await action();
    this.pending.set(false);
    this.failure.set(outcome.ok ? null : outcome.failure);
    return outcome.ok;
  }

  /** Withdraws a member's invitation (the table asked to confirm first). */
  async revoke(member: CircleMemberView): Promise<void> {
    this.invitation.set(null);
    this.circleNotice.set(null);
    if (await this.run(() => this.store.revoke(member.id)))
      this.circleNotice.set({ key: 'conference.circle.revoked', name: member.name });
  }

  /** Takes someone who never signed in out of the circle. */
  async remove(member: CircleMemberView): Promise<void> {
    this.invitation.set(null);
    this.circleNotice.set(null);
    if (await this.run(() => this.store.removeCircleMember(member.id)))
      this.circleNotice.set({ key: 'conference.circle.removed', name: member.name });
  }
}
