import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { GuestItemBasis, GuestStatus } from '@casustafel/contracts';
import { consentCoversAt } from '@casustafel/domain';
import { CaseEntity, PreparationEntity } from '../case-file/case.entity';
import { ConsentEntity } from '../case-file/household.entity';
import type { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import type { GuestInvitationEntity } from './guest.entities';

const normalise = (value: string) => value.trim().toLocaleLowerCase('nl').replace(/\s+/g, ' ');

/**
 * Does a ledger entry cover sharing with this specialist? A valid entry for the meeting (MDO) or
 * for sharing with an organisation, whose recipients name the guest's organisation or discipline.
 */
export function coversGuest(
  entry: ConsentEntity,
  guest: { organisationName: string; discipline: string },
  at: Date,
): boolean {
  if (entry.purpose !== 'mdo' && entry.purpose !== 'delen-met-organisatie') return false;
  if (!consentCoversAt(entry, at)) return false;
  return entry.recipients.some((recipient) =>
    recipient.kind === 'organisatie'
      ? normalise(recipient.name) === normalise(guest.organisationName)
      : recipient.kind === 'discipline'
        ? normalise(recipient.discipline) === normalise(guest.discipline)
        : false,
  );
}

/** Where an invitation stands now. */
export function invitationStatus(invitation: GuestInvitationEntity, now: Date): GuestStatus {
  if (invitation.revokedAt !== null) return 'ingetrokken';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'verlopen';
  return invitation.signedInAt !== null ? 'aangemeld' : 'uitgenodigd';
}

/** A revoked or expired invitation lets no one in any more. */
export function invitationEnded(invitation: GuestInvitationEntity, now: Date): boolean {
  const status = invitationStatus(invitation, now);
  return status === 'ingetrokken' || status === 'verlopen';
}

export interface GuestItemGround {
  itemId: string;
  basis: GuestItemBasis | null;
  consentId: string | null;
  householdId: string | null;
}

/**
 * Per invited item: how sharing it with this guest is grounded, or `basis: null` when a case
 * item is covered by neither consent nor a recorded legal basis.
 */
export async function guestGrounds(
  tx: EntityManager,
  guest: { organisationName: string; discipline: string },
  items: AgendaItemEntity[],
  meeting: MeetingEntity,
  now: Date,
): Promise<GuestItemGround[]> {
  const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
  const preps = prepIds.length === 0 ? [] : await tx.findBy(PreparationEntity, { id: In(prepIds) });
  const cases =
    preps.length === 0 ? [] : await tx.findBy(CaseEntity, { id: In(preps.map((p) => p.caseId)) });
  const householdOfPrep = new Map(
    preps.map((p) => [p.id, cases.find((c) => c.id === p.caseId)?.householdId ?? null]),
  );
  const householdIds = [...new Set([...householdOfPrep.values()].filter((h) => h !== null))];
  const entries =
    householdIds.length === 0
      ? []
      : await tx.find(ConsentEntity, {
          where: { householdId: In(householdIds) },
          order: { grantedAt: 'ASC', createdAt: 'ASC' },
        });
  // Judged for the moment of the meeting (and not already lapsed today).
  const at = new Date(Math.max(now.getTime(), meeting.startsAt.getTime()));
  return items.map((item) => {
    const householdId = item.preparationId
      ? (householdOfPrep.get(item.preparationId) ?? null)
      : null;
    if (item.kind !== 'casusbespreking' || householdId === null)
      return { itemId: item.id, basis: 'geen-casus', consentId: null, householdId: null };
    const entry = entries.find((e) => e.householdId === householdId && coversGuest(e, guest, at));
    return {
      itemId: item.id,
      basis: entry ? entry.basis : null,
      consentId: entry?.id ?? null,
      householdId,
    };
  });
}
