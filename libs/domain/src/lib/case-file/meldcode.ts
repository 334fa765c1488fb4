/**
 * Meldcode huiselijk geweld en kindermishandeling: the five steps, the afwegingskader and a
 * pure state machine for a guided record.
 *
 * Sources (domain-research.md §3.6): steps per augeo.nl/nl-nl/themas/meldcode/meldcode-stappenplan/
 * and inandoutside.nl; kindcheck per chog.nl; afwegingskader (mandatory since 1 January 2019,
 * Wet verplichte meldcode, which changed steps 4 and 5) per handelingsprotocol.nl.
 *
 * Wording: the research document describes the steps and the five afwegingen in English
 * paraphrase. `description` / `question` below are that paraphrase. The Dutch `title` and
 * `questionNl` are working translations, NOT the official wording of the Meldcode or the
 * afwegingskader [verify against the official texts before showing them as quotes].
 */

export const MELDCODE_STEPS = [1, 2, 3, 4, 5] as const;
export type MeldcodeStep = (typeof MELDCODE_STEPS)[number];

export interface MeldcodeStepDefinition {
  step: MeldcodeStep;
  /** Working Dutch title [verify: not the official wording]. */
  title: string;
  /** Description per the research document. */
  description: string;
}

export const MELDCODE_STEP_DEFINITIONS: readonly MeldcodeStepDefinition[] = [
  {
    step: 1,
    title: 'Signalen in kaart brengen',
    description: 'Map the signals: record them objectively and factually; kindcheck.',
  },
  {
    step: 2,
    title: 'Collegiale consultatie',
    description:
      'Consult an expert colleague (aandachtsfunctionaris) and, if needed, Veilig Thuis or a forensic doctor. ' +
      'For honour-related violence, forced marriage or FGM, contact Veilig Thuis directly.',
  },
  {
    step: 3,
    title: 'Gesprek met betrokkene(n)',
    description:
      'Talk with the person(s) involved or the parents and child, unless safety is at risk.',
  },
  {
    step: 4,
    title: 'Wegen van het geweld',
    description:
      'Weigh the violence: nature and severity, using the afwegingskader; if in doubt, ask Veilig Thuis.',
  },
  {
    step: 5,
    title: 'Beslissen: melden en/of hulp',
    description: 'Decide whether reporting is necessary and whether help is (also) possible.',
  },
];

export const AFWEGING_NUMBERS = [1, 2, 3, 4, 5] as const;
export type AfwegingNumber = (typeof AFWEGING_NUMBERS)[number];

export interface Afweging {
  number: AfwegingNumber;
  /** The question and its consequences per the research document (English paraphrase). */
  question: string;
  /** Working Dutch translation [verify: not the official wording of the afwegingskader]. */
  questionNl: string;
}

export const AFWEGINGSKADER: readonly Afweging[] = [
  {
    number: 1,
    question:
      'Is there a suspicion of (threat of) violence or abuse? No → close and record in the file.',
    questionNl: 'Is er een vermoeden van (dreiging van) huiselijk geweld of kindermishandeling?',
  },
  {
    number: 2,
    question:
      'Is there acute and/or structural unsafety? Yes → report to Veilig Thuis, and go through afwegingen 3–5 together with Veilig Thuis.',
    questionNl: 'Is er sprake van acute en/of structurele onveiligheid?',
  },
  {
    number: 3,
    question: 'Am I able to offer or organise effective help? No → report.',
    questionNl: 'Ben ik in staat om effectieve hulp te bieden of te organiseren?',
  },
  {
    number: 4,
    question:
      'Do the people involved accept help and commit to it? No → report; Yes → offer or organise help.',
    questionNl: 'Aanvaarden de betrokkenen de hulp en zeggen zij medewerking toe?',
  },
  {
    number: 5,
    question:
      'Does the help lead to the necessary results for safety and well-being within the desired term? ' +
      'No → report (again); Yes → close, with agreements on monitoring future (un)safety.',
    questionNl:
      'Leidt de hulp binnen de gewenste termijn tot de noodzakelijke resultaten ten aanzien van veiligheid en welzijn?',
  },
];

/** Answers to the afwegingen; a missing key is not (yet) answered. */
export type AfwegingAnswers = Partial<Record<AfwegingNumber, boolean>>;

export const MELDCODE_OUTCOMES = ['melden', 'hulp-organiseren', 'beide', 'geen'] as const;
export type MeldcodeOutcome = (typeof MELDCODE_OUTCOMES)[number];

