import * as z from 'zod';

/**
 * Casusvoorbereiding: what an inbrenger prepares before a case is discussed.
 *
 * No national template exists (domain-research.md §3.4); the fields combine the sources there:
 * a clear question to the team (mariskavandersteege.nl), facts as a timeline kept apart from
 * opinions, krachten en zorgen, what was tried, options / proposed decision and bottom lines
 * (Viervensters®, Van Montfoort; FGC "bottom line"), a ZRM snapshot and the network, and the
 * optional Signs of Safety block (three columns plus the 0–10 scale, §3.7).
 *
 * Text is plain text. It is stored exactly as typed: `<` and `>` are legitimate ("score < 3",
 * "<3 jaar") and are neither stripped nor rejected. Rendering must always escape (Angular
 * interpolation does; never bind case text to `innerHTML`). What is refused are control
 * characters other than tab and line breaks, which are never text. Data minimisation
 * ("verzamel niet meer informatie dan nodig", Richtlijn Samen beslissen over hulp) is why
 * every field is capped.
 */

export const PREPARATION_TEXT_MAX = 10_000;
export const PREPARATION_QUESTION_MIN = 10;
export const PREPARATION_QUESTION_MAX = 500;
export const PREPARATION_TIMELINE_MAX_ENTRIES = 200;
export const PREPARATION_TIMELINE_TEXT_MAX = 2_000;
export const PREPARATION_STATUSES = ['draft', 'ready'] as const;
export type PreparationStatus = (typeof PREPARATION_STATUSES)[number];

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Length in characters (code points), not UTF-16 units. */
function length(value: string): number {
  return [...value].length;
}

/** Plain text up to `max` characters; stored verbatim (no trimming, no stripping). */
export function plainText(max: number) {
  return z
    .string()
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'control-characters' })
    .refine((value) => length(value) <= max, { message: 'too-long' });
}

/**
 * Timeline dates may be imprecise, as life events often are: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * (a real calendar date).
 */
export const timelineDateSchema = z.string().refine(isTimelineDate, { message: 'invalid-date' });

function isTimelineDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m === null) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), month - 1, Number(d)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === Number(d);
}

const referenceSchema = z.string().min(1).max(100);

export const signsOfSafetySchema = z.strictObject({
  /** What are we worried about? (past harm, future danger, complicating factors) */
  zorgen: plainText(PREPARATION_TEXT_MAX).default(''),
  /** What's working well? (existing strengths, existing safety) */
  watGaatGoed: plainText(PREPARATION_TEXT_MAX).default(''),
  /** What needs to happen? (safety goals, next steps) */
  watMoetErGebeuren: plainText(PREPARATION_TEXT_MAX).default(''),
  /** 10 = safe, the case can be closed; 0 = dangerous for the child. Null while not judged. */
  veiligheidsschaal: z.number().int().min(0).max(10).nullable().default(null),
});
export type SignsOfSafety = z.infer<typeof signsOfSafetySchema>;

const fields = {
  status: z.enum(PREPARATION_STATUSES),
  /** The question to the team. Required (10–500 characters) to be `ready`. */
  vraag: plainText(PREPARATION_QUESTION_MAX).default(''),
  /** Facts, kept apart from opinions, as a timeline of life events and earlier interventions. */
  tijdlijn: z
    .array(
      z.strictObject({
        datum: timelineDateSchema,
        tekst: plainText(PREPARATION_TIMELINE_TEXT_MAX).min(1),
      }),
    )
    .max(PREPARATION_TIMELINE_MAX_ENTRIES)
    .default([]),
  krachten: plainText(PREPARATION_TEXT_MAX).default(''),
  zorgen: plainText(PREPARATION_TEXT_MAX).default(''),
  /** What has been tried (eerdere hulpverlening). */
  geprobeerd: plainText(PREPARATION_TEXT_MAX).default(''),
  opties: plainText(PREPARATION_TEXT_MAX).default(''),
  voorgesteldBesluit: plainText(PREPARATION_TEXT_MAX).default(''),
  /** Bottom lines (ondergrenzen) any plan must meet. */
  ondergrenzen: plainText(PREPARATION_TEXT_MAX).default(''),
  /** Id of the ZRM assessment this preparation refers to (a snapshot, not a copy). */
  zrmAssessmentId: referenceSchema.nullable().default(null),
  /** Id of the network picture (genogram / ecogram) this preparation refers to. */
  netwerkId: referenceSchema.nullable().default(null),
  signsOfSafety: signsOfSafetySchema.nullable().default(null),
};

export type PreparationMissingItem = 'vraag';

/**
 * What is still missing before a preparation may be marked `ready`; empty when it may. Only the
 * question to the team is mandatory: at least 10 characters, ignoring surrounding whitespace.
 */
export function canMarkReady(preparation: { vraag?: string | null }): PreparationMissingItem[] {
  const question = (preparation.vraag ?? '').trim();
  return length(question) >= PREPARATION_QUESTION_MIN ? [] : ['vraag'];
}

/** The editable content of a preparation (everything but its status). */
export const casePreparationContentSchema = z.strictObject(
  Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'status')) as Omit<
    typeof fields,
    'status'
  >,
);
export type CasePreparationContent = z.infer<typeof casePreparationContentSchema>;

/** A casusvoorbereiding; a `ready` one must pass `canMarkReady`. */
export const casePreparationSchema = z.strictObject(fields).superRefine((value, ctx) => {
  if (value.status !== 'ready') return;
  for (const item of canMarkReady(value)) {
    ctx.addIssue({ code: 'custom', path: [item], message: 'required-for-ready' });
  }
});
export type CasePreparation = z.infer<typeof casePreparationSchema>;
