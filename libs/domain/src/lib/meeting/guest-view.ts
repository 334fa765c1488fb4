import type { LiveItemState, LiveRoomState, RaisedHand } from './live-room';

/**
 * What a remote specialist (guest) sees of the live room: only the agenda items they are invited
 * to. Another item being discussed shows as "another item is in progress", without its id, timer
 * or phase; the speaking queue and the speaker only while one of their items is current. A pure
 * projection of the server's state, so the guest view can never hold more than this function
 * puts in it (issue 5: a guest invited to item A receives zero bytes of item B).
 */
export interface GuestRoomView {
  meetingId: string;
  /** The meeting's seq this view was taken at (ordering only). */
  asOfSeq: number;
  /** The current item when it is one of the guest's items, else null. */
  currentItemId: string | null;
  /** Another (not invited) item is being discussed. */
  otherItemInProgress: boolean;
  /** The invited items, in agenda order. */
  items: LiveItemState[];
  speakingQueue: string[];
  raisedHands: RaisedHand[];
  currentSpeakerUserId: string | null;
}

export function guestView(state: LiveRoomState, invitedItemIds: readonly string[]): GuestRoomView {
  const invited = new Set(invitedItemIds);
  const current = state.currentItemId;
  const ours = current !== null && invited.has(current);
  return {
    meetingId: state.meetingId,
    asOfSeq: state.seq,
    currentItemId: ours ? current : null,
    otherItemInProgress: current !== null && !ours,
    items: state.items
      .filter((item) => invited.has(item.id))
      .map((item) => ({ ...item, timer: { ...item.timer } })),
    speakingQueue: ours ? [...state.speakingQueue] : [],
    raisedHands: ours ? state.raisedHands.map((hand) => ({ ...hand })) : [],
    currentSpeakerUserId: ours ? state.currentSpeakerUserId : null,
  };
}

/** Whether two views show the same thing (the seq aside): no need to send the second. */
export function sameGuestView(a: GuestRoomView | undefined, b: GuestRoomView): boolean {
  if (!a) return false;
  return JSON.stringify({ ...a, asOfSeq: 0 }) === JSON.stringify({ ...b, asOfSeq: 0 });
}
