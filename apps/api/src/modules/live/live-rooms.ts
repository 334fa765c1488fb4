/**
 * Every socket.io room name on `/live`, in one place. A socket joins a room only after the
 * server checked its access (see `live-session/live-access.ts` and the notes gateway).
 */

/** Every socket of a user (ending their sessions disconnects them). */
export const userRoom = (userId: string) => `user:${userId}`;
/**
 * Every socket of a professional (not of a guest, a family member or a conference participant):
 * how many sockets the product holds (`presence:count`) is for staff only.
 */
export const STAFF_ROOM = 'staff';
/** Every socket of one session. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The members of a live session (a meeting's room): its event stream and presence. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** Every guest socket of a meeting (presence, closing); never sent item content. */
export const guestsRoom = (meetingId: string) => `guests:${meetingId}`;
/** Guests invited to one agenda item (that item's decisions and actions). */
export const guestItemRoom = (itemId: string) => `guest-item:${itemId}`;
/** One guest invitation (the guest's projection of the room). */
export const invitationRoom = (invitationId: string) => `guest:${invitationId}`;
/** The shared note of one agenda item. */
export const noteRoom = (itemId: string) => `item:${itemId}`;
/** The sockets of one role in a live session of another kind (each role gets its projection). */
export const sessionRoleRoom = (sessionId: string, role: string) =>
  `live-session:${sessionId}:role:${role}`;
