/**
 * Intervision methods as data (issue 14 §1). Each method is versioned and names its sources
 * (domain-research.md §3.2). A phase says how long it takes, who speaks, whether the participants
 * write blind (their contributions stay on the server until the gespreksleider reveals them),
 * and what the inbrenger may do: speak, only listen, or be out of the conversation altogether
 * (the incidentmethode's inbrenger leaves the room; the roddelmethode's sits with their back to
 * the group).
 *
 * Time boxes: where a source gives minutes (the timed incidentmethode, fotoscholing.nl) they are
 * used and `minutesFromSource` is true; elsewhere they are defaults for a session of 60–120
 * minutes that a trainer adapts with `copyMethod`.
 *
 * Not shipped: the U-procedure and the vijf-minuten-methode — no source for their phases was
 * found (domain-research.md §3.2), so they are not hard-coded.
 */
import * as z from 'zod';

export const INTERVISION_ROLES = [
  'inbrenger',
  'gespreksleider',
  'timekeeper',
  'deelnemer',
] as const;
export type IntervisionRole = (typeof INTERVISION_ROLES)[number];

export const INTERVISION_ROLE_LABELS: Readonly<Record<IntervisionRole, string>> = {
  inbrenger: 'Inbrenger',
  gespreksleider: 'Gespreksleider',
  timekeeper: 'Tijdbewaker',
  deelnemer: 'Deelnemer',
};

/** What the inbrenger does in a phase. */
export const INBRENGER_MODES = ['speaks', 'listens', 'absent'] as const;
export type InbrengerMode = (typeof INBRENGER_MODES)[number];

/** What participants submit in a phase (if anything). */
export const CONTRIBUTION_KINDS = [
  'case',
  'question',
  'association',
  'analysis',
  'position',
  'advice',
  'reflection',
  'learning-point',
] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'alleen kleine letters, cijfers en streepjes')
  .max(80);

export const methodPhaseSchema = z
  .object({
    key: slug,
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().max(1000),
    minutes: z.number().int().min(1).max(240),
    minutesFromSource: z.boolean(),
    inbrenger: z.enum(INBRENGER_MODES),
    /** What participants contribute in this phase; null for a conversation without submissions. */
    contribution: z.enum(CONTRIBUTION_KINDS).nullable(),
    /** Contributions are written alone and stay hidden until the gespreksleider reveals them. */
    blind: z.boolean(),
    /** The inbrenger rates the questions of this phase (koud / lauw / warm). */
    inbrengerRatesQuestions: z.boolean(),
  })
  .strict()
  .superRefine((phase, ctx) => {
    if (phase.blind && phase.contribution === null)
      ctx.addIssue({
        code: 'custom',
        path: ['contribution'],
        message: 'een blinde ronde heeft een soort bijdrage nodig',
      });
    if (phase.inbrengerRatesQuestions && phase.contribution !== 'question')
      ctx.addIssue({
        code: 'custom',
        path: ['inbrengerRatesQuestions'],
        message: 'de inbrenger waardeert alleen vragen',
      });
    if (phase.inbrengerRatesQuestions && phase.inbrenger === 'absent')
      ctx.addIssue({
        code: 'custom',
        path: ['inbrengerRatesQuestions'],
        message: 'een afwezige inbrenger kan geen vragen waarderen',
      });
  });
export type MethodPhase = z.infer<typeof methodPhaseSchema>;

export const methodSourceSchema = z
  .object({ title: z.string().trim().min(1).max(200), url: z.url().max(500) })
  .strict();
export type MethodSource = z.infer<typeof methodSourceSchema>;

export const intervisionMethodSchema = z
  .object({
    id: slug,
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(120),
    summary: z.string().trim().max(2000),
    sources: z.array(methodSourceSchema).max(20),
    roles: z.array(z.enum(INTERVISION_ROLES)).min(2),
    participants: z
      .object({ min: z.number().int().min(2).max(30), max: z.number().int().min(2).max(30) })
      .strict(),
    phases: z.array(methodPhaseSchema).min(1).max(30),
    derivedFrom: z
      .object({ id: slug, version: z.number().int().min(1) })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine((method, ctx) => {
    for (const role of ['inbrenger', 'gespreksleider'] as const)
      if (!method.roles.includes(role))
        ctx.addIssue({ code: 'custom', path: ['roles'], message: `de rol ${role} ontbreekt` });
    if (new Set(method.roles).size !== method.roles.length)
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'een rol staat er dubbel in' });
    const keys = new Set<string>();
    method.phases.forEach((phase, index) => {
      if (keys.has(phase.key))
        ctx.addIssue({
          code: 'custom',
          path: ['phases', index, 'key'],
          message: `fase ${phase.key} staat er dubbel in`,
        });
      keys.add(phase.key);
    });
    if (method.participants.max < method.participants.min)
      ctx.addIssue({
        code: 'custom',
        path: ['participants'],
        message: 'het maximum ligt onder het minimum',
      });
    if (totalMinutes(method) > 480)
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'samen langer dan 8 uur' });
    if (method.derivedFrom?.id === method.id)
      ctx.addIssue({
        code: 'custom',
        path: ['derivedFrom'],
        message: 'een kopie heeft een eigen id',
      });
  });
export type IntervisionMethod = z.infer<typeof intervisionMethodSchema>;

export function totalMinutes(method: Pick<IntervisionMethod, 'phases'>): number {
  return method.phases.reduce((sum, phase) => sum + phase.minutes, 0);
}

export type MethodValidation =
  | { ok: true; method: IntervisionMethod }
  | { ok: false; issues: { path: string; message: string }[] };

/** Checks a method (shipped, copied or edited by a trainer) before it is stored or run. */
export function validateMethod(input: unknown): MethodValidation {
  const result = intervisionMethodSchema.safeParse(input);
  if (result.success) return { ok: true, method: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  };
}

/** The phases in which the inbrenger may not contribute (listens, or is out of the room). */
export function listenOnlyPhases(method: IntervisionMethod): MethodPhase[] {
  return method.phases.filter((phase) => phase.inbrenger !== 'speaks');
}

export function blindPhases(method: IntervisionMethod): MethodPhase[] {
  return method.phases.filter((phase) => phase.blind);
}

export interface MethodChanges {
  name?: string;
  summary?: string;
  participants?: IntervisionMethod['participants'];
  roles?: IntervisionMethod['roles'];
  phases?: MethodPhase[];
}

/**
 * A trainer's copy-and-adapt: a new method with its own id, version 1, that remembers which
 * method and version it came from. Pure: the caller chooses the id. Sources stay (the copy is
 * still based on them).
 */
export function copyMethod(
  method: IntervisionMethod,
  id: string,
  changes: MethodChanges = {},
): MethodValidation {
  return validateMethod({
    ...structuredClone(method),
    ...structuredClone(changes),
    id,
    version: 1,
    name: changes.name ?? `${method.name} (eigen versie)`,
    derivedFrom: { id: method.id, version: method.version },
  });
}

/** A new version of the same method (an edit of one's own copy): version + 1, same lineage. */
export function reviseMethod(method: IntervisionMethod, changes: MethodChanges): MethodValidation {
  return validateMethod({
    ...structuredClone(method),
    ...structuredClone(changes),
    version: method.version + 1,
  });
}
