import * as z from 'zod';
import { INTERVISION_ROLES, intervisionMethodSchema } from '@casustafel/domain';

/**
 * Intervision sessions (issue 14 §2) and their attendance records (§4). A session runs on the
 * live-session engine (`session:join` / `session:command` with the session id); these are its
 * REST shapes. Nothing here refers to the source case of the copy.
 */

export const startIntervisionSessionSchema = z
  .strictObject({
    /** A shipped method by id (and version; default the latest shipped)… */
    methodId: z.string().min(1).max(80).optional(),
    methodVersion: z.number().int().min(1).optional(),
    /** …or a trainer's adapted copy, checked whole on the server. */
    method: z.unknown().optional(),
    /** The team members taking part, each in one role; the caller leads (gespreksleider). */
    participants: z
      .array(z.strictObject({ userId: z.uuid(), role: z.enum(INTERVISION_ROLES) }))
      .min(1)
      .max(30),
  })
  .refine((body) => (body.methodId === undefined) !== (body.method === undefined), {
    message: 'give methodId or method',
    path: ['methodId'],
  });
export type StartIntervisionSessionRequest = z.input<typeof startIntervisionSessionSchema>;

const person = z.object({ userId: z.uuid(), displayName: z.string() });

export const intervisionSessionSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  status: z.enum(['running', 'ended']),
  /** The live-session kind (the engine's rules made from the method). */
  kind: z.string(),
  method: intervisionMethodSchema,
  /** The released anonymised copy: its text only. */
  copy: z.object({
    id: z.uuid(),
    title: z.string(),
    sections: z.array(z.object({ key: z.string(), title: z.string(), text: z.string() })),
  }),
  trainer: person,
  participants: z.array(person.extend({ role: z.enum(INTERVISION_ROLES) })),
  /** The caller's role. */
  role: z.enum(INTERVISION_ROLES),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type IntervisionSessionView = z.infer<typeof intervisionSessionSchema>;

/** One of the caller's own sessions (running, or ended in the last weeks): how to find it. */
export const myIntervisionSessionSchema = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'ended']),
  copyTitle: z.string(),
  methodName: z.string(),
  trainerName: z.string(),
  role: z.enum(INTERVISION_ROLES),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type MyIntervisionSession = z.infer<typeof myIntervisionSessionSchema>;

export const intervisionAttendanceSchema = z.object({
  sessionId: z.uuid(),
  userId: z.uuid(),
  participantName: z.string(),
  role: z.enum(INTERVISION_ROLES),
  date: z.iso.date(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  minutes: z.number().int(),
  method: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  trainerName: z.string(),
});
export type IntervisionAttendance = z.infer<typeof intervisionAttendanceSchema>;

/** A period of one's own attendance (both days included); the PDF also takes a language. */
export const attendancePeriodSchema = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    lang: z.enum(['nl', 'en']).default('nl'),
  })
  .refine((q) => q.from <= q.to, { message: 'from after to', path: ['to'] });
export type AttendancePeriodQuery = z.input<typeof attendancePeriodSchema>;