export const MELDCODE_CONSULTEES = [
  'aandachtsfunctionaris',
  'veilig-thuis',
  'forensisch-arts',
] as const;
export type MeldcodeConsultee = (typeof MELDCODE_CONSULTEES)[number];

/** Forms of violence for which Veilig Thuis must be contacted directly (step 2). */
export const MELDCODE_SPECIAL_FORMS = [
  'eergerelateerd-geweld',
  'huwelijksdwang',
  'vrouwelijke-genitale-verminking',
] as const;
export type MeldcodeSpecialForm = (typeof MELDCODE_SPECIAL_FORMS)[number];

interface StepInputBase {
  /** User id of the professional recording the step. */
  by: string;
  /** What was decided or concluded in this step (plain text). */
  decision: string;
}

export interface Kindcheck {
  /** Are there children (in the household, or whom the client cares for)? */
  kinderenAanwezig: boolean;
  toelichting?: string;
}

export type MeldcodeStepInput =
  | (StepInputBase & { step: 1; kindcheck: Kindcheck })
  | (StepInputBase & {
      step: 2;
      consulted: readonly MeldcodeConsultee[];
      specialForms?: readonly MeldcodeSpecialForm[];
    })
  | (StepInputBase & { step: 3; gesprekGevoerd: boolean; redenGeenGesprek?: string })
  | (StepInputBase & { step: 4; afwegingen: AfwegingAnswers })
  | (StepInputBase & {
      step: 5;
      outcome: MeldcodeOutcome;
      /** Later answers, typically afweging 5 once the help has run. */
      afwegingen?: AfwegingAnswers;
      close: boolean;
      /** Required when closing after successful help (afweging 5 = yes). */
      monitoringAfspraken?: string;
    });

/** A recorded step: the input plus the server time it was recorded (ISO 8601). */
export type MeldcodeStepEntry = MeldcodeStepInput & { at: string };

export interface MeldcodeRecord {
  status: 'open' | 'closed';
  /** Append-only, chronological. */
  entries: readonly MeldcodeStepEntry[];
  /** From the latest step-1 entry. */
  kindcheck: Kindcheck | null;
  /** When and by whom Veilig Thuis was first consulted (step 2), if at all. */
  veiligThuisConsultation: { at: string; by: string } | null;
  /** Merged answers of steps 4 and 5; a later answer replaces an earlier one. */
  afwegingen: AfwegingAnswers;
  /** Latest decision of step 5. */
  outcome: MeldcodeOutcome | null;
  closedAt: string | null;
}

export type MeldcodeErrorCode =
  | 'record-closed'
  | 'step-out-of-order'
  | 'clock-went-back'
  | 'missing-user'
  | 'empty-decision'
  | 'consultation-required'
  | 'veilig-thuis-required'
  | 'reason-required'
  | 'afwegingen-inconsistent'
  | 'afwegingskader-incomplete'
  | 'outcome-not-allowed'
  | 'cannot-close-help-pending'
  | 'monitoring-agreements-required';

export type MeldcodeResult =
  { ok: true; record: MeldcodeRecord } | { ok: false; error: MeldcodeErrorCode };

export function newMeldcodeRecord(): MeldcodeRecord {
  return {
    status: 'open',
    entries: [],
    kindcheck: null,
    veiligThuisConsultation: null,
    afwegingen: {},
    outcome: null,
    closedAt: null,
  };
}

/**
 * Answers that lie behind a decisive answer are inconsistent: afweging 1 = no ends the
 * framework; 3 = no or 4 = no lead to a report, so later questions are moot; 5 is only asked
 * after 4 = yes. Exception: after 2 = yes, 3–5 are gone through together with Veilig Thuis.
 * A gap (answering 3 while 2 is open) is also inconsistent.
 */
export function afwegingenConsistent(answers: AfwegingAnswers): boolean {
  const a = answers;
  const answered = (n: AfwegingNumber) => a[n] !== undefined;
  for (const n of [2, 3, 4, 5] as const) {
    if (answered(n) && !answered((n - 1) as AfwegingNumber)) return false;
  }
  if (a[1] === false && answered(2)) return false;
  if (a[2] === true) return true;
  if (a[3] === false && answered(4)) return false;
  if (a[4] === false && answered(5)) return false;
  return true;
}

/**
 * Outcomes the afwegingskader allows for the given answers; empty while the path to a
 * conclusion is not yet answered (or the answers are inconsistent).
 * - 1 no → geen (close and record);
 * - 2 yes → melden, or beide (help organised together with Veilig Thuis);
 * - 3 no or 4 no → melden;
 * - 4 yes → hulp-organiseren; then 5 no → melden or beide (report again), 5 yes → hulp-organiseren (close with monitoring).
 */
