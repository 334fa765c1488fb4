import * as z from 'zod';
import {
  sessionCommandSchema as domainSessionCommandSchema,
  type SessionCommandInput,
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

export const sessionCommandSchema = domainSessionCommandSchema;
export type SessionCommand = SessionCommandInput;
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
