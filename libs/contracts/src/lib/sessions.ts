import * as z from 'zod';
import {
  entityIdSchema,
  SESSION_CONTRIBUTION_MAX,
  type VisibleSessionEvent,
  type VisibleSessionState,
} from '@casustafel/domain';

/**
 * Live sessions of kinds other than the case meeting (`libs/domain/src/lib/session`): the same
 * engine, one sequence per session; every role receives only its projection.
 */
export const sessionJoinSchema = z.strictObject({
  sessionId: z.uuid(),
  lastSeq: z.number().int().min(0).optional(),
});
export type SessionJoin = z.input<typeof sessionJoinSchema>;

/** A session as the joining role may see it: a snapshot, or the events after `lastSeq`. */
export type SessionJoinResult =
  | { seq: number; role: string; snapshot: VisibleSessionState; events?: undefined }
  | { seq: number; role: string; events: VisibleSessionEvent[]; snapshot?: undefined };

const commandBase = { commandId: z.uuid(), sessionId: entityIdSchema };
/** A contribution type or a rating: a short lowercase name the session's kind declares. */
const kindName = z.string().regex(/^[a-z][a-z-]{0,39}$/);

/**
 * `session:command`: one command of a session. Its output is the domain's `SessionCommand`, the
 * input of `applySessionCommand` (`live-commands.spec.ts` keeps the two the same).
 */
export const sessionCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...commandBase, type: z.literal('phase:advance') }),
  z.strictObject({
    ...commandBase,
    type: z.literal('contribution:add'),
    contributionType: kindName,
    text: z.string().trim().min(1).max(SESSION_CONTRIBUTION_MAX),
  }),
  z.strictObject({
    ...commandBase,
    type: z.literal('contribution:reveal'),
    contributionType: kindName,
  }),
  z.strictObject({
    ...commandBase,
    type: z.literal('contribution:rate'),
    contributionId: z.string().min(1).max(80),
    rating: kindName,
  }),
]);
export type SessionCommand = z.input<typeof sessionCommandSchema>;
export interface SessionCommandResult {
  seq: number;
  duplicate: boolean;
}

/** `session:event`: a committed event as the receiving role may see it. */
export type SessionEventMessage = VisibleSessionEvent & { sessionId: string };

/** `GET /api/live-sessions/:id`: the session as the caller's role may see it now. */
export interface SessionView {
  id: string;
  kind: string;
  role: string;
  seq: number;
  state: VisibleSessionState;
}
