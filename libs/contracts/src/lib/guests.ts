import * as z from 'zod';
import type { GuestRoomView } from '@casustafel/domain';
import type { ActionView, DecisionView } from './meeting-records';
import type { AgendaItemView, MeetingStatus } from './meetings';
import { disciplineSchema, emailSchema } from './identity';
import type { Discipline } from './plain/identity';

/*
 * Remote specialists (gasten): an external professional invited by the chair to specific agenda
 * items of one meeting. They sign in with the invitation link plus a one-time code delivered
 * separately, and see only the invited items (DESIGN.md: Guest access).
 */

/** Digits of the one-time code. */
export const GUEST_CODE_LENGTH = 8;
/** Wrong codes accepted before the invitation is locked (a new code unlocks it). */
export const GUEST_CODE_MAX_ATTEMPTS = 5;
export const GUEST_JUSTIFICATION_MIN = 20;
export const GUEST_JUSTIFICATION_MAX = 1000;
export const GUEST_MAX_ITEMS = 20;

const guestName = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[\p{L}\p{M}' .-]+$/u);
const organisationName = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .regex(/^[\p{L}\p{M}\p{N}' .,&()/-]+$/u);

export const inviteGuestSchema = z.strictObject({
  name: guestName,
  email: emailSchema,
  discipline: disciplineSchema,
  organisationName,
  itemIds: z
    .array(z.uuid())
    .min(1)
    .max(GUEST_MAX_ITEMS)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate-item' }),
  /**
   * Needed when an invited case item has no consent or legal basis covering this specialist:
   * why sharing is justified anyway (recorded with the invitation and in the audit trail).
   */
  justification: z
    .string()
    .trim()
    .min(GUEST_JUSTIFICATION_MIN)
    .max(GUEST_JUSTIFICATION_MAX)
    .nullable()
    .default(null),
});
export type InviteGuest = z.input<typeof inviteGuestSchema>;

export const guestSignInSchema = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${GUEST_CODE_LENGTH}}$`)),
});
export type GuestSignIn = z.input<typeof guestSignInSchema>;

/** How sharing an invited item with the guest is grounded. */
export const GUEST_ITEM_BASES = [
  /** A valid consent entry names the guest's organisation or discipline. */
  'toestemming',
  /** A recorded legal basis names the guest's organisation or discipline. */
  'wettelijke-grondslag',
  /** Not covered: the chair recorded a justification. */
  'motivering',
  /** Not a case item: no client data in it. */
  'geen-casus',
] as const;
export type GuestItemBasis = (typeof GUEST_ITEM_BASES)[number];

export const GUEST_STATUSES = ['uitgenodigd', 'aangemeld', 'ingetrokken', 'verlopen'] as const;
export type GuestStatus = (typeof GUEST_STATUSES)[number];

export interface GuestInvitationView {
  id: string;
  meetingId: string;
  name: string;
  email: string;
  discipline: Discipline;
  organisationName: string;
  items: { itemId: string; basis: GuestItemBasis; consentId: string | null }[];
  justification: string | null;
  status: GuestStatus;
  /** How the one-time code went out: by e-mail, or shown to the inviter to pass on. */
  delivery: 'e-mail' | 'uitnodiger';
  expiresAt: string;
  signedInAt: string | null;
  invitedByUserId: string;
  createdAt: string;
}

/** The answer to an invitation (or a new code): the link, and the code unless it was e-mailed. */
export interface GuestInvitationCreated {
  invitation: GuestInvitationView;
  /** To pass on to the guest; the token is in the fragment, so it never reaches a server log. */
  link: string;
  /** Shown once, only when no mail server is configured. */
  code: string | null;
}

/** What a signed-in guest may read: their meeting's times and only the invited items. */
export interface GuestSessionView {
  invitationId: string;
  name: string;
  discipline: Discipline;
  expiresAt: string;
  meeting: {
    id: string;
    teamName: string;
    startsAt: string;
    endsAt: string;
    status: MeetingStatus;
  };
  items: (Pick<
    AgendaItemView,
    'id' | 'kind' | 'title' | 'timeBoxMinutes' | 'plannedStart' | 'plannedEnd' | 'status'
  > & {
    /** The question to the team, from the case preparation. */
    question: string | null;
  })[];
}

/* ---------- live room, guest side ---------- */

export const guestJoinSchema = z.strictObject({ meetingId: z.uuid() });
export type GuestJoin = z.input<typeof guestJoinSchema>;

export interface GuestJoinResult {
  view: GuestRoomView;
  decisions: DecisionView[];
  actions: ActionView[];
}

/** `guest:state`: the guest's projection changed. */
export type GuestStateEvent = GuestRoomView;