export function allowedOutcomes(answers: AfwegingAnswers): MeldcodeOutcome[] {
  if (!afwegingenConsistent(answers)) return [];
  const a = answers;
  if (a[1] === undefined) return [];
  if (a[1] === false) return ['geen'];
  if (a[2] === undefined) return [];
  if (a[2] === true) return ['melden', 'beide'];
  if (a[3] === undefined) return [];
  if (a[3] === false) return ['melden'];
  if (a[4] === undefined) return [];
  if (a[4] === false) return ['melden'];
  if (a[5] === false) return ['melden', 'beide'];
  return ['hulp-organiseren'];
}

/**
 * Steps that may be recorded next. Steps go in order; the current step may be recorded again
 * (a second consultation, a revised weighing, afweging 5 after the help has run). Nothing on a
 * closed record.
 */
export function nextAllowedSteps(record: MeldcodeRecord): MeldcodeStep[] {
  if (record.status === 'closed') return [];
  const last = record.entries.at(-1);
  if (last === undefined) return [1];
  return last.step === 5 ? [5] : [last.step, (last.step + 1) as MeldcodeStep];
}

function check(record: MeldcodeRecord, entry: MeldcodeStepInput): MeldcodeErrorCode | null {
  if (entry.by.trim() === '') return 'missing-user';
  if (entry.decision.trim() === '') return 'empty-decision';
  switch (entry.step) {
    case 1:
      return null;
    case 2: {
      if (entry.consulted.length === 0) return 'consultation-required';
      const special = (entry.specialForms ?? []).length > 0;
      return special && !entry.consulted.includes('veilig-thuis') ? 'veilig-thuis-required' : null;
    }
    case 3:
      return !entry.gesprekGevoerd && (entry.redenGeenGesprek ?? '').trim() === ''
        ? 'reason-required'
        : null;
    case 4:
      return afwegingenConsistent({ ...record.afwegingen, ...entry.afwegingen })
        ? null
        : 'afwegingen-inconsistent';
    case 5: {
      const answers = { ...record.afwegingen, ...entry.afwegingen };
      if (!afwegingenConsistent(answers)) return 'afwegingen-inconsistent';
      const allowed = allowedOutcomes(answers);
      if (allowed.length === 0) return 'afwegingskader-incomplete';
      if (!allowed.includes(entry.outcome)) return 'outcome-not-allowed';
      if (entry.close && entry.outcome === 'hulp-organiseren') {
        if (answers[5] !== true) return 'cannot-close-help-pending';
        if ((entry.monitoringAfspraken ?? '').trim() === '')
          return 'monitoring-agreements-required';
      }
      return null;
    }
  }
}

/**
 * Records a step at `now`. Returns a new record, or the reason the step is refused; the input
 * record is never changed.
 */
export function applyStep(
  record: MeldcodeRecord,
  entry: MeldcodeStepInput,
  now: Date,
): MeldcodeResult {
  if (record.status === 'closed') return { ok: false, error: 'record-closed' };
  if (!nextAllowedSteps(record).includes(entry.step))
    return { ok: false, error: 'step-out-of-order' };
  const last = record.entries.at(-1);
  if (last !== undefined && now.getTime() < Date.parse(last.at))
    return { ok: false, error: 'clock-went-back' };
  const error = check(record, entry);
  if (error !== null) return { ok: false, error };

  const at = now.toISOString();
  const stored = { ...entry, at } as MeldcodeStepEntry;
  const next: MeldcodeRecord = { ...record, entries: [...record.entries, stored] };
  switch (entry.step) {
    case 1:
      next.kindcheck = { ...entry.kindcheck };
      break;
    case 2:
      if (next.veiligThuisConsultation === null && entry.consulted.includes('veilig-thuis')) {
        next.veiligThuisConsultation = { at, by: entry.by };
      }
      break;
    case 3:
      break;
    case 4:
      next.afwegingen = { ...record.afwegingen, ...entry.afwegingen };
      break;
    case 5:
      next.afwegingen = { ...record.afwegingen, ...entry.afwegingen };
      next.outcome = entry.outcome;
      if (entry.close) {
        next.status = 'closed';
        next.closedAt = at;
      }
      break;
  }
  return { ok: true, record: next };
}

/**
 * The case shows a safety marker while a Meldcode record is in progress: started (step 1
 * recorded) and not closed. A closed record no longer shows it; its outcome stays in the file.
 */
export function isSafetyMarkerActive(record: MeldcodeRecord): boolean {
  return record.status === 'open' && record.entries.length > 0;
}
