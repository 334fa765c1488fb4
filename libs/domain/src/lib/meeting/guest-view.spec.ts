import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { guestView, sameGuestView } from './guest-view';
import {
  applyCommand,
  createLiveRoomState,
  type LiveCommandInput,
  type LiveContext,
  type LiveRoomState,
} from './live-room';

const MEETING = 'm1';
const T0 = Date.parse('2026-03-31T07:30:00Z');
const chair: LiveContext = { actorUserId: 'u-chair', actorRoles: ['chair', 'member'], now: T0 };

function step(state: LiveRoomState, body: Record<string, unknown>, ctx: LiveContext = chair) {
  const result = applyCommand(
    state,
    { commandId: randomUUID(), meetingId: MEETING, ...body } as LiveCommandInput,
    ctx,
  );
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

function room(): LiveRoomState {
  return createLiveRoomState(MEETING, [
    { id: 'a', kind: 'casusbespreking', order: 0, timeBoxMinutes: 20 },
    { id: 'b', kind: 'casusbespreking', order: 1, timeBoxMinutes: 25 },
  ]);
}

describe('guestView', () => {
  it('holds only the invited items, and nothing of another current item', () => {
    let state = step(room(), { type: 'item:start', itemId: 'b' });
    state = step(state, { type: 'phase:advance', itemId: 'b' });
    state = step(state, { type: 'hand:raise' }, { ...chair, actorUserId: 'u-member' });
    const view = guestView(state, ['a']);
    expect(view.items.map((i) => i.id)).toEqual(['a']);
    expect(view.currentItemId).toBeNull();
    expect(view.otherItemInProgress).toBe(true);
    expect(view.speakingQueue).toEqual([]);
    expect(view.raisedHands).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('"b"');
    expect(JSON.stringify(view)).not.toContain('u-member');
  });

  it('shows the current invited item with its timer, phase and queue', () => {
    let state = step(room(), { type: 'item:start', itemId: 'a' });
    state = step(state, { type: 'hand:raise' }, { ...chair, actorUserId: 'u-member' });
    const view = guestView(state, ['a']);
    expect(view.currentItemId).toBe('a');
    expect(view.otherItemInProgress).toBe(false);
    expect(view.items[0]?.timer.startedAt).toBe(T0);
    expect(view.items[0]?.phase).toBe('inbreng');
    expect(view.speakingQueue).toEqual(['u-member']);
    expect(view.asOfSeq).toBe(state.seq);
  });

  it('does not change when only another item changes', () => {
    let state = step(room(), { type: 'item:start', itemId: 'b' });
    const before = guestView(state, ['a']);
    state = step(state, { type: 'phase:advance', itemId: 'b' });
    state = step(state, { type: 'timer:pause', itemId: 'b' });
    const after = guestView(state, ['a']);
    expect(after.asOfSeq).toBeGreaterThan(before.asOfSeq);
    expect(sameGuestView(before, after)).toBe(true);
    state = step(state, { type: 'item:start', itemId: 'a' });
    expect(sameGuestView(after, guestView(state, ['a']))).toBe(false);
    expect(sameGuestView(undefined, after)).toBe(false);
  });

  it('copies: changing the view does not change the state', () => {
    const state = step(room(), { type: 'item:start', itemId: 'a' });
    const view = guestView(state, ['a']);
    const first = view.items[0];
    if (!first) throw new Error('no item');
    first.timer.elapsedMs = 999;
    expect(state.items[0]?.timer.elapsedMs).toBe(0);
  });
});
