import type { DecisionView, GuestSessionView } from '@casustafel/contracts';
import { createLiveRoomState, type LiveRoomState } from '@casustafel/domain';

/** Specs only: the people and items of a meeting with one guest invited to one item. */
export const GUEST_MEETING = {
  chair: '5b8e2a1c-7d3f-4e6a-9b2c-1f0e3d4c5b6a',
  guest: '6c9e2a1c-7d3f-4e6a-9b2c-1f0e3d4c5b6b',
  /** The item the guest is invited to ("Gezin A"). */
  invitedItem: '11111111-1111-4111-8111-111111111111',
  /** An item the guest may not see. */
  otherItem: '22222222-2222-4222-8222-222222222222',
} as const;

/** The guest's session: the meeting of Wijkteam Noord and the one invited item. */
export function guestSessionView(meetingId: string, question: string): GuestSessionView {
  return {
    invitationId: '33333333-3333-4333-8333-333333333333',
    name: 'Gerrit de Graaf',
    discipline: 'ggz',
    expiresAt: '2026-12-01T11:00:00.000Z',
    meeting: {
      id: meetingId,
      teamName: 'Wijkteam Noord',
      startsAt: '2026-12-01T08:30:00.000Z',
      endsAt: '2026-12-01T10:00:00.000Z',
      status: 'gepland',
    },
    items: [
      {
        id: GUEST_MEETING.invitedItem,
        kind: 'casusbespreking',
        title: 'Gezin A',
        timeBoxMinutes: 20,
        plannedStart: '2026-12-01T08:40:00.000Z',
        plannedEnd: '2026-12-01T09:00:00.000Z',
        status: 'gepland',
        question,
      },
    ],
  };
}

/** The meeting as the server holds it: the other item first, then the invited one. */
export function guestMeetingRoom(meetingId: string): LiveRoomState {
  return createLiveRoomState(meetingId, [
    { id: GUEST_MEETING.otherItem, kind: 'casusbespreking', order: 0, timeBoxMinutes: 10 },
    { id: GUEST_MEETING.invitedItem, kind: 'casusbespreking', order: 1, timeBoxMinutes: 20 },
  ]);
}

/** A referral decided by the chair on the invited item. */
export function guestItemDecision(meetingId: string, id: string, text: string): DecisionView {
  return {
    id,
    meetingId,
    agendaItemId: GUEST_MEETING.invitedItem,
    type: 'verwijzing-2e-lijn',
    text,
    rationale: 'Moeder vraagt erom',
    decidedByUserId: GUEST_MEETING.chair,
    recordedByUserId: GUEST_MEETING.chair,
    decidedAt: '2026-12-01T08:45:00.000Z',
  };
}
