import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  EVENT_OF_COMMAND,
  type LiveCommand,
  type LiveCommandInput,
  liveCommandOf,
  type SessionCommand,
  type SessionCommandInput,
  sessionCommandOf,
} from '@casustafel/domain';
import type * as z from 'zod';
import { meetingCommandSchema } from './meetings';
import { sessionCommandSchema } from './sessions';

/**
 * The live commands' wire schemas (here) and the reducers' command types (`@casustafel/domain`)
 * are written apart: these tests hold them to the same shape, and the reducers' own checks to
 * take every command the wire lets through, as the wire hands it on.
 */

/** Each member of a union with its intersections flattened (`Same` compares exact shapes). */
type Flat<T> = T extends unknown ? { [K in keyof T]: T[K] } : never;
type Same<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

type Expect<T extends true> = T;

// Checked by `typecheck` (jest strips types): a drift in either library fails here.
type _SchemasAreTheReducersTypes = [
  Expect<Same<z.output<typeof meetingCommandSchema>, LiveCommand>>,
  Expect<Same<z.input<typeof meetingCommandSchema>, LiveCommandInput>>,
  Expect<Same<z.output<typeof sessionCommandSchema>, SessionCommand>>,
  Expect<Same<z.input<typeof sessionCommandSchema>, SessionCommandInput>>,
];

const MEETING = 'm1';
const base = () => ({ commandId: randomUUID(), meetingId: MEETING });
const item = () => ({ ...base(), itemId: 'c1' });

describe('meetingCommandSchema', () => {
  it('has a schema for every command type', () => {
    const types = meetingCommandSchema.options.map((o) => o.shape.type.value).sort();
    // The list itself is pinned by the domain's spec (live-room.spec.ts).
    expect(types).toEqual(Object.keys(EVENT_OF_COMMAND).sort());
  });

  it('refuses malformed commands', () => {
    const bad: unknown[] = [
      { ...item(), type: 'item:start', commandId: 'not-a-uuid' },
      { ...base(), type: 'item:start' },
      { ...item(), type: 'item:explode' },
      { ...item(), type: 'timer:extend', minutes: 0 },
      { ...item(), type: 'timer:extend', minutes: 61 },
      { ...item(), type: 'timer:extend', minutes: 1.5 },
      { ...base(), type: 'hand:raise', extra: 'x' },
      { ...base(), type: 'hand:raise', meetingId: 'x'.repeat(65) },
      { ...item(), type: 'item:start', previousStatus: 'actief' },
    ];
    for (const input of bad) expect(meetingCommandSchema.safeParse(input).success).toBe(false);
  });

  it('hands the reducer what its own check makes of the command', () => {
    const good: LiveCommandInput[] = [
      { ...item(), type: 'item:start' },
      { ...item(), type: 'item:start', previousStatus: 'gepland' },
      { ...item(), type: 'item:skip' },
      { ...item(), type: 'item:finish' },
      { ...item(), type: 'timer:start' },
      { ...item(), type: 'timer:pause' },
      { ...item(), type: 'timer:extend', minutes: 1 },
      { ...item(), type: 'timer:extend', minutes: 60 },
      { ...item(), type: 'phase:advance' },
      { ...item(), type: 'phase:back' },
      { ...base(), type: 'hand:raise' },
      { ...base(), type: 'hand:lower' },
      { ...base(), type: 'hand:lower', userId: 'u-1' },
      { ...base(), type: 'queue:next' },
    ];
    for (const input of good) {
      expect(liveCommandOf(input)).toEqual(meetingCommandSchema.parse(input));
    }
    expect(meetingCommandSchema.parse({ ...item(), type: 'item:start' })).toMatchObject({
      previousStatus: 'besproken',
    });
  });
});

const SESSION = 's1';
const session = () => ({ commandId: randomUUID(), sessionId: SESSION });

describe('sessionCommandSchema', () => {
  it('refuses malformed commands', () => {
    const bad: unknown[] = [
      { ...session(), type: 'phase:advance', commandId: 'not-a-uuid' },
      { ...session(), type: 'phase:advance', sessionId: 'x'.repeat(65) },
      { ...session(), type: 'phase:advance', extra: 'x' },
      { ...session(), type: 'phase:explode' },
      { ...session(), type: 'contribution:add', contributionType: 'Feit', text: 'x' },
      { ...session(), type: 'contribution:add', contributionType: 'feit', text: '   ' },
      { ...session(), type: 'contribution:add', contributionType: 'feit', text: 'x'.repeat(4001) },
      { ...session(), type: 'contribution:reveal', contributionType: '' },
      { ...session(), type: 'contribution:rate', contributionId: '', rating: 'goed' },
      { ...session(), type: 'contribution:rate', contributionId: 'c1', rating: 'x'.repeat(41) },
    ];
    for (const input of bad) expect(sessionCommandSchema.safeParse(input).success).toBe(false);
  });

  it('hands the reducer what its own check makes of the command', () => {
    const good: SessionCommandInput[] = [
      { ...session(), type: 'phase:advance' },
      { ...session(), type: 'contribution:add', contributionType: 'feit', text: '  een feit  ' },
      { ...session(), type: 'contribution:add', contributionType: 'feit', text: 'x'.repeat(4000) },
      { ...session(), type: 'contribution:reveal', contributionType: 'hypothese' },
      { ...session(), type: 'contribution:rate', contributionId: 'c1', rating: 'herkenbaar' },
    ];
    for (const input of good) {
      expect(sessionCommandOf(input)).toEqual(sessionCommandSchema.parse(input));
    }
    expect(
      sessionCommandOf({
        ...session(),
        type: 'contribution:add',
        contributionType: 'feit',
        text: ' ',
      }),
    ).toBeNull();
  });
});
